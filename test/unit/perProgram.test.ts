import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { perProgram } from '../../server/src/rules/perProgram';

const CONFIG = '[program:a]\ncommand=/bin/a\n[program:b]\ncommand=/bin/b\n';

test('each fact is worked out once per program, also past the room a program starts with and when undefined', () => {
  const calls: string[] = [];
  // Seven facts: more than the five places a program's facts start with.
  const facts = Array.from({ length: 7 }, (_, n) =>
    perProgram((program) => {
      calls.push(`${n}:${program.name}`);
      return n % 2 === 0 ? `${n}-${program.name}` : undefined;
    }),
  );
  const { programs } = analyzeText(CONFIG);
  const ask = () => programs.map((program) => facts.map((fact) => fact(program)));
  const expected = [
    ['0-a', undefined, '2-a', undefined, '4-a', undefined, '6-a'],
    ['0-b', undefined, '2-b', undefined, '4-b', undefined, '6-b'],
  ];
  assert.deepEqual(ask(), expected);
  assert.deepEqual(ask(), expected);
  assert.deepEqual(
    calls.sort(),
    ['0', '1', '2', '3', '4', '5', '6'].flatMap((n) => [`${n}:a`, `${n}:b`]),
  );
});

test('what a fact is given besides the program is read the first time it is asked', () => {
  const { programs } = analyzeText(CONFIG);
  const named = perProgram((program, suffix: string) => `${program.name}${suffix}`);
  assert.equal(named(programs[0], '-first'), 'a-first');
  assert.equal(named(programs[0], '-second'), 'a-first');
  assert.equal(named(programs[1], '-second'), 'b-second');
});
