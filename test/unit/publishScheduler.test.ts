import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PublishScheduler, type PublishSteps } from '../../server/src/publishScheduler';

/** A scheduler driven turn by turn: `turn()` runs what was deferred during the previous turn. */
function harness(steps?: PublishSteps) {
  const published: string[] = [];
  let queue: (() => void)[] = [];
  const scheduler = new PublishScheduler(
    (uri) => published.push(uri),
    (run) => queue.push(run),
    steps,
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

test('with a model step, a document is modelled after one quiet turn and published after one more', () => {
  const modelled: string[] = [];
  const { scheduler, published, turn } = harness({ model: (uri) => modelled.push(uri) });
  scheduler.request('a');
  turn();
  assert.deepEqual([modelled, published], [[], []]);
  turn();
  assert.deepEqual([modelled, published], [['a'], []]);
  turn();
  assert.deepEqual([modelled, published], [['a'], []]);
  turn();
  assert.deepEqual([modelled, published], [['a'], ['a']]);
});

test('an edit after the model step models the newer version again before publishing it', () => {
  const modelled: string[] = [];
  const { scheduler, published, turn } = harness({ model: (uri) => modelled.push(uri) });
  scheduler.request('a');
  turn();
  turn();
  scheduler.request('a');
  for (let i = 0; i < 4; i++) turn();
  assert.deepEqual([modelled, published], [['a', 'a'], ['a']]);
});

test('publishing waits while a request waits for its turn', () => {
  let waiting = true;
  const { scheduler, published, turn } = harness({ requestsWaiting: () => waiting });
  scheduler.request('a');
  for (let i = 0; i < 5; i++) turn();
  assert.deepEqual(published, []);
  waiting = false;
  turn();
  turn();
  assert.deepEqual(published, ['a']);
});
