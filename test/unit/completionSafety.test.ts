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
import { memorySource } from '../helpers/memorySource';

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

test("an override file's keys are offered with defaults its merged section accepts", () => {
  const path = '/etc/supervisor/conf.d/worker.override.conf';
  const text = '[fcgi-program:worker]\n\n';
  const source = memorySource({
    [path]: text,
    '/etc/supervisor/supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n',
    '/etc/supervisor/conf.d/worker.conf':
      '[fcgi-program:worker]\ncommand=/bin/cat\nsocket=tcp://127.0.0.1:9000\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)d\nstopasgroup=true\n',
  });
  const offered = (configured: boolean) => {
    const analysis = analyzeDocument(text, path, DEFAULT_SETTINGS, configured ? source : undefined);
    const items = completion(analysis, { line: 1, character: 0 }, { snippets: true });
    const insert = (name: string) => {
      const item = items.find((i) => i.label === name);
      return item && expandSnippet(item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : String(item.label));
    };
    return [insert('process_name'), insert('killasgroup'), insert('socket_owner')];
  };
  // worker.conf runs two processes, stops them as a group and listens on TCP: no socket owner to set.
  assert.deepEqual(offered(true), ['process_name=%(program_name)s_%(process_num)02d', 'killasgroup=true', undefined]);
  assert.deepEqual(offered(false), ['process_name=%(program_name)s', 'killasgroup=false', 'socket_owner=']);
});
