// Runs every rule's own examples: the findings at exactly the marked ranges, no finding where none is marked, and each
// documented fix applied and re-linted (its finding gone, nothing new, supervisord's loader still accepting the file).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { lintText, type LintFinding } from '../../server/src/lint';
import { RULES } from '../../server/src/rules';
import { examplePath, looksLikeMainConfig, readMarks } from '../../server/src/rules/examples';
import type { Fix, Rule, RuleExample } from '../../server/src/rules/types';
import { applyEdits } from '../helpers/edits';
import { memorySource } from '../helpers/memorySource';

function lintExample(example: RuleExample, text: string): LintFinding[] {
  const path = examplePath(example, text);
  const files = { ...example.files, [path]: text };
  return lintText(text, { path, settings: example.settings, source: memorySource(files) });
}

const show = (text: string, f: LintFinding) => {
  const lines = text.split('\n').slice(f.range.start.line, f.range.end.line + 1);
  return `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${JSON.stringify(lines.join('\n'))}`;
};

const countByRule = (findings: LintFinding[]) => {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return counts;
};

/** Pairs (before, after) of every fixed example, judged together by the loader at the end. */
const judged: { text: string; as_include: boolean; label: string }[] = [];

function checkFix(rule: Rule, example: RuleExample, text: string, before: LintFinding[], fix: Fix, expected: string): void {
  const label = `${rule.id} "${fix.title}"`;
  const fixed = applyEdits(text, fix.edits);
  assert.equal(fixed, expected, `${label}: the fixed text differs`);
  const after = countByRule(lintExample(example, fixed));
  const counts = countByRule(before);
  assert.ok((after.get(rule.id) ?? 0) < counts.get(rule.id)!, `${label} leaves its finding`);
  for (const [id, count] of after) assert.ok(count <= (counts.get(id) ?? 0), `${label} adds ${id}:\n${fixed}`);
  const asInclude = !looksLikeMainConfig(text);
  judged.push({ text, as_include: asInclude, label }, { text: fixed, as_include: asInclude, label });
}

describe('rule examples', () => {
  for (const rule of RULES) {
    test(rule.id, () => {
      const marked = rule.examples.filter((e) => readMarks(e.config).ranges.length > 0);
      assert.ok(marked.length > 0, `${rule.id} has no example that must produce it`);
      assert.ok(marked.length < rule.examples.length, `${rule.id} has no example that must not produce it`);
      const exercised = new Set<string>();
      for (const example of rule.examples) {
        const { text, ranges } = readMarks(example.config);
        const all = lintExample(example, text);
        const own = all.filter((f) => f.rule === rule.id);
        assert.deepEqual(
          own.map((f) => show(text, f)),
          ranges.map((range) => show(text, { range } as LintFinding)),
          `${rule.id} on:\n${text}`,
        );
        if (!own.length) continue;
        const fixes = own[0].fixes;
        if (example.fixed !== undefined) {
          const preferred = fixes.find((f) => f.preferred);
          assert.ok(preferred, `${rule.id}: no preferred fix, but the example gives a fixed text`);
          checkFix(rule, example, text, all, preferred, example.fixed);
          exercised.add(preferred.kind);
        } else {
          assert.ok(!fixes.some((f) => f.preferred), `${rule.id}: the example must show the preferred fix's result (fixed):\n${text}`);
        }
        for (const other of example.alsoFixed ?? []) {
          const fix = fixes.find((f) => f.title.includes(other.title));
          assert.ok(fix, `${rule.id}: no fix titled like "${other.title}" (${fixes.map((f) => f.title).join(', ')})`);
          checkFix(rule, example, text, all, fix, other.fixed);
          exercised.add(fix.kind);
        }
      }
      assert.deepEqual([...exercised].sort(), Object.keys(rule.fixes).sort(), `${rule.id}: every declared fix is shown by an example`);
    });
  }

  test("supervisord's loader accepts every fixed example whose original it accepted", () => {
    assert.ok(judged.length > 0);
    const run = spawnSync('/usr/bin/python3', ['test/conformance/loader.py', '--batch'], {
      input: JSON.stringify(judged),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(run.status, 0, run.stderr || "needs Debian's supervisor package: apt-get install supervisor");
    const verdicts = JSON.parse(run.stdout) as { accepted: boolean; message: string | null }[];
    for (let i = 0; i < verdicts.length; i += 2) {
      if (verdicts[i].accepted)
        assert.ok(
          verdicts[i + 1].accepted,
          `${judged[i].label} breaks a config the loader accepted: ${verdicts[i + 1].message}\n${judged[i + 1].text}`,
        );
    }
  });
});
