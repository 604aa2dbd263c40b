// The unified diff --fix-dry-run prints: applying its hunks to the old text gives the new text, on random edits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unifiedDiff } from '../../server/src/cli/diff';

/** Applies a unified diff's hunks (as `patch` does, at their stated positions) to the old lines. */
function patch(oldLines: string[], diff: string): string[] {
  const result: string[] = [];
  let at = 0;
  const lines = diff.split('\n').slice(2, -1);
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[i]);
    assert.ok(header, lines[i]);
    const start = Number(header[1]) - (header[2] === '0' ? 0 : 1);
    result.push(...oldLines.slice(at, start));
    at = start;
    for (; i + 1 < lines.length && !lines[i + 1].startsWith('@@'); i++) {
      const [kind, text] = [lines[i + 1][0], lines[i + 1].slice(1)];
      if (kind !== '+') assert.equal(oldLines[at++], text, 'context and removed lines match the old text');
      if (kind !== '-') result.push(text);
    }
  }
  return [...result, ...oldLines.slice(at)];
}

test('hunks rebuild the new text from the old one', () => {
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let round = 0; round < 300; round++) {
    const old = Array.from({ length: random(40) }, () => `line ${random(6)}`);
    const next = old.flatMap((line) => [[], [line], [line], [line, `new ${random(3)}`], [`changed ${random(3)}`]][random(5)]);
    const diff = unifiedDiff(`${old.join('\n')}\n`, `${next.join('\n')}\n`, 'a/x', 'b/x');
    assert.deepEqual(patch(old, diff), next, diff);
    if (old.join('\n') === next.join('\n')) assert.equal(diff, '--- a/x\n+++ b/x\n');
  }
});
