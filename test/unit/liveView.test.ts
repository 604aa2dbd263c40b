// The live view's pure logic: process info -> tree rows and status bar, pending changes -> lens texts and the update
// plan, the confirmation text, the supervisorctl command lines, and which config section defines a process.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { ProcessInfo, ProcessStateName } from '../../server/src/live';
import { supervisorctl } from '../../client/src/live/commandLine';
import { readConfiguration, sectionOfProcess, sectionRefs, sectionsOfGroup } from '../../client/src/live/configuration';
import { confirmation, pendingLensTitle, removedLensTitle, updatePlan } from '../../client/src/live/pending';
import { formatUptime, processRows, runningText, statusSummary } from '../../client/src/live/processRows';
import { analyzeText } from '../../server/src/analysis/model';

const STATE_CODES: Record<string, number> = { STOPPED: 0, STARTING: 10, RUNNING: 20, BACKOFF: 30, STOPPING: 40, EXITED: 100, FATAL: 200 };

function info(group: string, name: string, statename: ProcessStateName, extra: Partial<ProcessInfo> = {}): ProcessInfo {
  const running = statename === 'RUNNING' || statename === 'STARTING';
  return {
    name,
    group,
    state: STATE_CODES[statename],
    statename,
    pid: running ? 4242 : 0,
    start: running ? 1_000 : 0,
    now: 4_725,
    stop: 0,
    exitstatus: 0,
    spawnerr: '',
    description: '',
    logfile: `/var/log/${name}.log`,
    stdout_logfile: `/var/log/${name}.log`,
    stderr_logfile: '',
    ...extra,
  };
}

describe('process rows', () => {
  test('a program that is its own group is one row; a group lists its processes sorted, with running/total', () => {
    const rows = processRows([
      info('workers', 'worker_01', 'STOPPED'),
      info('web', 'web', 'RUNNING', { pid: 100 }),
      info('workers', 'worker_00', 'RUNNING', { pid: 101 }),
    ]);
    assert.deepEqual(
      rows.map((r) => [r.kind, r.label, r.description]),
      [
        ['process', 'web', 'RUNNING · pid 100 · uptime 1:02:05'],
        ['group', 'workers', '1/2 running'],
      ],
    );
    const group = rows[1];
    assert.ok(group.kind === 'group');
    assert.deepEqual(
      group.processes.map((p) => [p.label, p.namespec, p.description]),
      [
        ['worker_00', 'workers:worker_00', 'RUNNING · pid 101 · uptime 1:02:05'],
        ['worker_01', 'workers:worker_01', 'STOPPED'],
      ],
    );
  });

  test('FATAL and BACKOFF show the spawn error and mark the row and its group; EXITED shows the exit status', () => {
    const rows = processRows([
      info('beat', 'beat', 'FATAL', { spawnerr: "can't find command 'celery'" }),
      info('jobs', 'a', 'BACKOFF', { spawnerr: 'Exited too quickly (process log may have details)' }),
      info('jobs', 'b', 'EXITED', { exitstatus: 3 }),
    ]);
    assert.deepEqual(
      rows.map((r) => [r.label, r.description, r.trouble]),
      [
        ['beat', "FATAL · can't find command 'celery'", true],
        ['jobs', '0/2 running', true],
      ],
    );
    const jobs = rows[1];
    assert.ok(jobs.kind === 'group');
    assert.deepEqual(
      jobs.processes.map((p) => p.description),
      ['BACKOFF · Exited too quickly (process log may have details)', 'EXITED · exit status 3'],
    );
    assert.equal(rows[0].kind === 'process' && rows[0].tooltip, "beat: FATAL\ncan't find command 'celery'\nstdout log: /var/log/beat.log");
  });

  test('a group in a few words: the state of its only process, else how many are RUNNING', () => {
    assert.equal(runningText([info('web', 'web', 'BACKOFF')]), 'BACKOFF');
    assert.equal(runningText([info('w', 'a', 'RUNNING'), info('w', 'b', 'STARTING'), info('w', 'c', 'RUNNING')]), '2/3 running');
  });

  test('uptime is h:mm:ss, with days once there are any', () => {
    assert.equal(formatUptime(0), '0:00:00');
    assert.equal(formatUptime(59.9), '0:00:59');
    assert.equal(formatUptime(3600 * 25 + 61), '1 day, 1:01:01');
    assert.equal(formatUptime(86_400 * 3), '3 days, 0:00:00');
    assert.equal(formatUptime(-5), '0:00:00', 'a clock set back shows no negative uptime');
  });

  test('the status bar counts RUNNING processes and warns on FATAL or BACKOFF', () => {
    assert.deepEqual(statusSummary([info('web', 'web', 'RUNNING'), info('w', 'w_0', 'STARTING')]), {
      text: 'supervisord: 1/2',
      tooltip: '1 of 2 processes running',
      warning: false,
    });
    assert.deepEqual(statusSummary([info('web', 'web', 'RUNNING'), info('w', 'w_0', 'FATAL', { spawnerr: 'Exited too quickly' })]), {
      text: 'supervisord: 1/2',
      tooltip: '1 of 2 processes running\nw:w_0: FATAL (Exited too quickly)',
      warning: true,
    });
    assert.equal(statusSummary([]).text, 'supervisord: 0/0');
  });
});

