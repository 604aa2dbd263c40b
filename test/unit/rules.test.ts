import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { applyFix, findings } from '../helpers/lint';

const MAIN = '[supervisord]\n\n';

/** A worker program; it stops gracefully (stopwaitsecs) unless a test is about that. */
function worker(command: string, extra = 'stopwaitsecs=600\n'): string {
  return `${MAIN}[program:worker]\ncommand=${command}\n${extra}`;
}

describe('celery/max-memory-per-child-ignored', () => {
  const rule = 'celery/max-memory-per-child-ignored';
  for (const spelling of ['--pool=gevent', '--pool gevent', '-P gevent', '-Pgevent', '-P eventlet', '--pool=threads', '-P solo', '--pool=GEVENT']) {
    test(`reported with ${spelling}`, () => {
      const text = worker(`celery -A proj worker -l info ${spelling} -c 10 --max-memory-per-child 262144`);
      const [finding] = findings(text, rule);
      assert.ok(finding, spelling);
      assert.equal(finding.severity, 'warning');
      const line = text.split('\n')[finding.range.start.line];
      assert.equal(line.slice(finding.range.start.character, finding.range.end.character), '--max-memory-per-child 262144');
    });
  }
  test('not reported for prefork, for the default pool, or for other programs', () => {
    assert.deepEqual(findings(worker('celery -A proj worker -l info --max-memory-per-child=262144'), rule), []);
    assert.deepEqual(findings(worker('celery -A proj worker -l info -P prefork --max-memory-per-child 262144'), rule), []);
    assert.deepEqual(findings(worker('gunicorn --pool=gevent --max-memory-per-child 1'), rule), []);
    assert.deepEqual(findings(worker('celery -A proj beat --pool=gevent --max-memory-per-child 1'), rule), []);
  });
  test('python -m celery and a path ending in /celery are workers too', () => {
    assert.equal(findings(worker('python3 -m celery -A p worker -l info -P gevent -c 5 --max-memory-per-child=1000000'), rule).length, 1);
    assert.equal(findings(worker('/srv/venv/bin/celery --app=p worker -l info --pool gevent -c 5 --max-memory-per-child 1000000'), rule).length, 1);
  });
  test('preferred fix removes the option, keeping the rest byte for byte', () => {
    const text = worker('celery -A proj worker -l info --pool=gevent --max-memory-per-child 262144 --concurrency=10', 'autostart=true\n');
    assert.equal(applyFix(text, rule), worker('celery -A proj worker -l info --pool=gevent --concurrency=10', 'autostart=true\n'));
  });
  test('preferred fix on a continuation line removes that line only', () => {
    const text = `${MAIN}[program:worker]\ncommand=celery -A proj worker\n    -l info --pool=gevent -c 10\n    --max-memory-per-child 262144 ; too late\n    -O fair\nautostart=true\n`;
    assert.equal(applyFix(text, rule), `${MAIN}[program:worker]\ncommand=celery -A proj worker\n    -l info --pool=gevent -c 10\n    -O fair\nautostart=true\n`);
  });
  test('memmon fix adds a listener after the program with the KiB value in MB', () => {
    const text = worker('celery -A proj worker -l info -P gevent -c 10 --max-memory-per-child=300000', 'autostart=true\n\n[program:other]\ncommand=sleep 1\n');
    assert.equal(
      applyFix(text, rule, /memmon/),
      worker('celery -A proj worker -l info -P gevent -c 10', 'autostart=true\n\n[eventlistener:memmon]\ncommand=memmon -p worker=293MB\nevents=TICK_60\n\n[program:other]\ncommand=sleep 1\n'),
    );
  });
  test('memmon fix at the end of a file without a final newline, and with numprocs > 1', () => {
    const text = worker('celery -A proj worker -l info -P gevent -c 10 --max-memory-per-child 524288', 'numprocs=2\nprocess_name=%(program_name)s_%(process_num)d').trimEnd();
    const fixed = applyFix(text, rule, /memmon/);
    assert.ok(fixed.endsWith('process_name=%(program_name)s_%(process_num)d\n\n[eventlistener:memmon]\ncommand=memmon -g worker=512MB\nevents=TICK_60'), fixed);
  });
  test('memmon fix extends an existing memmon listener instead of adding a second one', () => {
    const text = worker('celery -A proj worker -l info -P gevent -c 10 --max-memory-per-child 262144', '\n[program:api]\ncommand=gunicorn x\n\n[eventlistener:memmon]\ncommand=memmon -p api=200MB\nevents=TICK_60\n');
    const fixed = applyFix(text, rule, /memmon/);
    assert.match(fixed, /command=memmon -p api=200MB -p worker=256MB\n/);
  });
  test('the reference fixture', () => {
    const text = readFileSync('test/fixtures/celery/gevent-max-memory.conf', 'utf8');
    assert.deepEqual(findings(text).map((f) => f.rule), [rule]);
    const fixed = applyFix(text, rule);
    assert.deepEqual(findings(fixed), []);
    assert.ok(fixed.includes('--pool=gevent --concurrency=10\n'));
  });
});

