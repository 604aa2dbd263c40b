import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HUGE_RUN_CHARACTERS, LARGE_RUN_CHARACTERS, LargeRun, type RunSize } from '../../server/src/cli/largeRun';

/** A run whose tuning records what it is told. */
function recorded() {
  const calls: (RunSize | 'restore')[] = [];
  const run = new LargeRun({ tune: (size) => calls.push(size), restore: () => calls.push('restore') });
  return { run, calls };
}

test('a run is tuned once, when the texts it lints reach the large-run size', () => {
  const { run, calls } = recorded();
  run.linting(LARGE_RUN_CHARACTERS - 2);
  run.linting(1);
  assert.deepEqual([calls, run.tunedFor], [[], undefined]);
  run.linting(1);
  assert.deepEqual([calls, run.tunedFor], [['large'], 'large']);
  run.linting(LARGE_RUN_CHARACTERS);
  assert.deepEqual(calls, ['large']);
});

test('a large run that grows past the huge-run size is tuned again, once, for it', () => {
  const { run, calls } = recorded();
  run.linting(LARGE_RUN_CHARACTERS);
  run.linting(HUGE_RUN_CHARACTERS - LARGE_RUN_CHARACTERS - 1);
  assert.deepEqual(calls, ['large']);
  run.linting(1);
  run.linting(HUGE_RUN_CHARACTERS);
  assert.deepEqual([calls, run.tunedFor], [['large', 'huge'], 'huge']);
});

test('one text past the huge-run size tunes the run for it alone', () => {
  const { run, calls } = recorded();
  run.linting(HUGE_RUN_CHARACTERS);
  assert.deepEqual([calls, run.tunedFor], [['huge'], 'huge']);
});

test('a run of many small texts adds them up; a small run is never tuned, nor put back', () => {
  const many = recorded();
  for (let i = 0; i < 1024; i++) many.run.linting(LARGE_RUN_CHARACTERS / 1024);
  assert.deepEqual(many.calls, ['large']);
  const small = recorded();
  for (let i = 0; i < 100; i++) small.run.linting(LARGE_RUN_CHARACTERS / 200);
  small.run.restore();
  assert.deepEqual([small.calls, small.run.tunedFor], [[], undefined]);
});

test("a tuned run puts V8's defaults back once", () => {
  for (const length of [LARGE_RUN_CHARACTERS, HUGE_RUN_CHARACTERS]) {
    const { run, calls } = recorded();
    run.linting(length);
    run.restore();
    run.restore();
    assert.deepEqual([calls.slice(1), run.tunedFor], [['restore'], undefined]);
  }
});
