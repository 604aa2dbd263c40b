// Quick fixes and fix-all, over every fixture and seeded variants of it, judged by the fix-safety property (harness.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeActionKind, type TextEdit as LspEdit } from 'vscode-languageserver';
import { analyzeText } from '../../server/src/analysis/model';
import { codeActions } from '../../server/src/features/codeActions';
import type { Fix } from '../../server/src/rules/types';
import type { Diagnosis } from '../../server/src/rules/engine';
import { findings } from '../helpers/lint';
import { applied, assertSafe, fixAllowance, nothing, subjects, type Case } from './harness';

const SUBJECTS = subjects(3);

function fixAll(diagnoses: Diagnosis[]): LspEdit[] {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const actions = codeActions(
    { uri: 'file:///x.conf', version: 1 },
    diagnoses,
    { textDocument: { uri: 'file:///x.conf' }, range, context: { diagnostics: [], only: [CodeActionKind.SourceFixAll] } },
    (d) => ({ range: d.range, message: d.message }),
    false,
  );
  return actions.flatMap((a) => a.edit?.changes?.['file:///x.conf'] ?? []);
}

test('every quick fix and fix-all keeps an accepted config accepted, and every comment and value it is not about', () => {
  const cases: Case[] = [];
  for (const subject of SUBJECTS) {
    const model = analyzeText(subject.text);
    const diagnoses = findings(subject.text);
    // Fix-all hands back the very edit objects of the fixes it takes (one object may serve several fixes).
    const owner = new Map<LspEdit, { finding: Diagnosis; fix: Fix }>();
    for (const finding of diagnoses) {
      for (const fix of finding.fixes) {
        if (fix.safe && fix.preferred) for (const edit of fix.edits) owner.set(edit, { finding, fix });
        cases.push({
          label: `${subject.label}: ${finding.rule} "${fix.title}" at line ${finding.range.start.line + 1}`,
          subject,
          after: applied(subject, fix.edits),
          allowance: { ...fixAllowance(model, finding.range, fix.edits), activates: !fix.safe },
        });
      }
    }
    const all = fixAll(diagnoses);
    if (all.length === 0) continue;
    const allowance = nothing();
    for (const edit of all) {
      const from = owner.get(edit);
      assert.ok(from, `${subject.label}: fix-all applies an edit of no safe preferred fix`);
      fixAllowance(model, from.finding.range, from.fix.edits, allowance);
    }
    cases.push({ label: `${subject.label}: fix-all`, subject, after: applied(subject, all), allowance });
  }
  assert.ok(cases.length > 1000, `only ${cases.length} fixes tried`);
  assertSafe(cases);
});