describe('pending changes', () => {
  const infos = [
    info('workers', 'worker_00', 'RUNNING'),
    info('workers', 'worker_01', 'BACKOFF'),
    info('workers', 'worker_02', 'STOPPED'),
    info('web', 'web', 'RUNNING'),
    info('old', 'old', 'RUNNING'),
  ];
  const pending = { added: ['beat'], changed: ['workers', 'idle'], removed: ['old'] };

  test('update stops removed groups, restarts the running processes of changed ones, adds the added', () => {
    assert.deepEqual(updatePlan(pending, infos), [
      { group: 'old', change: 'removed', affected: ['old'] },
      { group: 'workers', change: 'changed', affected: ['workers:worker_00', 'workers:worker_01'] },
      { group: 'idle', change: 'changed', affected: [] },
      { group: 'beat', change: 'added', affected: [] },
    ]);
    assert.deepEqual(updatePlan(pending, infos, ['workers']), [
      { group: 'workers', change: 'changed', affected: ['workers:worker_00', 'workers:worker_01'] },
    ]);
    assert.deepEqual(updatePlan({ added: [], changed: [], removed: [] }, infos), []);
  });

  test('lens texts say what is not applied and what an update does', () => {
    const [removed, workers, idle, beat] = updatePlan(pending, infos);
    assert.equal(pendingLensTitle(workers), 'not applied: changed · update restarts workers:worker_00, workers:worker_01');
    assert.equal(pendingLensTitle(idle), 'not applied: changed · update restarts nothing (no process running)');
    assert.equal(pendingLensTitle(beat), 'not applied: added · update adds it');
    assert.equal(removedLensTitle([removed]), 'not applied: removed [old] · update stops old and removes it');
    const many = { group: 'big', change: 'changed' as const, affected: ['big:0', 'big:1', 'big:2', 'big:3', 'big:4', 'big:5'] };
    assert.equal(pendingLensTitle(many), 'not applied: changed · update restarts big:0, big:1, big:2, big:3 and 2 more');
  });

  test('the confirmation lists every process it restarts or stops and the command line', () => {
    const steps = updatePlan(pending, infos);
    assert.deepEqual(confirmation(steps, 'supervisorctl update'), {
      message: 'Apply 4 pending changes and restart 2 processes and stop 1 process?',
      detail: [
        '[old] removed: update stops old and removes it',
        '[workers] changed: update restarts workers:worker_00, workers:worker_01',
        '[idle] changed: update restarts nothing (no process running)',
        '[beat] added: update adds it',
        '',
        'Restarts: workers:worker_00, workers:worker_01',
        '',
        'Runs the equivalent of: supervisorctl update',
      ].join('\n'),
    });
    assert.equal(confirmation(updatePlan(pending, infos, ['beat']), 'supervisorctl update beat').message, 'Apply 1 pending change?');
  });
});

