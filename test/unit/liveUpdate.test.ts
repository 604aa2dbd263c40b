// update() step by step against a scripted daemon: the order of supervisorctl's do_update, a removed group whose
// processes failed to stop is kept, and a fault ends the update with the remaining groups reported as not applied.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Faults, LiveError, SupervisorClient, type ProcessResult } from '../../server/src/live';

/** A client whose RPC calls are answered by `answer` and recorded as "method arg". */
function scripted(changes: { added: string[]; changed: string[]; removed: string[] }, answer: (call: string) => unknown = () => true) {
  const calls: string[] = [];
  const client = new SupervisorClient({ kind: 'unix', socketPath: '/nonexistent', description: 'scripted' });
  const record = (method: string) => async (name?: string) => {
    const call = name === undefined ? method : `${method} ${name}`;
    calls.push(call);
    const value = answer(call);
    if (value instanceof LiveError) throw value;
    return value;
  };
  Object.assign(client, {
    reloadConfig: async () => (calls.push('reloadConfig'), changes),
    getAllProcessInfo: async () => (calls.push('getAllProcessInfo'), [{ group: 'web' }, { group: 'worker' }]),
    stopProcessGroup: async (name: string) => (await record('stopProcessGroup')(name), stoppedOk(name)),
    removeProcessGroup: record('removeProcessGroup'),
    addProcessGroup: record('addProcessGroup'),
  });
  return { client, calls };
}

const stoppedOk = (group: string): ProcessResult[] => [{ name: group, group, status: Faults.SUCCESS, description: 'OK' }];

const summary = (results: Awaited<ReturnType<SupervisorClient['update']>>) =>
  results.map((r) => `${r.group} ${r.change} ${r.ok} ${r.message}`);

test('removed, then changed, then added, each in supervisorctl order', async () => {
  const { client, calls } = scripted({ added: ['beat'], changed: ['worker'], removed: ['old'] });
  assert.deepEqual(summary(await client.update()), [
    'old removed true removed process group',
    'worker changed true updated process group',
    'beat added true added process group',
  ]);
  assert.deepEqual(calls, [
    'reloadConfig',
    'stopProcessGroup old',
    'removeProcessGroup old',
    'stopProcessGroup worker',
    'removeProcessGroup worker',
    'addProcessGroup worker',
    'addProcessGroup beat',
  ]);
});

test('named groups: only those, "all" means every group, unknown names reported first', async () => {
  const named = scripted({ added: ['beat'], changed: ['worker'], removed: ['old'] });
  assert.deepEqual(summary(await named.client.update(['beat', 'ghost'])), [
    'ghost unknown false ERROR: no such group',
    'beat added true added process group',
  ]);
  assert.deepEqual(named.calls, ['reloadConfig', 'getAllProcessInfo', 'addProcessGroup beat']);

  const all = scripted({ added: ['beat'], changed: [], removed: [] });
  assert.deepEqual(summary(await all.client.update(['all'])), ['beat added true added process group']);
  assert.deepEqual(all.calls, ['reloadConfig', 'addProcessGroup beat']);
});

test('a removed group whose processes failed to stop is kept, and the update goes on', async () => {
  const { client, calls } = scripted({ added: ['beat'], changed: [], removed: ['old'] });
  Object.assign(client, {
    stopProcessGroup: async (name: string) => (
      calls.push(`stopProcessGroup ${name}`),
      [{ name, group: name, status: Faults.FAILED, description: 'FAILED' }]
    ),
  });
  const results = await client.update();
  assert.deepEqual(summary(results), ['old removed false has problems; not removing', 'beat added true added process group']);
  assert.equal(results[0].stopped?.[0].status, Faults.FAILED);
  assert.deepEqual(calls, ['reloadConfig', 'stopProcessGroup old', 'addProcessGroup beat']);
});

test('a fault stops the update there, as in supervisorctl; the groups after it are not applied', async () => {
  const stillRunning = new LiveError('fault', 'supervisor.removeProcessGroup: STILL_RUNNING: worker', {
    code: Faults.STILL_RUNNING,
    name: 'STILL_RUNNING',
    text: 'STILL_RUNNING: worker',
  });
  const { client, calls } = scripted({ added: ['beat'], changed: ['worker', 'web'], removed: [] }, (call) =>
    call === 'removeProcessGroup worker' ? stillRunning : true,
  );
  const results = await client.update();
  assert.deepEqual(summary(results), [
    'worker changed false ERROR: supervisor.removeProcessGroup: STILL_RUNNING: worker',
    'web changed false not applied: the update stopped at worker',
    'beat added false not applied: the update stopped at worker',
  ]);
  assert.equal(results[0].error, stillRunning);
  assert.deepEqual(calls, ['reloadConfig', 'stopProcessGroup worker', 'removeProcessGroup worker']);
});

test('a failed reread fails the update before any group is touched', async () => {
  const { client } = scripted({ added: [], changed: [], removed: [] });
  const cantReread = new LiveError('fault', 'supervisor.reloadConfig: CANT_REREAD: bad config');
  Object.assign(client, { reloadConfig: () => Promise.reject(cantReread) });
  await assert.rejects(client.update(), (error) => error === cantReread);
});
