import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LARGE_RUN_CHARACTERS, LargeRun } from '../../server/src/cli/largeRun';

/** A run whose tuning counts what it does. */
function counted() {
  const counts = { tunes: 0, restores: 0 };
  const run = new LargeRun({ tune: () => counts.tunes++, restore: () => counts.restores++ });
  return { run, counts };
}

test('a run is tuned once, when the texts it lints reach the large-run size', () => {
  const { run, counts } = counted();
  run.linting(LARGE_RUN_CHARACTERS - 2);
  run.linting(1);
  assert.deepEqual([counts.tunes, run.tuned], [0, false]);
  run.linting(1);
  assert.deepEqual([counts.tunes, run.tuned], [1, true]);
  run.linting(LARGE_RUN_CHARACTERS);
  assert.equal(counts.tunes, 1);
});

test('a run of many small texts adds them up; a small run is never tuned, nor put back', () => {
  const many = counted();
  for (let i = 0; i < 1024; i++) many.run.linting(LARGE_RUN_CHARACTERS / 1024);
  assert.equal(many.counts.tunes, 1);
  const small = counted();
  for (let i = 0; i < 100; i++) small.run.linting(1000);
  small.run.restore();
  assert.deepEqual([small.counts, small.run.tuned], [{ tunes: 0, restores: 0 }, false]);
});

test("a tuned run puts V8's defaults back once", () => {
  const { run, counts } = counted();
  run.linting(LARGE_RUN_CHARACTERS);
  run.restore();
  run.restore();
  assert.deepEqual([counts, run.tuned], [{ tunes: 1, restores: 1 }, false]);
});
