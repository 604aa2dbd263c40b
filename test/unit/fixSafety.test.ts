// Every quick fix on every fixture is safe: its edits apply cleanly, its finding goes away, no rule reports more than
// before, no syntax error appears, a CRLF file keeps CRLF line breaks, and a config supervisord's loader accepted is still accepted afterwards.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findings } from '../helpers/lint';
import { applyEdits } from '../helpers/edits';

const fixtures = readdirSync('test/fixtures', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(conf|ini)$/.test(f))
  .map((f) => join('test/fixtures', f));

const countByRule = (text: string) => {
  const counts = new Map<string, number>();
  for (const f of findings(text)) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return counts;
};
const isFragment = (text: string) => !/^\[supervisord\]/m.test(text);
/** Fixes that make supervisord read text it ignored (a misspelt section or key): what that text says is checked anew. */
const ACTIVATES_IGNORED_TEXT = new Set(['config/unknown-section', 'config/unknown-key']);

test('every fix of every fixture finding is safe', () => {
  const judged: { text: string; as_include: boolean }[] = [];
  const labels: string[] = [];
  let fixesTried = 0;
  for (const file of fixtures) {
    const text = readFileSync(file, 'utf8');
    const before = countByRule(text);
    for (const finding of findings(text)) {
      for (const fix of finding.fixes) {
        fixesTried++;
        const label = `${file}: ${finding.rule} "${fix.title}"`;
        const fixed = applyEdits(text, fix.edits);
        if (/\r\n/.test(text) && !/(^|[^\r])\n/.test(text))
          assert.doesNotMatch(fixed, /(^|[^\r])\n/, `${label} mixes line breaks into a CRLF file`);
        const after = countByRule(fixed);
        assert.ok((after.get(finding.rule) ?? 0) < before.get(finding.rule)!, `${label} leaves its finding:\n${fixed}`);
        const syntaxErrors = (counts: Map<string, number>) =>
          [...counts].filter(([rule]) => rule.startsWith('syntax/')).reduce((n, [, c]) => n + c, 0);
        assert.ok(syntaxErrors(after) <= syntaxErrors(before), `${label} adds a syntax error:\n${fixed}`);
        if (ACTIVATES_IGNORED_TEXT.has(finding.rule)) continue;
        for (const [rule, count] of after) assert.ok(count <= (before.get(rule) ?? 0), `${label} adds ${rule}:\n${fixed}`);
        judged.push({ text, as_include: isFragment(text) }, { text: fixed, as_include: isFragment(text) });
        labels.push(label);
      }
    }
  }
  assert.ok(fixesTried >= 50, `only ${fixesTried} fixes exercised`);
  const run = spawnSync('/usr/bin/python3', ['test/conformance/loader.py', '--batch'], {
    input: JSON.stringify(judged),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  const verdicts = JSON.parse(run.stdout) as { accepted: boolean; message: string | null }[];
  for (let i = 0; i < verdicts.length; i += 2) {
    if (verdicts[i].accepted)
      assert.ok(
        verdicts[i + 1].accepted,
        `${labels[i / 2]} breaks a config the loader accepted: ${verdicts[i + 1].message}\n${judged[i + 1].text}`,
      );
  }
});
