// util/deadline.ts: work that never ends is stopped, the thread goes on, and steps sharing a timer each get their limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eachWithin, Overrun, runWithin } from '../../server/src/util/deadline';

const endless = (): never => {
  // eslint-disable-next-line no-empty
  for (;;) {}
};

test('runWithin returns what the work returns, and throws its errors unchanged', () => {
  assert.equal(
    runWithin(1_000, () => 42),
    42,
  );
  const error = new TypeError('its own');
  assert.throws(
    () =>
      runWithin(1_000, () => {
        throw error;
      }),
    (thrown) => thrown === error,
  );
});

test('runWithin stops a loop without end at its limit, and the next work runs as usual', () => {
  assert.throws(
    () => runWithin(100, endless),
    (thrown) => thrown instanceof Overrun && thrown.limitMs === 100 && thrown.message === 'did not finish within 0.1 s',
  );
  assert.equal(
    runWithin(1_000, () => 'after'),
    'after',
  );
});

test('runWithin inside runWithin: the outer limit still holds', () => {
  assert.throws(() => runWithin(100, () => runWithin(60_000, endless)), Overrun);
  assert.equal(
    runWithin(100, () => runWithin(100, () => 1)),
    1,
  );
});

test('eachWithin runs every step in order, steps added meanwhile too', () => {
  const steps = [1, 2, 3];
  const ran: number[] = [];
  eachWithin(
    () => steps.length,
    1_000,
    (i) => {
      ran.push(steps[i]);
      if (steps[i] === 2) steps.splice(i + 1, 0, 20, 21);
    },
    () => assert.fail('no step overran'),
  );
  assert.deepEqual(ran, [1, 2, 20, 21, 3]);
});

test('eachWithin stops a step that never ends, tells which, and goes on with the next', () => {
  const ran: number[] = [];
  const overran: [number, number][] = [];
  eachWithin(
    () => 5,
    100,
    (i) => {
      if (i === 1 || i === 3) endless();
      ran.push(i);
    },
    (i, overrun) => overran.push([i, overrun.limitMs]),
  );
  assert.deepEqual(ran, [0, 2, 4]);
  assert.deepEqual(overran, [
    [1, 100],
    [3, 100],
  ]);
});

test("eachWithin ends at a step's own error", () => {
  const ran: number[] = [];
  assert.throws(
    () =>
      eachWithin(
        () => 3,
        1_000,
        (i) => {
          if (i === 1) throw new RangeError('step 1');
          ran.push(i);
        },
        () => assert.fail('no step overran'),
      ),
    RangeError,
  );
  assert.deepEqual(ran, [0]);
});
