import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryEnvironmentPairs, parseEnvironmentPairs } from '../../server/src/analysis/environmentPairs';
import { analyzeText } from '../../server/src/analysis/model';

test('pairs are read as the loader reads them: quotes stripped, a comma between pairs', () => {
  assert.deepEqual(parseEnvironmentPairs('A="x y",B=2,C=/srv/app:/opt'), {
    ok: true,
    pairs: [
      { key: 'A', value: 'x y' },
      { key: 'B', value: '2' },
      { key: 'C', value: '/srv/app:/opt' },
    ],
  });
  assert.deepEqual(parseEnvironmentPairs(''), { ok: true, pairs: [] });
  assert.deepEqual(parseEnvironmentPairs('A=1 B=2'), { ok: false, message: "Unexpected end of key/value pairs in value 'A=1 B=2'" });
  assert.deepEqual(parseEnvironmentPairs('A="x'), { ok: false, message: 'No closing quotation' });
});

test('entries writing the same line share one parse; each entry gets the parse of its own line', () => {
  const config = ['A="1",B="2"', 'A="1",B="2"', 'A="3"', 'A="1",B="2"', 'A=1 B=2']
    .map((line, i) => `[program:w${i}]\ncommand=/bin/true\nenvironment=${line}\n`)
    .join('');
  const model = analyzeText(config);
  const parses = model.programs.map((program) => entryEnvironmentPairs(model.lookup(program.section, 'environment')!));
  assert.deepEqual(
    parses.map((parsed) => (parsed.ok ? parsed.pairs.map(({ key, value }) => `${key}=${value}`).join(' ') : parsed.message)),
    ['A=1 B=2', 'A=1 B=2', 'A=3', 'A=1 B=2', "Unexpected end of key/value pairs in value 'A=1 B=2'"],
  );
  assert.equal(parses[0], parses[1]);
  assert.notEqual(parses[1], parses[2]);
});
