// Lints text and applies fixes the way an editor would, checking that a fix removes its finding and adds none.
import assert from 'node:assert/strict';
import { lintText, type LintFinding, type LintOptions } from '../../server/src/lint';
import { applyEdits } from './edits';

export function findings(text: string, rule?: string, settings?: unknown, options: LintOptions = {}): LintFinding[] {
  return lintText(text, { settings, ...options }).filter((f) => !rule || f.rule === rule);
}

/** Applies a fix, re-lints, and checks the finding is gone and nothing new appeared. */
export function applyFix(text: string, rule: string, title?: RegExp, settings?: unknown): string {
  const before = findings(text, undefined, settings);
  const target = before.find((f) => f.rule === rule);
  assert.ok(target, `${rule} not reported on:\n${text}`);
  const fix = title ? target.fixes.find((f) => title.test(f.title)) : target.fixes.find((f) => f.preferred);
  assert.ok(fix, `no matching fix for ${rule}: ${target.fixes.map((f) => f.title).join(', ')}`);
  const fixed = applyEdits(text, fix.edits);
  const after = findings(fixed, undefined, settings);
  assert.equal(
    after.filter((f) => f.rule === rule).length,
    before.filter((f) => f.rule === rule).length - 1,
    `${rule} still reported:\n${fixed}`,
  );
  const known = new Set(before.map((f) => `${f.rule}|${f.message}`));
  const added = after.filter((f) => !known.has(`${f.rule}|${f.message}`));
  assert.deepEqual(added, [], `the fix introduced new findings:\n${fixed}`);
  return fixed;
}
