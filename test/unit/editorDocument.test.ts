// The server's document must answer exactly as vscode-languageserver-textdocument's TextDocument: both take the same
// random changes (line ends of every kind, reversed ranges, several changes per event, whole texts) and are asked the
// same questions after them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument, type Position, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { EDITOR_DOCUMENTS, EditorDocument } from '../../server/src/editorDocument';
import { random } from '../hostile/mutations';

const PIECES = [
  '',
  'x',
  'abc',
  '\n',
  '\r\n',
  '\r',
  'é',
  '😀',
  'key=value\n',
  '\n\n',
  '\r\r\n',
  'a\rb\nc\r\nd',
  '[program:x]\ncommand=cat\n',
];

function answers(doc: TextDocument, next: () => number): unknown[] {
  const text = doc.getText();
  const found: unknown[] = [text, doc.lineCount, doc.version];
  for (let offset = -1; offset <= text.length + 1; offset++) found.push(doc.positionAt(offset));
  for (let line = -1; line <= doc.lineCount + 1; line++) {
    found.push(doc.getLineRange(line), doc.getEOLCharacters(line));
    for (const character of [-1, 0, 1, 2, 5, 1000]) found.push(doc.offsetAt({ line, character }));
  }
  const position = (): Position => ({ line: Math.floor(next() * (doc.lineCount + 2)) - 1, character: Math.floor(next() * 8) - 1 });
  found.push(doc.getText({ start: position(), end: position() }));
  return found;
}

/** A random change; `valid`: its ranges lie within the document's lines (as an editor sends them), else anywhere. */
function change(doc: TextDocument, next: () => number, valid: boolean): TextDocumentContentChangeEvent {
  const text = PIECES[Math.floor(next() * PIECES.length)].repeat(1 + Math.floor(next() * 3));
  if (next() < 0.05) return { text };
  const line = () => Math.floor(next() * doc.lineCount) + (valid ? 0 : Math.floor(next() * 5) - 2);
  const start = { line: line(), character: Math.floor(next() * 6) - 1 };
  // Often the same place as the last edit's, whose shift is then taken over; the end may come before the start.
  const end = next() < 0.5 ? start : { line: valid ? line() : start.line + Math.floor(next() * 4) - 1, character: Math.floor(next() * 6) };
  return next() < 0.1 ? { range: { start, end }, rangeLength: 0, text } : { range: { start, end }, text };
}

test('the server document answers as TextDocument does after the same changes', () => {
  const next = random(20261127);
  for (let round = 0; round < 60; round++) {
    const initial = PIECES.map((piece) => (next() < 0.5 ? piece : '')).join('');
    const theirs = TextDocument.create('file:///a.conf', 'supervisor', 1, initial);
    const ours = EDITOR_DOCUMENTS.create('file:///a.conf', 'supervisor', 1, initial);
    assert.ok(ours instanceof EditorDocument);
    for (let step = 0; step < 40; step++) {
      // Several changes in one event each apply to the text the one before left, as each was made in the editor.
      const changes: TextDocumentContentChangeEvent[] = [];
      for (let k = next() < 0.2 ? 3 : 1; k > 0; k--) {
        changes.push(change(theirs, next, true));
        TextDocument.update(theirs, changes.slice(-1), step + 2);
      }
      EDITOR_DOCUMENTS.update(ours, changes, step + 2);
      // Asked after some changes only: several edits' shifts are then pending together.
      if (next() < 0.4 || step === 39) {
        const seed = Math.floor(next() * 1e9);
        assert.deepEqual(answers(ours, random(seed)), answers(theirs, random(seed)), JSON.stringify({ initial, round, step }));
      }
    }
  }
});

test('ranges past the last line change the text where TextDocument would, and leave the lines consistent', () => {
  const next = random(7);
  for (let round = 0; round < 60; round++) {
    const ours = EDITOR_DOCUMENTS.create('file:///a.conf', 'supervisor', 1, PIECES.map((piece) => (next() < 0.5 ? piece : '')).join(''));
    for (let step = 0; step < 40; step++) {
      // TextDocument itself writes past the end of its line table on such ranges: each change is applied to a fresh
      // one of the text before it.
      const theirs = TextDocument.create('file:///a.conf', 'supervisor', step + 1, ours.getText());
      const changes = [change(theirs, next, false)];
      TextDocument.update(theirs, changes, step + 2);
      EDITOR_DOCUMENTS.update(ours, changes, step + 2);
      assert.equal(ours.getText(), theirs.getText());
      const fresh = TextDocument.create('file:///a.conf', 'supervisor', step + 2, ours.getText());
      const seed = Math.floor(next() * 1e9);
      assert.deepEqual(answers(ours, random(seed)), answers(fresh, random(seed)), JSON.stringify({ round, step, changes }));
    }
  }
});

test('a change event that is neither incremental nor whole is refused, as TextDocument refuses it', () => {
  const doc = EDITOR_DOCUMENTS.create('file:///a.conf', 'supervisor', 1, 'a\n');
  const bad = { text: 'x', rangeLength: 1 } as unknown as TextDocumentContentChangeEvent;
  assert.throws(() => TextDocument.update(TextDocument.create('file:///a.conf', 'supervisor', 1, 'a\n'), [bad], 2), /Unknown change event/);
  assert.throws(() => EDITOR_DOCUMENTS.update(doc, [bad], 2), /Unknown change event/);
});
