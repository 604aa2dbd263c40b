import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PublishScheduler } from '../../server/src/publishScheduler';

/** A scheduler driven turn by turn: `turn()` runs what was deferred during the previous turn. */
function harness() {
  const published: string[] = [];
  let queue: (() => void)[] = [];
  const scheduler = new PublishScheduler(
    (uri) => published.push(uri),
    (run) => queue.push(run),
  );
  const turn = () => {
    const now = queue;
    queue = [];
    now.forEach((run) => run());
  };
  return { scheduler, published, turn };
}

test('a lone request is published after one quiet turn', () => {
  const { scheduler, published, turn } = harness();
  scheduler.request('a');
  turn();
  assert.deepEqual(published, []);
  turn();
  assert.deepEqual(published, ['a']);
  turn();
  assert.deepEqual(published, ['a']);
});

test('a burst, one request per turn, is published once after it ends', () => {
  const { scheduler, published, turn } = harness();
  for (let i = 0; i < 10; i++) {
    scheduler.request('a');
    turn();
  }
  assert.deepEqual(published, []);
  turn();
  assert.deepEqual(published, ['a']);
});

test('documents are published one per turn, and a closed one not at all', () => {
  const { scheduler, published, turn } = harness();
  scheduler.request('a');
  scheduler.request('b');
  scheduler.request('c');
  scheduler.cancel('b');
  for (let i = 0; i < 4; i++) turn();
  assert.deepEqual(published, ['a', 'c']);
});
