// Differential test: random configs built from tricky lines are read by supervisord's own parser
// (Debian's supervisor, UnhosedConfigParser) and by ours; the sections, keys, values and error lines must agree.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { buildModel } from '../../server/src/analysis/model';
import { parseConfig } from '../../server/src/parser';

const LINES = [
  '[program:a]',
  '[program:a] trailing',
  '[ program:b ]',
  '[DEFAULT]',
  '[a]b]',
  '[]',
  '[x',
  '  [program:a]',
  '[Program:A]',
  'key=value',
  'Key : value',
  'k=v;c',
  'k=v ;c',
  'k=v\t#c',
  'x=a#b #c ;d',
  '=v',
  ' : v',
  'k',
  'k==v',
  'k=',
  'k:v=w',
  'command=celery -A p worker',
  'AUTOSTART = true',
  ';c',
  '#c',
  '   ; indented',
  ' # x',
  '',
  '   ',
  '\t',
  '  cont',
  '\tcont ;c',
  '    deeper',
  '  k2=v',
  'ключ=значение',
  'k=é;x',
  '\u00a0k=v',
  'k=v\u00a0;c',
  'k = 1 # ; 2',
  '; k=v',
  'numprocs=%(ENV_X)s',
  'a:b:c',
  ' = ',
  '[supervisord]',
  'k=[x]',
  '  [inline]',
];
const BREAKS = ['\n', '\n', '\n', '\r\n', '\r'];

function randomConfigs(count: number): string[] {
  let seed = 12345;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  return Array.from({ length: count }, () => {
    const lines = Array.from({ length: 1 + random(14) }, () => LINES[random(LINES.length)]);
    if (random(3) > 0) lines.unshift('[program:a]');
    return lines.map((l) => l + BREAKS[random(BREAKS.length)]).join('');
  });
}

interface LoaderView {
  sections: [string, [string, string][]][];
  defaults: [string, string][];
  errors: number[];
  missing_header: number | null;
}

function ourView(text: string): LoaderView {
  const file = parseConfig(text);
  const model = buildModel(text, file);
  const keyValues = (name: string) => [...(model.section(name)?.entries ?? new Map())].map(([k, e]) => [k, e.value] as [string, string]);
  const missing = file.problems.find((p) => p.code === 'missing-section-header');
  return {
    sections: model.sections.filter((s) => s.name !== 'DEFAULT').map((s) => [s.name, keyValues(s.name)]),
    defaults: keyValues('DEFAULT'),
    errors: file.problems.filter((p) => p.code !== 'missing-section-header').map((p) => p.range.start.line + 1),
    missing_header: missing ? missing.range.start.line + 1 : null,
  };
}

test('our parser reads 600 random configs exactly as supervisord does', () => {
  const configs = randomConfigs(600);
  const run = spawnSync('/usr/bin/python3', ['test/tools/configparser_dump.py'], {
    input: JSON.stringify(configs),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  assert.equal(run.status, 0, run.stderr);
  const expected = JSON.parse(run.stdout) as LoaderView[];
  let compared = 0;
  configs.forEach((text, i) => {
    const ours = ourView(text);
    const theirs = expected[i];
    if (theirs.missing_header !== null) {
      // The loader stops at the first line before any header; we only agree on where.
      assert.equal(ours.missing_header, theirs.missing_header, JSON.stringify(text));
      return;
    }
    assert.deepEqual(ours, theirs, `config ${i}: ${JSON.stringify(text)}`);
    compared++;
  });
  assert.ok(compared > 300, `only ${compared} configs compared in full`);
});
