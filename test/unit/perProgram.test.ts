import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { analyzeModel } from '../../server/src/lint';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { perProgram } from '../../server/src/rules/perProgram';

/** Every fact the rules keep, asked of a Celery worker and a beat under a memmon listener by a whole analysis. */
const EVERY_FACT =
  '[program:worker]\ncommand=/srv/venv/bin/celery -A proj worker -l info\n[program:beat]\ncommand=/srv/venv/bin/celery -A proj beat\n' +
  '[eventlistener:memmon]\ncommand=memmon -p worker=200MB\nevents=TICK_60\n';

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

test("the rules' facts fit the room a program's facts start with (grown past it by one, the array takes 25 places)", () => {
  const model = analyzeText(EVERY_FACT);
  const room = model.programs.map((program) => program.facts.length);
  analyzeModel(model, DEFAULT_SETTINGS);
  assert.deepEqual(
    model.programs.map((program) => program.facts.length),
    room,
  );
  // Each program was asked for something: the test would hold with no fact kept at all.
  assert.ok(model.programs.every((program) => program.facts.some((fact) => fact !== undefined)));
});
