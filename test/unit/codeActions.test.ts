// Code actions: a cursor request gets the quick fixes of the findings there and nothing else; fix-all (only when
// asked for) applies the preferred safe fixes that share no text, in one sort and one sweep.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeActionKind, type CodeActionParams, type TextEdit } from 'vscode-languageserver';
import { codeActions } from '../../server/src/features/codeActions';
import { compatibleEdits } from '../../server/src/rules/compatibleEdits';
import type { Range } from '../../server/src/parser';
import type { Diagnosis } from '../../server/src/rules/engine';
import { applyEdits } from '../helpers/edits';
import { findings } from '../helpers/lint';

const span = (line: number, from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });
const edit = (line: number, from: number, to: number, newText = 'x'): TextEdit => ({ range: span(line, from, to), newText });

test('fixes sharing text with an earlier fix are left out; touching ranges and insertions at an end are kept', () => {
  const replaceAB = edit(0, 0, 2, 'R');
  const touching = edit(0, 2, 4, 'T');
  const insertAtEnd = edit(0, 2, 2, 'I');
  const insertInside = edit(0, 1, 1, 'no');
  const overlapping = edit(0, 3, 6, 'no');
  assert.deepEqual(compatibleEdits([[replaceAB], [touching], [insertAtEnd], [insertInside], [overlapping]]), [
    replaceAB,
    insertAtEnd,
    touching,
  ]);
  // The earlier fix wins even when it lies further right.
  assert.deepEqual(compatibleEdits([[edit(5, 2, 8)], [edit(5, 0, 4)]]), [edit(5, 2, 8)]);
  // A fix of two edits far apart keeps out what overlaps either of them; unrelated fixes stay in.
  const removal = edit(1, 10, 20, '');
  const insertion = edit(9, 0, 0, 'stopwaitsecs=600\n');
  const clash = edit(1, 15, 25);
  const elsewhere = edit(4, 0, 3);
  assert.deepEqual(compatibleEdits([[removal, insertion], [clash], [elsewhere]]), [removal, elsewhere, insertion]);
  // Insertions at one point from different fixes all apply, in fix order.
  const [first, second] = [edit(2, 4, 4, 'a'), edit(2, 4, 4, 'b')];
  assert.deepEqual(compatibleEdits([[first], [second]]), [first, second]);
  // A chain a-b-c is one cluster: only its first fix applies now, c waits for the next fix-all.
  assert.deepEqual(compatibleEdits([[edit(3, 0, 4)], [edit(3, 3, 8)], [edit(3, 7, 9)]]), [edit(3, 0, 4)]);
});

function diagnosis(range: Range, fixes: Diagnosis['fixes']): Diagnosis {
  return { rule: 'test/rule', severity: 'warning', message: 'm', range, fixes };
}

const params = (range: Range, only?: string[]): CodeActionParams => ({
  textDocument: { uri: 'file:///x.conf' },
  range,
  context: { diagnostics: [], only },
});
const actionsFor = (diagnoses: Diagnosis[], p: CodeActionParams) =>
  codeActions({ uri: 'file:///x.conf', version: 1 }, diagnoses, p, (d) => ({ range: d.range, message: d.message }), false);

test('a cursor request gets only the quick fixes of the findings it touches; fix-all only when asked for', () => {
  const diagnoses = [
    diagnosis(span(1, 0, 5), [{ kind: 'a', title: 'Fix one', edits: [edit(1, 0, 5)], preferred: true, safe: true }]),
    diagnosis(span(3, 0, 5), [
      { kind: 'b', title: 'Fix two', edits: [edit(3, 0, 5)], preferred: true, safe: true },
      { kind: 'c', title: 'Other way', edits: [edit(3, 0, 1)], safe: true },
    ]),
    diagnosis(span(5, 0, 5), [{ kind: 'd', title: 'Unsafe', edits: [edit(5, 0, 5)], preferred: true, safe: false }]),
  ];
  const titles = (p: CodeActionParams) => actionsFor(diagnoses, p).map((a) => [a.kind, a.title]);
  assert.deepEqual(titles(params(span(3, 2, 2))), [
    [CodeActionKind.QuickFix, 'Fix two'],
    [CodeActionKind.QuickFix, 'Other way'],
  ]);
  assert.deepEqual(titles(params(span(3, 2, 2), [CodeActionKind.QuickFix])), titles(params(span(3, 2, 2))));
  const fixAll = [[CodeActionKind.SourceFixAll, 'Fix all auto-fixable Supervisor problems']];
  assert.deepEqual(titles(params(span(0, 0, 0), [CodeActionKind.SourceFixAll])), fixAll);
  assert.deepEqual(titles(params(span(0, 0, 0), [CodeActionKind.Source])), fixAll);
  // Fix-all takes preferred safe fixes only.
  const [all] = actionsFor(diagnoses, params(span(0, 0, 0), [CodeActionKind.SourceFixAll]));
  assert.deepEqual(all.edit?.changes?.['file:///x.conf'], [edit(1, 0, 5), edit(3, 0, 5)]);
});

test('fix-all over 20,000 findings: every fix, sorted, none overlapping, applied text exact', () => {
  const programs = 10_000;
  const program = (i: number, command: string) => `[program:w${i}]\ncommand=celery -A p worker${command}\n`;
  const text = `[supervisord]\n${Array.from({ length: programs }, (_, i) => program(i, '')).join('')}`;
  const diagnoses = findings(text);
  assert.equal(diagnoses.length, 2 * programs);
  const [all] = actionsFor(diagnoses, params(span(0, 0, 0), [CodeActionKind.SourceFixAll]));
  const edits = all.edit!.changes!['file:///x.conf'];
  assert.equal(edits.length, 2 * programs);
  for (let i = 1; i < edits.length; i++) {
    const [a, b] = [edits[i - 1].range, edits[i].range];
    assert.ok(
      a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character <= b.start.character),
      `edits ${i - 1} and ${i} overlap or are out of order`,
    );
  }
  const expected = `[supervisord]\n${Array.from({ length: programs }, (_, i) => `${program(i, ' -l info')}stopwaitsecs=600\n`).join('')}`;
  assert.equal(applyEdits(text, edits), expected);
});
