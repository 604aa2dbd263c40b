// The server's collection after a pause: once per pause, postponed by further work, never without work, and a real
// full collection.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { fullCollection, IdleCollection } from '../../server/src/idleCollection';

test('one collection once the delay passes without work, postponed by each piece of work', async () => {
  const collected: number[] = [];
  const start = Date.now();
  const idle = new IdleCollection(() => collected.push(Date.now() - start), 60);
  idle.worked();
  await sleep(30);
  idle.worked();
  await sleep(30);
  idle.worked();
  assert.deepEqual(collected, []);
  await sleep(150);
  assert.equal(collected.length, 1);
  assert.ok(collected[0] >= 120, `collected ${collected[0]} ms after the first work, 60 ms after the last`);
  await sleep(100);
  assert.equal(collected.length, 1, 'no second collection without new work');
  idle.worked();
  await sleep(100);
  assert.equal(collected.length, 2);
});

test('no collection without work', async () => {
  let collected = 0;
  new IdleCollection(() => collected++, 10);
  await sleep(50);
  assert.equal(collected, 0);
});

test('the full collection frees what nothing references', async () => {
  let garbage: object | undefined = { big: new Array(1000).fill('x') };
  const ref = new WeakRef(garbage);
  garbage = undefined;
  // A WeakRef keeps its target for the rest of the job that made it.
  await sleep(0);
  fullCollection();
  fullCollection();
  assert.equal(ref.deref(), undefined);
});
