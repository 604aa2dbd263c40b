// No completion item makes a valid config invalid: in every section of every accepted conformance fixture, each key
// offered, accepted with its placeholder's default (or first choice), adds no Error.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { completion } from '../../server/src/features/completion';
import { analyzeDocument } from '../../server/src/lint';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { findings } from '../helpers/lint';
import { expandSnippet } from '../helpers/snippets';

const VALID = 'test/fixtures/conformance/valid';
const fixtures = readdirSync(VALID, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.conf'))
  .map((f) => join(VALID, f));

const errors = (text: string) =>
  findings(text)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule}: ${f.message}`);

test('accepting any offered key with its default adds no Error', () => {
  let tried = 0;
  for (const file of fixtures) {
    const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
    const lines = text.split('\n');
    const before = errors(text);
    // A blank line at the end of each section: where a user adds a key.
    const sectionEnds = lines.flatMap((line, i) => (i > 0 && /^\[/.test(line) ? [i] : [])).concat(lines.length);
    for (const end of sectionEnds) {
      const withBlank = [...lines.slice(0, end), '', ...lines.slice(end)].join('\n');
      const analysis = analyzeDocument(withBlank, undefined, DEFAULT_SETTINGS);
      for (const item of completion(analysis, { line: end, character: 0 }, { snippets: true })) {
        const insert = item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : String(item.label);
        const line = expandSnippet(insert);
        // Only a key with a value to offer counts: an empty placeholder is the user's to fill.
        if (!/^[^\s=[]+\s*=\s*\S/.test(line)) continue;
        tried++;
        const added = [...lines.slice(0, end), line, ...lines.slice(end)].join('\n');
        assert.deepEqual(errors(added), before, `${file}: accepting "${line}" adds an Error`);
      }
    }
  }
  assert.ok(tried > 1000, `only ${tried} items tried`);
});