describe('celery/max-memory-per-child-too-low', () => {
  const rule = 'celery/max-memory-per-child-too-low';
  for (const spelling of ['--max-memory-per-child 65536', '--max-memory-per-child=65536']) {
    test(`reported for ${spelling}`, () => {
      const [finding] = findings(worker(`celery -A p worker -l info ${spelling}`), rule);
      assert.equal(finding.severity, 'warning');
      assert.match(finding.message, /64 MB/);
    });
  }
  test('not reported at or above the threshold, nor on pools that ignore the option', () => {
    assert.deepEqual(findings(worker('celery -A p worker -l info --max-memory-per-child 131072'), rule), []);
    assert.deepEqual(findings(worker('celery -A p worker -l info -P gevent -c 9 --max-memory-per-child 100'), rule), []);
  });
  test('the threshold follows supervisor.celery.minMemoryPerChildMB', () => {
    const text = worker('celery -A p worker -l info --max-memory-per-child 200000');
    assert.deepEqual(findings(text, rule), []);
    assert.equal(findings(text, rule, { celery: { minMemoryPerChildMB: 256 } }).length, 1);
  });
  test('fix sets 262144', () => {
    assert.equal(applyFix(worker('celery -A p worker -l info --max-memory-per-child=512 -O fair'), rule), worker('celery -A p worker -l info --max-memory-per-child=262144 -O fair'));
  });
});

describe('celery/task-logging-disabled', () => {
  const rule = 'celery/task-logging-disabled';
  for (const spelling of ['-l info', '-linfo', '--loglevel info', '--loglevel=INFO', '-l warning']) {
    test(`not reported with ${spelling}`, () => assert.deepEqual(findings(worker(`celery -A p worker ${spelling}`), rule), []));
  }
  test('reported (Information) for a worker without a log level, range from executable to "worker"', () => {
    const text = worker('/srv/venv/bin/celery -A proj worker --concurrency 4');
    const [finding] = findings(text, rule);
    assert.equal(finding.severity, 'information');
    const line = text.split('\n')[finding.range.start.line];
    assert.equal(line.slice(finding.range.start.character, finding.range.end.character), '/srv/venv/bin/celery -A proj worker');
  });
  test('fix adds -l info after worker', () => {
    assert.equal(applyFix(worker('celery -A proj worker --concurrency 4'), rule), worker('celery -A proj worker -l info --concurrency 4'));
  });
  test('not reported for non-worker celery commands', () => {
    assert.deepEqual(findings(worker('celery -A proj beat'), rule), []);
    assert.deepEqual(findings(worker('celery -A proj flower'), rule), []);
  });
});

describe('celery/pool-concurrency-missing', () => {
  const rule = 'celery/pool-concurrency-missing';
  for (const spelling of ['--pool=gevent', '--pool gevent', '-P gevent', '-Peventlet']) {
    test(`reported for ${spelling} without concurrency`, () => {
      const [finding] = findings(worker(`celery -A p worker -l info ${spelling}`), rule);
      assert.equal(finding.severity, 'information');
    });
  }
  for (const spelling of ['-c 10', '-c10', '--concurrency 10', '--concurrency=10']) {
    test(`not reported with ${spelling}`, () => assert.deepEqual(findings(worker(`celery -A p worker -l info -P gevent ${spelling}`), rule), []));
  }
  test('not reported for prefork or threads', () => {
    assert.deepEqual(findings(worker('celery -A p worker -l info'), rule), []);
    assert.deepEqual(findings(worker('celery -A p worker -l info -P threads'), rule), []);
  });
  test('fix adds --concurrency=10 after the pool option', () => {
    assert.equal(applyFix(worker('celery -A p worker -P gevent -l info'), rule), worker('celery -A p worker -P gevent --concurrency=10 -l info'));
  });
});

