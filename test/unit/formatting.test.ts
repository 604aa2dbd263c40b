// Formatting is idempotent and never changes what supervisord reads: every fixture is formatted twice in each
// style; the second pass must change nothing and supervisord's own parser must read the same sections and values.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/src/analysis/model';
import { formatDocument } from '../../server/src/features/formatting';
import type { SpaceAroundEquals } from '../../server/src/settings';

const fixtures = readdirSync('test/fixtures', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(conf|ini)$/.test(f))
  .map((f) => join('test/fixtures', f));

/** Tricky texts on top of the fixtures: comment markers next to delimiters, CRLF, tabs, continuation lines. */
const EXTRA = [
  '[program:a]\ncommand=/bin/cat\nautostart=;x\nb =  ;c\nc=#d\nd :\t v  \n',
  '[a]\r\nk  =  v\r\n\r\n\r\n\r\n[b]\r\nk=v\r\n',
  '; head\n[a]\nk=v\n  cont\n\n  more\n; c1\n; c2\n[b]\nx=1\n\n\n',
  '[a]\nk=\n  indented\n[b]\n',
];

function format(text: string, equals: SpaceAroundEquals): string {
  const edits = formatDocument(analyzeText(text), { equals });
  return TextDocument.applyEdits(TextDocument.create('file:///x.conf', 'supervisor', 1, text), edits);
}

test('formatting twice changes nothing the second time, and the loader reads the same config', () => {
  const texts = [...fixtures.map((f) => readFileSync(f, 'utf8')), ...EXTRA];
  assert.ok(fixtures.length >= 3, 'fixtures found');
  const pairs: string[] = [];
  for (const text of texts) {
    for (const style of ['keep', 'always', 'never'] as const) {
      const once = format(text, style);
      assert.equal(format(once, style), once, `not idempotent (${style}):\n${text}`);
      pairs.push(text, once);
    }
  }
  const run = spawnSync('/usr/bin/python3', ['test/tools/configparser_dump.py'], {
    input: JSON.stringify(pairs),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  const views: unknown[] = JSON.parse(run.stdout);
  for (let i = 0; i < views.length; i += 2) {
    const { errors: before, ...readBefore } = views[i] as { errors: number[] };
    const { errors: after, ...readAfter } = views[i + 1] as { errors: number[] };
    assert.deepEqual(readAfter, readBefore, `formatting changed what the loader reads:\n${pairs[i]}\n---\n${pairs[i + 1]}`);
    assert.equal(after.length, before.length, 'formatting changed the number of syntax errors');
  }
});

test('a range formats only its lines', () => {
  const text = '[a]\nk = v  \nj = w  \n';
  const edits = formatDocument(analyzeText(text), {
    equals: 'never',
    range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
  });
  assert.equal(TextDocument.applyEdits(TextDocument.create('file:///x.conf', 'supervisor', 1, text), edits), '[a]\nk = v  \nj=w\n');
});

test('trailing whitespace of a 200 KB line is removed in one edit (a scan, not a backtracking regex)', () => {
  const text = `[a]\nk=v${' \t'.repeat(100_000)}x${' '.repeat(200_000)}\n`;
  const edits = formatDocument(analyzeText(text), { equals: 'never' });
  assert.deepEqual(edits, [{ range: { start: { line: 1, character: 200_004 }, end: { line: 1, character: 400_004 } }, newText: '' }]);
});
