// Accepting a key offered by completion on a new line at the end of a section, over every fixture and seeded variants
// of it, judged by the fix-safety property (harness.ts): the section gains that key and nothing else changes. Every
// key of every section kind is tried at least once, and a seeded sample besides.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompletionItemKind } from 'vscode-languageserver';
import { completion } from '../../server/src/features/completion';
import { analyzeDocument } from '../../server/src/lint';
import type { ConfigFile, Section } from '../../server/src/parser';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { applyEdits } from '../helpers/edits';
import { expandSnippet } from '../helpers/snippets';
import { random } from '../hostile/mutations';
import { assertSafe, nothing, subjects, type Case, type Subject } from './harness';

/** The text with a new line after the section, indented like its keys, and where the cursor stands on it. */
function newLine(subject: Subject, section: Section, { lineLengths, lineStarts, eol }: ConfigFile) {
  const anchor = section.entries[section.entries.length - 1]?.keyRange.start ?? section.headerRange.start;
  const indent = subject.text.slice(lineStarts[anchor.line], lineStarts[anchor.line] + anchor.character);
  const line = section.range.end.line + 1;
  const edit =
    line < lineLengths.length
      ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${eol}` }
      : {
          range: { start: { line: line - 1, character: lineLengths[line - 1] }, end: { line: line - 1, character: lineLengths[line - 1] } },
          newText: `${eol}${indent}`,
        };
  return { text: applyEdits(subject.text, [edit]), cursor: { line, character: indent.length } };
}

test('accepting an offered key adds that key and changes nothing else', () => {
  const rng = random(10);
  const tried = new Set<string>();
  const cases: Case[] = [];
  for (const subject of subjects(2)) {
    const { file } = analyzeDocument(subject.text, undefined, DEFAULT_SETTINGS).model;
    for (const section of file.sections) {
      const { text, cursor } = newLine(subject, section, file);
      const analysis = analyzeDocument(text, undefined, DEFAULT_SETTINGS);
      for (const item of completion(analysis, cursor, { snippets: true })) {
        if (item.kind !== CompletionItemKind.Property || !item.textEdit || !('range' in item.textEdit)) continue;
        const inserted = expandSnippet(item.textEdit.newText);
        // An empty placeholder is the user's to fill: the item is not done until they do.
        if (/=\s*$/.test(inserted)) continue;
        const id = `${section.kind}\0${item.label}`;
        if (tried.has(id) && rng() > 0.02) continue;
        tried.add(id);
        cases.push({
          label: `${subject.label}: [${section.name}] completes ${JSON.stringify(inserted)}`,
          subject,
          after: applyEdits(text, [{ range: item.textEdit.range, newText: inserted }]),
          allowance: { ...nothing(), newKeysIn: new Set([section.name]) },
        });
      }
    }
  }
  assert.ok(tried.size > 100, `only ${tried.size} keys tried`);
  assertSafe(cases);
});