describe('memmon/unknown-process', () => {
  const rule = 'memmon/unknown-process';
  const config = (memmon: string, extra = '') =>
    `${MAIN}[program:worker]\ncommand=celery -A p worker -l info\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)02d\n\n[program:web]\ncommand=gunicorn x\n${extra}\n[eventlistener:memmon]\ncommand=${memmon}\nevents=TICK_60\n`;
  test('process names, group:process and groups that exist are accepted', () => {
    for (const args of ['-p web=1GB', '-p worker_00=1GB', '-p worker:worker_01=1GB', '-g worker=1GB', '-g web=1GB', '-a 2GB', '-pweb=1GB', '--program=web=1GB', '--group=worker=1GB']) {
      assert.deepEqual(findings(config(`memmon ${args}`), rule), [], args);
    }
  });
  test('a program with numprocs > 1 is not a process name; a misspelling is an Error with a fix', () => {
    const [finding] = findings(config('memmon -p worker=1GB'), rule);
    assert.equal(finding.severity, 'error');
    assert.equal(findings(config('/usr/local/bin/memmon -p wbe=1GB'), rule).length, 1);
    assert.equal(applyFix(config('memmon -p wbe=1GB'), rule), config('memmon -p web=1GB'));
  });
  test('a program listed in a [group:x] belongs to that group only', () => {
    const extra = '\n[group:site]\nprograms=web\n';
    assert.deepEqual(findings(config('memmon -g site=1GB -p site:web=1GB -p web=1GB', extra), rule), []);
    assert.equal(findings(config('memmon -g web=1GB', extra), rule).length, 1);
  });
  test('silent in a fragment or a config with [include], whose other files are not known', () => {
    assert.deepEqual(findings('[eventlistener:memmon]\ncommand=memmon -p elsewhere=1GB\nevents=TICK_60\n', rule), []);
    assert.deepEqual(findings(config('memmon -p elsewhere=1GB', '\n[include]\nfiles=conf.d/*.conf\n'), rule), []);
  });
  test('the broken fixture reports each mistake once', () => {
    const text = readFileSync('test/fixtures/memmon/broken.conf', 'utf8');
    assert.deepEqual(findings(text).map((f) => f.rule).sort(), ['memmon/invalid-size', 'memmon/missing-tick-event', 'memmon/unknown-process', 'memmon/unknown-process']);
  });
});

describe('memmon/missing-tick-event', () => {
  const rule = 'memmon/missing-tick-event';
  const listener = (events: string) => `${MAIN}[program:w]\ncommand=sleep 9\n\n[eventlistener:memmon]\ncommand=memmon -a 1GB\n${events}`;
  test('TICK_5, TICK_60 and TICK_3600 satisfy it', () => {
    for (const events of ['events=TICK_5\n', 'events=PROCESS_STATE, TICK_60\n', 'events = TICK_3600 ; hourly\n']) {
      assert.deepEqual(findings(listener(events), rule), [], events);
    }
  });
  test('no tick event: Error, fix appends TICK_60 before an inline comment', () => {
    assert.equal(findings(listener('events=PROCESS_STATE\n'), rule)[0].severity, 'error');
    assert.equal(applyFix(listener('events=PROCESS_STATE ; states\n'), rule), listener('events=PROCESS_STATE,TICK_60 ; states\n'));
  });
  test('missing events= line: fix adds one', () => {
    assert.equal(applyFix(listener('autorestart=true\n'), rule), listener('autorestart=true\nevents=TICK_60\n'));
    assert.equal(applyFix(listener('autorestart=true'), rule), listener('autorestart=true\nevents=TICK_60'));
  });
  test('other listeners are not memmon', () => {
    assert.deepEqual(findings(`${MAIN}[eventlistener:crash]\ncommand=crashmail -a\nevents=PROCESS_STATE\n`, rule), []);
  });
});

describe('memmon/invalid-size', () => {
  const rule = 'memmon/invalid-size';
  const memmon = (args: string) => `${MAIN}[program:w]\ncommand=sleep 9\n\n[eventlistener:memmon]\ncommand=memmon ${args}\nevents=TICK_60\n`;
  test('valid sizes', () => {
    for (const size of ['512MB', '512mb', '1GB', '800000KB', '1048576', '2Gb']) assert.deepEqual(findings(memmon(`-p w=${size}`), rule), [], size);
  });
  test('invalid sizes are Errors on the size text', () => {
    for (const size of ['512M', '1.5GB', 'lots', '']) {
      const text = memmon(`-p w=${size} -a 1GB`);
      const [finding] = findings(text, rule);
      assert.ok(finding, size);
      assert.equal(finding.severity, 'error');
    }
    const text = memmon('-a 1TB');
    const [finding] = findings(text, rule);
    assert.equal(text.split('\n')[finding.range.start.line].slice(finding.range.start.character, finding.range.end.character), '1TB');
  });
});