describe('supervisorctl command lines', () => {
  test('-c unless the config is where supervisorctl looks by default, -s for an override, shell quoting', () => {
    assert.equal(supervisorctl({ configPath: '/etc/supervisor/supervisord.conf' }, 'update', 'workers'), 'supervisorctl update workers');
    assert.equal(
      supervisorctl({ configPath: '/srv/app/supervisord.conf' }, 'restart', 'workers:*'),
      "supervisorctl -c /srv/app/supervisord.conf restart 'workers:*'",
    );
    assert.equal(
      supervisorctl({ configPath: '/etc/supervisord.conf', serverUrl: 'unix:///run/supervisor.sock' }, 'signal', 'HUP', 'web'),
      'supervisorctl -s unix:///run/supervisor.sock signal HUP web',
    );
    assert.equal(supervisorctl({ configPath: "/srv/it's here/s.conf" }, 'reread'), "supervisorctl -c '/srv/it'\\''s here/s.conf' reread");
  });
});

describe('sections of a configuration', () => {
  const main = analyzeText(
    '[supervisord]\n[include]\nfiles=conf.d/*.conf\n[group:workers]\nprograms=celery,flower\n[program:web]\ncommand=gunicorn\n',
    '/etc/supervisor/supervisord.conf',
  );
  const fragment = analyzeText(
    '[program:celery]\ncommand=celery -A proj worker\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)02d\n[program:flower]\ncommand=celery flower\n[eventlistener:flower]\ncommand=memmon -p web=200MB\nevents=TICK_60\n',
    '/etc/supervisor/conf.d/celery.conf',
  );
  const refs = sectionRefs([main, fragment]);

  test('a program listed by a [group:x] in another file runs in that group; event listeners never do', () => {
    assert.deepEqual(
      refs.map((r) => [r.path.split('/').pop(), r.section, r.group, r.headerRange.start.line]),
      [
        ['supervisord.conf', 'group:workers', 'workers', 3],
        ['supervisord.conf', 'program:web', 'web', 5],
        ['celery.conf', 'program:celery', 'workers', 0],
        ['celery.conf', 'program:flower', 'workers', 4],
        ['celery.conf', 'eventlistener:flower', 'flower', 6],
      ],
    );
    assert.deepEqual(
      sectionsOfGroup(refs, 'workers').map((r) => r.section),
      ['group:workers', 'program:celery', 'program:flower'],
    );
  });

  test('a process leads to the program that starts it, else to its group', () => {
    assert.equal(sectionOfProcess(refs, 'workers', 'celery_01')?.section, 'program:celery');
    assert.equal(sectionOfProcess(refs, 'workers', 'flower')?.section, 'program:flower');
    assert.equal(sectionOfProcess(refs, 'web', 'web')?.section, 'program:web');
    assert.equal(sectionOfProcess(refs, 'flower', 'flower')?.section, 'eventlistener:flower');
    assert.equal(sectionOfProcess(refs, 'workers', 'unknown')?.section, 'group:workers');
    assert.equal(sectionOfProcess(refs, 'gone', 'gone'), undefined);
  });
});

test("the supervisord a file belongs to: its main config's, when one near it includes it", () => {
  const root = mkdtempSync(join(tmpdir(), 'supervisor-live-config-'));
  mkdirSync(join(root, 'conf.d'));
  const files: Record<string, string> = {
    'supervisord.conf': '[unix_http_server]\nfile=/run/supervisor.sock\n[supervisord]\n[include]\nfiles = conf.d/*.conf\n',
    'conf.d/worker.conf': '[program:worker]\ncommand=/bin/cat\n',
    // Docker images set nodaemon=true in a conf.d file of their own: supervisord merges it into the main config's.
    'conf.d/supervisord.conf': '[supervisord]\nnodaemon=true\n[program:web]\ncommand=/bin/cat\n',
    'other/lone.conf': '[program:lone]\ncommand=/bin/cat\n',
    'other/own.conf': '[supervisord]\n[program:own]\ncommand=/bin/cat\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const mainOf = (name: string) => {
    const found = readConfiguration(join(root, name));
    return found && [found.main.path!.slice(root.length + 1), found.models.length];
  };
  assert.deepEqual(mainOf('supervisord.conf'), ['supervisord.conf', 3]);
  assert.deepEqual(mainOf('conf.d/worker.conf'), ['supervisord.conf', 3]);
  assert.deepEqual(mainOf('conf.d/supervisord.conf'), ['supervisord.conf', 3]);
  assert.deepEqual(mainOf('other/own.conf'), ['other/own.conf', 1]);
  assert.equal(mainOf('other/lone.conf'), undefined);
});
