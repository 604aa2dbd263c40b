// The connection layer against a real supervisord over a unix socket: status, pending changes compared with
// `supervisorctl reread`, update, restart, signals, logs, faults, and a daemon that goes away mid-session.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { findConnection, isFault, LiveError, SupervisorClient, type LiveTarget, type ProcessInfo } from '../../server/src/live';
import { baseConfig, noSupervisord, startDaemon, UNIX_SERVER, type Daemon } from './daemon';

const program = (name: string, command: string) => `
[program:${name}]
command=${command}
startsecs=0
stopwaitsecs=2
stopasgroup=true
killasgroup=true
stdout_logfile=%(here)s/${name}.out
stderr_logfile=%(here)s/${name}.err
`;

// ticker writes a numbered line to stdout and to stderr every 50 ms; alpha says hello (with non-ASCII text) and sleeps.
const ALPHA = program('alpha', `/bin/sh -c 'echo "alpha up: déjà vu"; exec sleep 1000'`);
const BETA = program('beta', '/bin/sleep 1000');
const TICKER = program('ticker', `/bin/sh -c 'i=0; while true; do echo "tick $i"; echo "tock $i" >&2; i=$((i+1)); sleep 0.05; done'`);
const INITIAL = baseConfig(UNIX_SERVER) + ALPHA + BETA + TICKER;
// The edit: alpha's command changed, beta removed, gamma added, ticker untouched.
const EDITED =
  baseConfig(UNIX_SERVER) +
  program('alpha', `/bin/sh -c 'echo "alpha again"; exec sleep 1001'`) +
  TICKER +
  program('gamma', '/bin/sleep 1000');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** getAllProcessInfo once every listed process is RUNNING (added groups start in the daemon's next loop). */
async function whenRunning(client: SupervisorClient, names: string[]): Promise<Map<string, ProcessInfo>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const infos = byName(await client.getAllProcessInfo());
    if (names.every((name) => infos.get(name)?.statename === 'RUNNING')) return infos;
    assert.ok(Date.now() < deadline, `not all RUNNING: ${JSON.stringify([...infos.values()].map((i) => [i.name, i.statename]))}`);
    await sleep(50);
  }
}

function byName(infos: ProcessInfo[]): Map<string, ProcessInfo> {
  return new Map(infos.map((info) => [info.name, info]));
}

/** `supervisorctl reread` output ("name: available|changed|disappeared") as reloadConfig's three lists. */
function parseReread(output: string) {
  const lists = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
  const list = { available: lists.added, changed: lists.changed, disappeared: lists.removed } as Record<string, string[]>;
  for (const line of output.trim().split('\n')) {
    const match = /^(\S+): (available|changed|disappeared)$/.exec(line);
    if (match) list[match[2]].push(match[1]);
  }
  return lists;
}