describe('celery/shutdown-timeout-default', () => {
  const rule = 'celery/shutdown-timeout-default';
  test('a worker without stopwaitsecs gets it; the fix adds stopwaitsecs=600 to its section', () => {
    const text = worker('celery -A proj worker -l info', 'autostart=true\n\n[program:web]\ncommand=/bin/cat\n');
    const [finding] = findings(text, rule);
    assert.equal(finding.severity, 'information');
    assert.equal(finding.range.start.line, 2);
    assert.equal(applyFix(text, rule), worker('celery -A proj worker -l info', 'autostart=true\nstopwaitsecs=600\n\n[program:web]\ncommand=/bin/cat\n'));
  });
  test('stopwaitsecs set here or in [DEFAULT], other programs and other celery commands are fine', () => {
    assert.deepEqual(findings(worker('celery -A proj worker -l info', 'stopwaitsecs=10\n'), rule), []);
    assert.deepEqual(findings(`[DEFAULT]\nstopwaitsecs=300\n${worker('celery -A proj worker -l info', '')}`, rule), []);
    assert.deepEqual(findings(worker('celery -A proj beat -l info', ''), rule), []);
    assert.deepEqual(findings(worker('/srv/bin/gunicorn app:wsgi', ''), rule), []);
  });
});

describe('celery/cold-stop-signal', () => {
  const rule = 'celery/cold-stop-signal';
  for (const signal of ['KILL', 'SIGQUIT', 'hup', '9', '3']) {
    test(`stopsignal=${signal} is a Warning whose fix is TERM`, () => {
      const text = worker('celery -A proj worker -l info', `stopwaitsecs=600\nstopsignal=${signal}\n`);
      const [finding] = findings(text, rule);
      assert.equal(finding?.severity, 'warning', signal);
      assert.match(applyFix(text, rule), /^stopsignal=TERM$/m);
    });
  }
  test('TERM, INT and 15 give a warm shutdown; non-Celery programs may use anything', () => {
    for (const signal of ['TERM', 'SIGINT', '15']) assert.deepEqual(findings(worker('celery -A proj worker -l info', `stopsignal=${signal}\n`), rule), [], signal);
    assert.deepEqual(findings(worker('/usr/sbin/nginx', 'stopsignal=QUIT\n'), rule), []);
  });
});

describe('engine', () => {
  const text = worker('celery -A proj worker --concurrency 4');
  test('severity overrides and off', () => {
    assert.equal(findings(text, 'celery/task-logging-disabled', { rules: { 'celery/task-logging-disabled': 'error' } })[0].severity, 'error');
    assert.deepEqual(findings(text, 'celery/task-logging-disabled', { rules: { 'celery/task-logging-disabled': 'off' } }), []);
  });
  test('suppression comments: end of line, line above, whole file', () => {
    assert.deepEqual(findings(worker('celery -A proj worker ; supervisor-lint: disable=celery/task-logging-disabled'), 'celery/task-logging-disabled'), []);
    assert.deepEqual(findings(`${MAIN}[program:worker]\n; supervisor-lint: disable=celery/task-logging-disabled\ncommand=celery -A p worker\nstopwaitsecs=600\n`), []);
    assert.deepEqual(findings(`; supervisor-lint: disable-file=celery/task-logging-disabled\n${text}`), []);
    // Another rule's id silences nothing here (and is itself reported as an unused suppression).
    assert.deepEqual(findings(`; supervisor-lint: disable=memmon/invalid-size\n${text}`).map((f) => f.rule), ['lint/unused-suppression', 'celery/task-logging-disabled']);
  });
  test('UTF-16 columns after non-ASCII text on the same line', () => {
    const t = worker('/home/jürgen/😀/celery -A proj worker -l info -P gevent -c 4 --max-memory-per-child 262144');
    const [finding] = findings(t, 'celery/max-memory-per-child-ignored');
    const line = t.split('\n')[finding.range.start.line];
    assert.equal(line.slice(finding.range.start.character, finding.range.end.character), '--max-memory-per-child 262144');
  });
  test('the tuned fixture is clean', () => {
    assert.deepEqual(findings(readFileSync('test/fixtures/celery/tuned.conf', 'utf8')), []);
  });
});
