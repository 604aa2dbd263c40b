import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LARGE_RUN_CHARACTERS, LargeRun } from '../../server/src/cli/largeRun';

test('a run is tuned once, when the texts it has read reach the large-run size', () => {
  let tunes = 0;
  const run = new LargeRun(() => tunes++);
  run.read(LARGE_RUN_CHARACTERS - 2);
  run.read(1);
  assert.deepEqual([tunes, run.tuned], [0, false]);
  run.read(1);
  assert.deepEqual([tunes, run.tuned], [1, true]);
  run.read(LARGE_RUN_CHARACTERS);
  assert.equal(tunes, 1);
});

test('a run of many small texts adds them up; a small run is never tuned', () => {
  let tunes = 0;
  const many = new LargeRun(() => tunes++);
  for (let i = 0; i < 1024; i++) many.read(LARGE_RUN_CHARACTERS / 1024);
  assert.equal(tunes, 1);
  const small = new LargeRun(() => tunes++);
  for (let i = 0; i < 100; i++) small.read(1000);
  assert.deepEqual([tunes, small.tuned], [1, false]);
});