async function rejectsWith(promise: Promise<unknown>, kind: LiveError['kind'], message?: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof LiveError, String(error));
    assert.equal(error.kind, kind, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe('live connection to supervisord over a unix socket', { skip: noSupervisord, timeout: 60_000 }, () => {
  let daemon: Daemon;
  let client: SupervisorClient;

  before(async () => {
    daemon = await startDaemon(() => INITIAL);
    const target = findConnection(analyzeText(INITIAL, daemon.configPath));
    assert.ok(!('error' in target), JSON.stringify(target));
    client = new SupervisorClient(target);
  });
  after(async () => {
    client?.close();
    await daemon?.stop();
  });

  test('the target found in the config is the daemon socket', () => {
    assert.deepEqual(client.target, {
      kind: 'unix',
      socketPath: daemon.socketPath,
      description: `unix://${daemon.socketPath} ([supervisorctl] serverurl)`,
    });
  });

  test('status: the daemon runs and lists every process with the pid supervisorctl shows', async () => {
    assert.deepEqual(await client.getState(), { statecode: 1, statename: 'RUNNING' });
    const infos = await client.getAllProcessInfo();
    assert.deepEqual(
      infos.map((info) => [info.group, info.name, info.statename]),
      [
        ['alpha', 'alpha', 'RUNNING'],
        ['beta', 'beta', 'RUNNING'],
        ['ticker', 'ticker', 'RUNNING'],
      ],
    );
    const status = daemon.ctl('status').stdout;
    for (const info of infos) {
      assert.ok(info.pid > 0 && info.start > 0 && info.now >= info.start, JSON.stringify(info));
      assert.equal(info.stdout_logfile, join(daemon.dir, `${info.name}.out`));
      assert.match(status, new RegExp(`^${info.name} +RUNNING +pid ${info.pid},`, 'm'));
    }
  });

  test('log tail: the last bytes of stdout and stderr, and the daemon log', async () => {
    await sleep(200);
    const alpha = await client.tailProcessStdoutLog('alpha', 0, 1600);
    assert.deepEqual(alpha, { text: 'alpha up: déjà vu\n', offset: Buffer.byteLength('alpha up: déjà vu\n'), overflow: false });
    const tock = await client.tailProcessStderrLog('ticker', 0, 100);
    assert.equal(tock.overflow, tock.offset > 100);
    assert.match(tock.text, /tock \d+\n$/);
    // The log only grows: its bytes up to the returned offset are the text.
    const file = readFileSync(join(daemon.dir, 'ticker.err'));
    assert.equal(tock.text, file.subarray(Math.max(0, tock.offset - 100), tock.offset).toString());
    const daemonLog = await client.readLog(0, 0);
    // Bytes of the daemon log as on disk (which only grows; how much of it comes back depends on how busy it was).
    assert.match(daemonLog, /supervisord/);
    assert.ok(readFileSync(join(daemon.dir, 'supervisord.log'), 'utf8').includes(daemonLog));
    assert.equal(await client.readLog(0, 30), daemonLog.slice(0, 30));
    assert.equal(await client.readLog(-30, 0), daemonLog.slice(-30));
  });

  test('followLog: the last bytes first, then every new line once, in order', async () => {
    const texts: string[] = [];
    let failure: unknown;
    const follower = client.followLog('ticker', 'stdout', (text) => texts.push(text), { intervalMs: 50, onError: (e) => (failure = e) });
    await sleep(800);
    follower.dispose();
    assert.equal(failure, undefined);
    const firstText = texts[0];
    assert.ok(Buffer.byteLength(firstText) <= 1600);
    const ticks = texts
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('tick '))
      .map((line) => Number(line.slice(5)));
    assert.ok(texts.length >= 3, `${texts.length} texts`);
    assert.ok(ticks.length >= 10, `${ticks.length} ticks`);
    for (let i = 1; i < ticks.length; i++) assert.equal(ticks[i], ticks[i - 1] + 1, `tick ${ticks[i]} after ${ticks[i - 1]}`);
  });

  test('followLog starting inside a two-byte character moves to the next character', async () => {
    const texts: string[] = [];
    // "alpha up: déjà vu\n": 5 bytes from the end is the second byte of "à".
    const follower = client.followLog('alpha', 'stdout', (text) => texts.push(text), { initialBytes: 5, intervalMs: 50 });
    await sleep(150);
    follower.dispose();
    assert.deepEqual(texts, [' vu\n']);
  });

  test('clearProcessLogs empties the logs; a follower reads the new output from the start', async () => {
    const texts: string[] = [];
    const follower = client.followLog('ticker', 'stdout', (text) => texts.push(text), { intervalMs: 50 });
    await sleep(150);
    assert.equal(await client.clearProcessLogs('ticker'), true);
    const clearedAt = texts.length;
    await sleep(400);
    follower.dispose();
    const after = texts.slice(clearedAt).join('');
    // The first line written after the clear is followed, not skipped.
    const log = readFileSync(join(daemon.dir, 'ticker.out'), 'utf8');
    assert.ok(
      log.length > 0 && after.startsWith(log.slice(0, log.indexOf('\n') + 1)),
      `${JSON.stringify(after)} vs ${JSON.stringify(log)}`,
    );
  });

  test('restart: stop then start, a new pid; a stopped process restarts too', async () => {
    const before = byName(await client.getAllProcessInfo());
    assert.equal(await client.restartProcess('ticker'), true);
    const restarted = byName(await client.getAllProcessInfo());
    assert.equal(restarted.get('ticker')!.statename, 'RUNNING');
    assert.notEqual(restarted.get('ticker')!.pid, before.get('ticker')!.pid);
    assert.equal(restarted.get('alpha')!.pid, before.get('alpha')!.pid);

    assert.equal(await client.stopProcess('beta'), true);
    assert.equal(byName(await client.getAllProcessInfo()).get('beta')!.statename, 'STOPPED');
    assert.equal(await client.restartProcess('beta'), true);
    assert.equal(byName(await client.getAllProcessInfo()).get('beta')!.statename, 'RUNNING');
  });

  test('groups and signals', async () => {
    const stopped = await client.stopProcessGroup('beta');
    assert.deepEqual(stopped, [{ name: 'beta', group: 'beta', status: 80, description: 'OK' }]);
    assert.deepEqual(await client.startProcessGroup('beta'), [{ name: 'beta', group: 'beta', status: 80, description: 'OK' }]);
    const before = byName(await client.getAllProcessInfo()).get('beta')!.pid;
    assert.deepEqual(await client.restartProcessGroup('beta'), [{ name: 'beta', group: 'beta', status: 80, description: 'OK' }]);
    assert.notEqual(byName(await client.getAllProcessInfo()).get('beta')!.pid, before);

    assert.equal(await client.signalProcess('ticker', 'CONT'), true);
    assert.deepEqual(await client.signalProcessGroup('ticker', 18), [{ name: 'ticker', group: 'ticker', status: 80, description: 'OK' }]);
    await rejectsWith(client.signalProcess('ticker', 'NOPE'), 'fault', /^supervisor\.signalProcess: BAD_SIGNAL: NOPE$/);
  });

  test('a fault names the call and the fault', async () => {
    await rejectsWith(client.startProcess('nosuch'), 'fault', /^supervisor\.startProcess: BAD_NAME: nosuch$/);
    await rejectsWith(client.stopProcess('nosuch:nosuch'), 'fault', /BAD_NAME/);
    await assert.rejects(client.startProcess('alpha'), (error: LiveError) => error.fault?.name === 'ALREADY_STARTED');
  });

  test('pending changes: the same added/changed/removed groups as supervisorctl reread', async () => {
    assert.deepEqual(await client.reloadConfig(), { added: [], changed: [], removed: [] });
    assert.equal(daemon.ctl('reread').stdout, 'No config updates to processes\n');

    daemon.writeConfig(EDITED);
    const ours = await client.reloadConfig();
    const theirs = daemon.ctl('reread');
    assert.equal(theirs.status, 0, theirs.stdout);
    assert.deepEqual(ours, parseReread(theirs.stdout));
    assert.deepEqual(ours, { added: ['gamma'], changed: ['alpha'], removed: ['beta'] });
    // reread changes no process.
    assert.deepEqual(
      (await client.getAllProcessInfo()).map((info) => `${info.name} ${info.statename}`),
      ['alpha RUNNING', 'beta RUNNING', 'ticker RUNNING'],
    );
  });

  test('update of one named group: only that group, an unknown name reported', async () => {
    const before = byName(await client.getAllProcessInfo());
    const results = await client.update(['alpha', 'nosuch']);
    assert.deepEqual(
      results.map(({ group, change, ok, message }) => ({ group, change, ok, message })),
      [
        { group: 'nosuch', change: 'unknown', ok: false, message: 'ERROR: no such group' },
        { group: 'alpha', change: 'changed', ok: true, message: 'updated process group' },
      ],
    );
    assert.deepEqual(results[1].stopped, [{ name: 'alpha', group: 'alpha', status: 80, description: 'OK' }]);
    const after = await whenRunning(client, ['alpha', 'beta', 'ticker']);
    assert.deepEqual([...after.keys()], ['alpha', 'beta', 'ticker']);
    assert.notEqual(after.get('alpha')!.pid, before.get('alpha')!.pid);
    assert.equal(after.get('beta')!.pid, before.get('beta')!.pid);
    assert.equal(after.get('ticker')!.pid, before.get('ticker')!.pid);
    assert.deepEqual(await client.reloadConfig(), { added: ['gamma'], changed: [], removed: ['beta'] });
  });

  test('update of everything: removed stopped and removed, added started, the others keep their pids', async () => {
    const before = byName(await client.getAllProcessInfo());
    const results = await client.update();
    assert.deepEqual(
      results.map(({ group, change, ok, message }) => ({ group, change, ok, message })),
      [
        { group: 'beta', change: 'removed', ok: true, message: 'removed process group' },
        { group: 'gamma', change: 'added', ok: true, message: 'added process group' },
      ],
    );
    const after = await whenRunning(client, ['alpha', 'gamma', 'ticker']);
    assert.deepEqual([...after.keys()], ['alpha', 'gamma', 'ticker']);
    assert.equal(after.get('alpha')!.pid, before.get('alpha')!.pid);
    assert.equal(after.get('ticker')!.pid, before.get('ticker')!.pid);
    assert.deepEqual(await client.update(), []);
    assert.equal(daemon.ctl('reread').stdout, 'No config updates to processes\n');
  });

  test('a daemon that stops mid-session: the follower reports it, the next call fails at once', async () => {
    let failure: unknown;
    const stopped = new Promise<void>((resolve) => {
      client.followLog('ticker', 'stdout', () => {}, {
        intervalMs: 50,
        onError: (error) => {
          failure = error;
          resolve();
        },
      });
    });
    await daemon.stop();
    await stopped;
    // Depending on the moment: supervisord answers that it is shutting down, or nobody answers any more.
    const shuttingDown = isFault(failure, 'SHUTDOWN_STATE');
    assert.ok(
      shuttingDown || (failure instanceof LiveError && ['socket-missing', 'connection-refused'].includes(failure.kind)),
      String(failure),
    );
    const started = Date.now();
    await rejectsWith(client.getState(), 'socket-missing', /does not exist: is supervisord running with this configuration\?$/);
    assert.ok(Date.now() - started < 1000);
  });
});

describe('live connection failures without a daemon', () => {
  const missing: LiveTarget = { kind: 'unix', socketPath: '/nonexistent/supervisor.sock', description: 'test' };

  test('a missing socket', async () => {
    const client = new SupervisorClient(missing);
    await rejectsWith(
      client.getState(),
      'socket-missing',
      /^the socket \/nonexistent\/supervisor\.sock does not exist: is supervisord running with this configuration\?$/,
    );
    client.close();
    await rejectsWith(client.getState(), 'protocol', /closed/);
  });
});
