import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { applyFix, findings } from '../helpers/lint';
import { memorySource } from '../helpers/memorySource';

const MAIN = '[supervisord]\n\n';
/** The HTTP server and RPC interface memmon needs to reach supervisord. */
const RPC =
  '[unix_http_server]\nfile=/run/supervisor.sock\n\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n\n';
const served = (text: string) => text.replace(MAIN, MAIN + RPC);

/** A worker program; it stops gracefully (stopwaitsecs) unless a test is about that. */
function worker(command: string, extra = 'stopwaitsecs=600\n'): string {
  return `${MAIN}[program:worker]\ncommand=${command}\n${extra}`;
}

describe('celery/max-memory-per-child-ignored', () => {
  const rule = 'celery/max-memory-per-child-ignored';
  for (const spelling of ['--pool=gevent', '--pool gevent', '-P gevent', '-Pgevent', '-P eventlet', '--pool=threads', '-P solo']) {
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
    // Pool names are case-sensitive: Celery refuses GEVENT (celery/unknown-pool), it does not run gevent.
    assert.deepEqual(findings(worker('celery -A proj worker -l info --pool=GEVENT --max-memory-per-child 262144'), rule), []);
  });
  test('python -m celery and a path ending in /celery are workers too', () => {
    assert.equal(findings(worker('python3 -m celery -A p worker -l info -P gevent -c 5 --max-memory-per-child=1000000'), rule).length, 1);
    assert.equal(
      findings(worker('/srv/venv/bin/celery --app=p worker -l info --pool gevent -c 5 --max-memory-per-child 1000000'), rule).length,
      1,
    );
  });
  test('preferred fix removes the option, keeping the rest byte for byte', () => {
    const text = worker('celery -A proj worker -l info --pool=gevent --max-memory-per-child 262144 --concurrency=10', 'autostart=true\n');
    assert.equal(applyFix(text, rule), worker('celery -A proj worker -l info --pool=gevent --concurrency=10', 'autostart=true\n'));
  });
  test('preferred fix on a continuation line removes that line only', () => {
    const text = `${MAIN}[program:worker]\ncommand=celery -A proj worker\n    -l info --pool=gevent -c 10\n    --max-memory-per-child 262144\n    -O fair\nautostart=true\n`;
    assert.equal(
      applyFix(text, rule),
      `${MAIN}[program:worker]\ncommand=celery -A proj worker\n    -l info --pool=gevent -c 10\n    -O fair\nautostart=true\n`,
    );
  });
  test("preferred fix on a continuation line keeps the user's comment on it", () => {
    const text = `${MAIN}[program:worker]\ncommand=celery -A proj worker\n    -l info --pool=gevent -c 10\n    --max-memory-per-child 262144 ; too late\n    -O fair\nautostart=true\n`;
    assert.equal(
      applyFix(text, rule),
      `${MAIN}[program:worker]\ncommand=celery -A proj worker\n    -l info --pool=gevent -c 10\n    ; too late\n    -O fair\nautostart=true\n`,
    );
  });
  test('memmon fix adds a listener after the program with the KiB value in MB', () => {
    const text = served(
      worker(
        'celery -A proj worker -l info -P gevent -c 10 --max-memory-per-child=300000',
        'autostart=true\n\n[program:other]\ncommand=sleep 1\n',
      ),
    );
    assert.equal(
      applyFix(text, rule, /memmon/),
      served(
        worker(
          'celery -A proj worker -l info -P gevent -c 10',
          'autostart=true\n\n[eventlistener:memmon]\ncommand=memmon -p worker=293MB\nevents=TICK_60\n\n[program:other]\ncommand=sleep 1\n',
        ),
      ),
    );
  });
  test('memmon fix at the end of a file without a final newline, and with numprocs > 1', () => {
    const text = served(
      worker(
        'celery -A proj worker -l info -P gevent -c 10 --max-memory-per-child 524288',
        'numprocs=2\nprocess_name=%(program_name)s_%(process_num)d',
      ).trimEnd(),
    );
    const fixed = applyFix(text, rule, /memmon/);
    assert.ok(
      fixed.endsWith(
        'process_name=%(program_name)s_%(process_num)d\n\n[eventlistener:memmon]\ncommand=memmon -g worker=512MB\nevents=TICK_60',
      ),
      fixed,
    );
  });
  test('no new memmon listener where memmon could not reach supervisord or would need a login', () => {
    const titles = (text: string) => findings(text, rule)[0].fixes.map((f) => f.title);
    const gevent = worker('celery -A proj worker -l info -P gevent -c 10 --max-memory-per-child 262144');
    assert.deepEqual(titles(gevent), ['Remove --max-memory-per-child']);
    assert.deepEqual(titles(served(gevent).replace('file=/run/supervisor.sock\n', 'file=/run/supervisor.sock\nusername=u\npassword=p\n')), [
      'Remove --max-memory-per-child',
    ]);
    assert.equal(titles(served(gevent)).length, 2);
  });
  test('a program memmon already watches gets only the removal, and says so', () => {
    const text = worker(
      'celery -A proj worker -l info -P gevent -c 10 --max-memory-per-child 262144',
      'stopwaitsecs=600\n\n[eventlistener:memmon]\ncommand=memmon -a 1GB\nevents=TICK_60\n',
    );
    const [finding] = findings(served(text), rule);
    assert.deepEqual(
      finding.fixes.map((f) => f.title),
      ['Remove --max-memory-per-child'],
    );
    assert.match(finding.message, /memmon already restarts this program above 1GB/);
  });
  test('memmon fix names a grouped single process with -p, escaping % for the command', () => {
    const text = served(
      worker(
        'celery -A proj worker -l info -P gevent -c 10 --max-memory-per-child 262144',
        'process_name=w%%1\n\n[group:celery]\nprograms=worker,beat\n\n[program:beat]\ncommand=celery -A proj beat\n\n[eventlistener:memmon]\ncommand=memmon -p beat=100MB\nevents=TICK_60\n',
      ),
    );
    assert.match(applyFix(text, rule, /memmon/), /^command=memmon -p beat=100MB -p w%%1=256MB$/m);
  });
  test('memmon fix inserts after the last option memmon reads, before words it ignores', () => {
    const text = worker(
      'celery -A proj worker -l info -P gevent -c 10 --max-memory-per-child 262144',
      'stopwaitsecs=600\n\n[program:api]\ncommand=gunicorn x\n\n[eventlistener:memmon]\ncommand=memmon -p api=200MB -- ignored\nevents=TICK_60\n',
    );
    assert.match(applyFix(text, rule, /memmon/), /^command=memmon -p api=200MB -p worker=256MB -- ignored$/m);
  });
  test('memmon fix extends an existing memmon listener instead of adding a second one', () => {
    const text = worker(
      'celery -A proj worker -l info -P gevent -c 10 --max-memory-per-child 262144',
      '\n[program:api]\ncommand=gunicorn x\n\n[eventlistener:memmon]\ncommand=memmon -p api=200MB\nevents=TICK_60\n',
    );
    const fixed = applyFix(text, rule, /memmon/);
    assert.match(fixed, /command=memmon -p api=200MB -p worker=256MB\n/);
  });
  test('the reference fixture', () => {
    const text = readFileSync('test/fixtures/celery/gevent-max-memory.conf', 'utf8');
    assert.deepEqual(
      findings(text).map((f) => f.rule),
      [rule],
    );
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
    assert.equal(
      applyFix(worker('celery -A p worker -l info --max-memory-per-child=512 -O fair'), rule),
      worker('celery -A p worker -l info --max-memory-per-child=262144 -O fair'),
    );
  });
  test('boundary values: the size printed is rounded down, so it is always below the minimum it is compared with', () => {
    const message = (kib: string) => findings(worker(`celery -A p worker -l info --max-memory-per-child=${kib}`), rule)[0]?.message;
    assert.match(message('131071')!, /^--max-memory-per-child 131071 is 127\.9 MB: .* under 128 MB /);
    assert.equal(message('131072'), undefined);
    assert.match(message('130969')!, / is 127\.8 MB: /);
    assert.match(message('1023')!, / is 1023 KiB: /);
    assert.match(message('1024')!, / is 1 MB: /);
    assert.match(message('1')!, / is 1 KiB: /);
    assert.match(
      findings(worker('celery -A p worker -l info --max-memory-per-child=262143'), rule, { celery: { minMemoryPerChildMB: 256 } })[0]
        .message,
      / is 255\.9 MB: .* under 256 MB /,
    );
  });
  test('zero or a negative limit is no limit at all, not a low one', () => {
    for (const kib of ['0', '-1'])
      assert.deepEqual(findings(worker(`celery -A p worker -l info --max-memory-per-child=${kib}`), rule), [], kib);
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
    test(`not reported with ${spelling}`, () =>
      assert.deepEqual(findings(worker(`celery -A p worker -l info -P gevent ${spelling}`), rule), []));
  }
  test('not reported when --autoscale sizes the pool (it overrides --concurrency)', () => {
    assert.deepEqual(findings(worker('celery -A p worker -l info -P gevent --autoscale=100,10'), rule), []);
    assert.deepEqual(findings(worker('celery -A p worker -l info --autoscale 50 -P eventlet'), rule), []);
  });
  test('not reported for prefork or threads', () => {
    assert.deepEqual(findings(worker('celery -A p worker -l info'), rule), []);
    assert.deepEqual(findings(worker('celery -A p worker -l info -P threads'), rule), []);
  });
  test('fix adds --concurrency=10 after the pool option', () => {
    assert.equal(
      applyFix(worker('celery -A p worker -P gevent -l info'), rule),
      worker('celery -A p worker -P gevent --concurrency=10 -l info'),
    );
  });
});

describe('memmon/unknown-process', () => {
  const rule = 'memmon/unknown-process';
  const config = (memmon: string, extra = '') =>
    `${MAIN}[program:worker]\ncommand=celery -A p worker -l info\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)02d\n\n[program:web]\ncommand=gunicorn x\n${extra}\n[eventlistener:memmon]\ncommand=${memmon}\nevents=TICK_60\n`;
  test('process names, group:process and groups that exist are accepted', () => {
    for (const args of [
      '-p web=1GB',
      '-p worker_00=1GB',
      '-p worker:worker_01=1GB',
      '-g worker=1GB',
      '-g web=1GB',
      '-a 2GB',
      '-pweb=1GB',
      '--program=web=1GB',
      '--group=worker=1GB',
    ]) {
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
    assert.deepEqual(
      findings(text)
        .map((f) => f.rule)
        .sort(),
      ['memmon/invalid-size', 'memmon/missing-tick-event', 'memmon/no-rpc-server', 'memmon/unknown-process', 'memmon/unknown-process'],
    );
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
  const memmon = (args: string) =>
    `${MAIN}[program:w]\ncommand=sleep 9\n\n[eventlistener:memmon]\ncommand=memmon ${args}\nevents=TICK_60\n`;
  test('valid sizes', () => {
    for (const size of ['512MB', '512mb', '1GB', '800000KB', '1048576', '2Gb'])
      assert.deepEqual(findings(memmon(`-p w=${size}`), rule), [], size);
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
    assert.equal(
      applyFix(text, rule),
      worker('celery -A proj worker -l info', 'autostart=true\nstopwaitsecs=600\n\n[program:web]\ncommand=/bin/cat\n'),
    );
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
  for (const signal of ['KILL', 'SIGQUIT', 'hup', '9', '3', 'USR1', 'SIGUSR2', '10', '12']) {
    test(`stopsignal=${signal} is a Warning whose fix is TERM`, () => {
      const text = worker('celery -A proj worker -l info', `stopwaitsecs=600\nstopsignal=${signal}\n`);
      const [finding] = findings(text, rule);
      assert.equal(finding?.severity, 'warning', signal);
      assert.match(applyFix(text, rule), /^stopsignal=TERM$/m);
    });
  }
  test('TERM, INT and 15 give a warm shutdown; non-Celery programs may use anything', () => {
    for (const signal of ['TERM', 'SIGINT', '15'])
      assert.deepEqual(findings(worker('celery -A proj worker -l info', `stopsignal=${signal}\n`), rule), [], signal);
    assert.deepEqual(findings(worker('/usr/sbin/nginx', 'stopsignal=QUIT\n'), rule), []);
  });
  test('USR1 only dumps tracebacks and HUP restarts in place: both end in SIGKILL after stopwaitsecs', () => {
    assert.match(
      findings(worker('celery -A proj worker -l info', 'stopsignal=USR1\n'), rule)[0].message,
      /stack traces .* keeps running, so every stop ends in SIGKILL after `stopwaitsecs`/,
    );
    assert.match(
      findings(worker('celery -A proj worker -l info', 'stopsignal=HUP\n'), rule)[0].message,
      /warm stop followed by a restart in place/,
    );
  });
  describe('REMAP_SIGTERM=SIGQUIT turns TERM into a cold shutdown', () => {
    const remap = 'environment=PATH="/srv/venv/bin",REMAP_SIGTERM=SIGQUIT';
    test('set by the wrappers of the command (env, export, NAME=VALUE), which override environment=', () => {
      for (const command of [
        'env REMAP_SIGTERM=SIGQUIT celery -A proj worker -l info',
        `bash -c 'export REMAP_SIGTERM=SIGQUIT; exec celery -A proj worker -l info'`,
        `sh -c 'cd /srv/app && REMAP_SIGTERM=SIGQUIT exec celery -A proj worker -l info'`,
      ]) {
        const text = worker(command);
        const [finding] = findings(text, rule);
        assert.ok(finding, command);
        assert.deepEqual(finding.range, { start: { line: 3, character: 0 }, end: { line: 3, character: `command=${command}`.length } });
        assert.match(finding.message, /but the command of \[program:worker\] sets REMAP_SIGTERM=SIGQUIT/);
      }
      assert.deepEqual(
        findings(worker('env REMAP_SIGTERM=SIGTERM celery -A proj worker -l info', `stopwaitsecs=600\n${remap}\n`), rule),
        [],
      );
      assert.deepEqual(findings(worker('env -u REMAP_SIGTERM celery -A proj worker -l info', `stopwaitsecs=600\n${remap}\n`), rule), []);
    });
    test("in the program's environment: reported on that line, without a fix", () => {
      const text = worker('celery -A proj worker -l info', `stopwaitsecs=600\n${remap}\n`);
      const [finding] = findings(text, rule);
      assert.equal(text.split('\n')[finding.range.start.line], remap);
      assert.deepEqual([finding.range.start.character, finding.range.end.character], [0, remap.length]);
      assert.match(
        finding.message,
        /^\[program:worker\] is stopped with TERM, but the environment of \[program:worker\] sets REMAP_SIGTERM=SIGQUIT/,
      );
      assert.deepEqual(finding.fixes, []);
    });
    test('from [DEFAULT] or [supervisord], also when [supervisord] is in the file that includes this one', () => {
      assert.match(
        findings(`[DEFAULT]\n${remap}\n\n${worker('celery -A proj worker -l info')}`, rule)[0].message,
        /environment of \[DEFAULT\]/,
      );
      const main = `[supervisord]\n${remap}\n\n[include]\nfiles=conf.d/*.conf\n`;
      assert.match(
        findings(`${main}\n[program:worker]\ncommand=celery -A proj worker -l info\nstopwaitsecs=600\n`, rule)[0].message,
        /environment of \[supervisord\]/,
      );
      const fragment = '[program:worker]\ncommand=celery -A proj worker -l info\nstopwaitsecs=600\n';
      const source = memorySource({ '/etc/supervisor/supervisord.conf': main, '/etc/supervisor/conf.d/worker.conf': fragment });
      const [finding] = findings(fragment, rule, undefined, { path: '/etc/supervisor/conf.d/worker.conf', source });
      assert.deepEqual(finding.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } });
    });
    test("the program's own environment overrides [supervisord]'s; other values, INT and other signals are left alone", () => {
      const main = `[supervisord]\n${remap}\n\n`;
      assert.deepEqual(
        findings(
          `${main}[program:worker]\ncommand=celery -A proj worker -l info\nstopwaitsecs=600\nenvironment=REMAP_SIGTERM=SIGTERM\n`,
          rule,
        ),
        [],
      );
      assert.deepEqual(findings(worker('celery -A proj worker -l info', `stopsignal=INT\n${remap}\n`), rule), []);
      assert.deepEqual(findings(worker('celery -A proj worker -l info', 'environment=REMAP_SIGTERM="SIGINT"\n'), rule), []);
      assert.deepEqual(findings(worker('/srv/bin/gunicorn app:wsgi', `${remap}\n`), rule), []);
      assert.equal(
        findings(worker('celery -A proj worker -l info', `stopsignal=QUIT\n${remap}\n`), rule).length,
        1,
        'one finding, for the signal',
      );
    });
  });
});

describe('celery/stopasgroup-on-prefork', () => {
  const rule = 'celery/stopasgroup-on-prefork';
  test('a Warning on the line, for prefork by default, by name and by its alias processes', () => {
    for (const command of [
      'celery -A proj worker -l info',
      'celery -A proj worker -l info -P prefork',
      'celery -A proj worker -l info --pool=processes',
    ]) {
      const [finding] = findings(worker(command, 'stopwaitsecs=600\nstopasgroup=on\n'), rule);
      assert.equal(finding?.severity, 'warning', command);
      assert.deepEqual(finding.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 14 } });
    }
    assert.deepEqual(findings(worker('celery -A proj worker -l info -P threads -c 4', 'stopasgroup=true\n'), rule), []);
    assert.deepEqual(findings(worker('celery -A proj worker -l info', 'stopasgroup=false\n'), rule), []);
  });
  test('with killasgroup=false (which supervisord refuses next to stopasgroup=true) the fix also turns it on', () => {
    const text = worker('celery -A proj worker -l info', 'stopwaitsecs=600\nstopasgroup=true\nkillasgroup=false\nautostart=true\n');
    assert.equal(applyFix(text, rule), worker('celery -A proj worker -l info', 'stopwaitsecs=600\nkillasgroup=true\nautostart=true\n'));
  });
  test('a program stopasgroup=true over a [DEFAULT] one becomes false rather than falling back to it', () => {
    const text = `[DEFAULT]\nstopasgroup=true\n\n${worker('celery -A proj worker -l info', 'stopasgroup=true\nstopwaitsecs=600\n')}`;
    assert.equal(
      applyFix(text, rule),
      `[DEFAULT]\nstopasgroup=true\n\n${worker('celery -A proj worker -l info', 'stopasgroup=false\nstopwaitsecs=600\nkillasgroup=true\n')}`,
    );
  });
  test('the last line of a file without a final line break is removed with the break before it', () => {
    const text = worker('celery -A proj worker -l info', 'killasgroup=true\nstopwaitsecs=600\nstopasgroup=true');
    assert.equal(applyFix(text, rule), worker('celery -A proj worker -l info', 'killasgroup=true\nstopwaitsecs=600'));
  });
});

describe('celery/stopwaitsecs-below-time-limit', () => {
  const rule = 'celery/stopwaitsecs-below-time-limit';
  const limited = (limits: string, wait: string) => worker(`celery -A proj worker -l info ${limits}`, `stopwaitsecs=${wait}\n`);
  test('equal or shorter is reported; the fix rounds a fractional limit up and adds 60 s', () => {
    assert.equal(findings(limited('--time-limit=600', '600'), rule)[0]?.severity, 'warning');
    assert.deepEqual(findings(limited('--time-limit=600', '601'), rule), []);
    assert.equal(applyFix(limited('--time-limit 90.5', '90'), rule), limited('--time-limit 90.5', '151'));
    assert.match(
      findings(limited('--time-limit=900', '600'), rule)[0].message,
      /^\[program:worker\] stopwaitsecs=600 does not outlast --time-limit=900: /,
    );
  });
  test('the hard limit counts when both are set; the soft one only without it', () => {
    assert.deepEqual(findings(limited('--soft-time-limit=900 --time-limit=300', '600'), rule), []);
    assert.equal(findings(limited('--soft-time-limit=900', '600'), rule).length, 1);
  });
  test('no explicit stopwaitsecs (shutdown-timeout-default covers it), no limit, or an unreadable one: nothing', () => {
    assert.deepEqual(findings(worker('celery -A proj worker -l info --time-limit=300', ''), rule), []);
    assert.deepEqual(findings(limited('', '5'), rule), []);
    assert.deepEqual(findings(limited('--time-limit=%(ENV_LIMIT)s', '5'), rule), []);
    assert.deepEqual(findings(limited('--time-limit=0', '5'), rule), []);
  });
});

describe('celery/worker-runs-as-root', () => {
  const rule = 'celery/worker-runs-as-root';
  test('user=root or user=0, unless --uid drops privileges first', () => {
    for (const user of ['root', '0'])
      assert.equal(
        findings(worker('celery -A proj worker -l info', `stopwaitsecs=600\nuser=${user}\n`), rule)[0]?.severity,
        'warning',
        user,
      );
    assert.deepEqual(findings(worker('celery -A proj worker -l info --uid celery', 'stopwaitsecs=600\nuser=root\n'), rule), []);
    assert.deepEqual(findings(worker('celery -A proj worker -l info', 'stopwaitsecs=600\nuser=rooty\n'), rule), []);
    assert.deepEqual(findings(worker('/usr/sbin/nginx', 'user=root\n'), rule), []);
  });
  test("C_FORCE_ROOT from the program's, [DEFAULT]'s or [supervisord]'s environment; an empty value is unset", () => {
    assert.equal(findings(worker('celery -A proj worker -l info', 'stopwaitsecs=600\nenvironment=C_FORCE_ROOT=1\n'), rule).length, 1);
    assert.match(
      findings(`[DEFAULT]\nenvironment=C_FORCE_ROOT="yes"\n${worker('celery -A proj worker -l info')}`, rule)[0].message,
      /^The environment of \[DEFAULT\] sets C_FORCE_ROOT/,
    );
    const global = worker('celery -A proj worker -l info').replace('[supervisord]\n', '[supervisord]\nenvironment=C_FORCE_ROOT=false\n');
    assert.match(
      findings(global, rule)[0].message,
      /^The environment of \[supervisord\] sets C_FORCE_ROOT/,
      'any non-empty value counts, even "false"',
    );
    assert.deepEqual(findings(worker('celery -A proj worker -l info', 'stopwaitsecs=600\nenvironment=C_FORCE_ROOT=""\n'), rule), []);
  });
  test('C_FORCE_ROOT set by the wrappers of the command, and hidden by those that unset it', () => {
    const command = 'env C_FORCE_ROOT=1 celery -A proj worker -l info';
    const text = worker(command);
    const [finding] = findings(text, rule);
    assert.equal(text.split('\n')[finding.range.start.line], `command=${command}`);
    assert.deepEqual([finding.range.start.character, finding.range.end.character], [0, `command=${command}`.length]);
    assert.match(finding.message, /^The command of \[program:worker\] sets C_FORCE_ROOT/);
    assert.equal(findings(worker(`sh -c 'export C_FORCE_ROOT=1; exec celery -A proj worker -l info'`), rule).length, 1);
    const global = (command: string) => worker(command).replace('[supervisord]\n', '[supervisord]\nenvironment=C_FORCE_ROOT=1\n');
    assert.equal(findings(global('celery -A proj worker -l info'), rule).length, 1);
    assert.deepEqual(findings(global('env -u C_FORCE_ROOT celery -A proj worker -l info'), rule), []);
    assert.deepEqual(findings(global('env -i PATH=/srv/venv/bin celery -A proj worker -l info'), rule), []);
    assert.deepEqual(findings(global(`bash -c 'unset C_FORCE_ROOT && exec celery -A proj worker -l info'`), rule), []);
  });
  test('--uid is read through the option table: any spelling after the subcommand, not before it nor as a value', () => {
    const asRoot = (command: string) => findings(worker(command, 'stopwaitsecs=600\nuser=root\n'), rule).length;
    assert.equal(asRoot('celery -A proj worker -l info --uid=celery'), 0);
    assert.equal(asRoot('celery -A proj worker --uid celery -l info'), 0);
    assert.equal(asRoot(`bash -c "source venv/bin/activate && exec celery -A proj worker --uid celery"`), 0);
    // Celery refuses --uid before the subcommand (celery/misplaced-option): the worker never drops privileges.
    assert.equal(asRoot('celery --uid celery -A proj worker -l info'), 1);
    // A queue named --uid is no option.
    assert.equal(asRoot('celery -A proj worker -Q --uid -l info'), 1);
  });
  test("a worker without user= under [supervisord] user=root, in its file or its main config's; its own user= wins", () => {
    const rootMain = (user: string) => worker('celery -A proj worker -l info').replace('[supervisord]\n', `[supervisord]\nuser=${user}\n`);
    for (const user of ['root', '0']) {
      const [found] = findings(rootMain(user), rule);
      assert.equal(found.range.start.line, 3, user);
      assert.match(
        found.message,
        new RegExp(
          `^\\[program:worker\\] has no user=, so this Celery worker runs as supervisord does: as root \\(user=${user} in \\[supervisord\\]\\)`,
        ),
      );
    }
    assert.deepEqual(findings(rootMain('root').replace('stopwaitsecs=600\n', 'stopwaitsecs=600\nuser=celery\n'), rule), []);
    assert.deepEqual(findings(rootMain('app'), rule), []);
    const source = memorySource({
      '/etc/supervisor/supervisord.conf': '[supervisord]\nuser=root\n[include]\nfiles = conf.d/*.conf\n',
      '/etc/supervisor/conf.d/worker.conf': '[program:worker]\ncommand=celery -A proj worker -l info\nstopwaitsecs=600\n',
    });
    const fragment = findings('[program:worker]\ncommand=celery -A proj worker -l info\nstopwaitsecs=600\n', rule, undefined, {
      path: '/etc/supervisor/conf.d/worker.conf',
      source,
    });
    assert.equal(fragment.length, 1);
  });
  test('one finding per worker, on user=root when both are set', () => {
    const text = worker('celery -A proj worker -l info', 'stopwaitsecs=600\nenvironment=C_FORCE_ROOT=1\nuser=root\n');
    const found = findings(text, rule);
    assert.equal(found.length, 1);
    assert.equal(text.split('\n')[found[0].range.start.line], 'user=root');
  });
});

describe('celery/concurrency-ignored', () => {
  const rule = 'celery/concurrency-ignored';
  test('a count above 1 with solo is reported with what it reserves; the fix writes 1', () => {
    const text = worker('celery -A proj worker -l info -P solo -c 8');
    const [finding] = findings(text, rule);
    assert.match(finding.message, /-c 8 runs no task in parallel .* reserves 8 x the prefetch multiplier \(4 by default\) messages/);
    assert.equal(applyFix(text, rule), worker('celery -A proj worker -l info -P solo -c 1'));
  });
  test('a literal --prefetch-multiplier gives the number of messages reserved', () => {
    const [finding] = findings(worker('celery -A proj worker -P solo --concurrency 3 --prefetch-multiplier 2'), rule);
    assert.match(finding.message, /reserves 6 messages/);
  });
  test('-c 1, -c 0 (the CPUs), a count from the server, a disabled prefetch and other pools are not reported', () => {
    for (const options of [
      '-P solo -c 1',
      '-P solo --concurrency=0',
      '-P solo -c %(ENV_WORKERS)s',
      '-P solo -c 8 --disable-prefetch',
      '-P threads -c 8',
      '-c 8',
    ])
      assert.deepEqual(findings(worker(`celery -A proj worker ${options}`), rule), [], options);
  });
  test('with --autoscale any -c does nothing, and the fix removes it', () => {
    const text = worker('celery -A proj worker -P solo -c 1 --autoscale=4,1');
    const [finding] = findings(text, rule);
    assert.match(finding.message, /has no effect here/);
    assert.equal(applyFix(text, rule), worker('celery -A proj worker -P solo --autoscale=4,1'));
  });
  test('the fix to 1 is offered as a quick fix but left out of fix-all', () => {
    const [finding] = findings(worker('celery -A proj worker -P solo -c 8'), rule);
    assert.equal(finding.fixes[0].safe, false);
  });
});

describe('celery/invalid-option-value', () => {
  const rule = 'celery/invalid-option-value';
  test("quotes click's hint: every flag of the option, short first, whichever one was written", () => {
    for (const [options, hint] of [
      ['--concurrency=many', "'-c' / '--concurrency'"],
      ['-c many', "'-c' / '--concurrency'"],
      ['-l verbose', "'-l' / '--loglevel'"],
      ['--max-memory-per-child 512MB', "'--max-memory-per-child'"],
    ]) {
      const [finding] = findings(worker(`celery -A proj worker ${options}`), rule);
      assert.ok(finding.message.includes(`"Invalid value for ${hint}"`), `${options}: ${finding.message}`);
    }
  });
  test('an option written twice is judged by its last value, the only one click converts', () => {
    assert.deepEqual(findings(worker('celery -A proj worker -l warn --loglevel=info -c ten -c 4'), rule), []);
    const [late] = findings(worker('celery -A proj worker -l info -l warn'), rule);
    assert.match(late.message, /^-l warn: /);
  });
  test('--autoscale takes one integer or two separated by a comma, as Celery reads it', () => {
    for (const value of ['10', '10,3', '3,10', ' 8 , 2', '+4,0'])
      assert.deepEqual(findings(worker(`celery -A proj worker '--autoscale=${value}'`), rule), [], value);
    const messages = ['10,3,1', 'ten', '10,', 'a,b'].map(
      (value) => findings(worker(`celery -A proj worker --autoscale=${value}`), rule)[0]?.message,
    );
    assert.match(messages[0], /3 comma-separated parts .* "Invalid value for '--autoscale'" \(exit status 2\)/);
    assert.match(messages[1], /"ten" is not an integer, so Celery stops at once with "Invalid value for '--autoscale'"/);
    // Two parts that are not both integers break Celery's own error message.
    assert.match(messages[2], /"10," is not two integers, so Celery stops with an AttributeError traceback .*\(exit status 1\)/);
    assert.match(messages[3], /"a,b" is not two integers/);
  });
});

describe('celery/unknown-option', () => {
  const rule = 'celery/unknown-option';
  test('before the subcommand the celery command reads the flag; after worker or beat, that subcommand', () => {
    const [before] = findings(worker('celery --apps proj worker -l info'), rule);
    assert.match(before.message, /^--apps is not an option of the celery command: .* Did you mean --app\?$/);
    const [after] = findings(worker('celery -A proj beat --max-intervall 5'), rule);
    assert.match(
      after.message,
      /^--max-intervall is not an option of "celery beat": .*"No such option: --max-intervall".* Did you mean --max-interval\?$/,
    );
    assert.equal(after.fixes?.[0].title, 'Change to --max-interval');
  });
  test('a letter of a cluster, or a flag in quotes, is reported without a fix', () => {
    const [letter] = findings(worker('celery -A proj worker -l info -EZ'), rule);
    assert.match(letter.message, /^-Z is not an option of "celery worker"/);
    assert.deepEqual(letter.fixes, []);
    const [quoted] = findings(worker("celery -A proj worker -l info '--concurency=4'"), rule);
    assert.match(quoted.message, /Did you mean --concurrency\?/);
    assert.deepEqual(quoted.fixes, []);
  });
  test("Celery 4's spellings get Celery 5's name as a safe fix; a far-off flag gets no guess", () => {
    const [old] = findings(worker('celery -A proj worker -l info --maxtasksperchild=100'), rule);
    assert.match(old.message, /It was Celery 4's name for --max-tasks-per-child\.$/);
    assert.equal(old.fixes?.[0].safe, true);
    const [far] = findings(worker('celery -A proj worker -l info --frobnicate'), rule);
    assert.match(far.message, /never starts\.$/);
    assert.deepEqual(far.fixes, []);
  });
  test('--help, and the options of subcommands we do not know, are left alone', () => {
    for (const command of [
      'celery -A proj worker -l info --help',
      'celery -A proj flower --port=5555',
      'celery multi start w1 -A proj --my-option',
    ])
      assert.deepEqual(findings(worker(command), rule), [], command);
  });
});

describe('celery/unknown-subcommand', () => {
  const rule = 'celery/unknown-subcommand';
  test('a typo of a subcommand gets the nearest one; a far-off word or a plugin of ours gets no guess', () => {
    const [typo] = findings(worker('celery -A proj wroker -l info'), rule);
    assert.match(typo.message, /^"wroker" is not a Celery subcommand: .*"No such command 'wroker'".* Did you mean worker\?$/);
    assert.equal(typo.fixes?.[0].safe, false);
    const [far] = findings(worker('celery -A proj wsgi'), rule);
    assert.match(far.message, /no worker runs\.$/);
    assert.deepEqual(far.fixes, []);
    assert.deepEqual(findings(worker('celery -A proj flower --port=5555'), rule), []);
  });
  test('a line that stops before its subcommand matters is left to the rule that says why', () => {
    for (const command of [
      'celery --version',
      'celery --help',
      'celery -A proj --frobnicate wroker',
      'celery -A proj worker -l info',
      'celery -A proj -l info',
      'celery -P gevent wroker',
    ])
      assert.deepEqual(findings(worker(command), rule), [], command);
    assert.match(findings(worker('celery -A proj'), rule)[0].message, /names no subcommand/);
  });
  test('without a subcommand, its options are misplaced: Errors on their flags, with nowhere to move them', () => {
    const found = findings(worker('celery -A proj --pool worker -l info'), 'celery/misplaced-option');
    assert.deepEqual(
      found.map((f) => [f.range.start.character, f.range.end.character, f.fixes]),
      [
        [23, 29, []],
        [37, 39, []],
      ],
    );
    assert.match(found[0].message, /"No such option: --pool".* As written, it would even take "worker" for its value\./);
    assert.doesNotMatch(found[1].message, /As written/);
  });
});

describe('Celery command line rules beyond their examples', () => {
  const rules = (command: string, extra?: string) => findings(worker(command, extra)).map((f) => f.rule);
  test('a misplaced option inside a cluster is reported without a fix', () => {
    const [q, a] = findings(worker('celery worker -qA proj -l info'), 'celery/misplaced-option');
    assert.deepEqual([q.fixes, a.fixes], [[], []]);
    assert.match(a.message, /-A is a global option/);
  });
  test('a misplaced option on a continuation line moves onto the first line', () => {
    const text = `${MAIN}[program:worker]\ncommand=celery worker -l info\n    -A proj\nstopwaitsecs=600\n`;
    assert.equal(
      applyFix(text, 'celery/misplaced-option'),
      `${MAIN}[program:worker]\ncommand=celery -A proj worker -l info\nstopwaitsecs=600\n`,
    );
  });
  test('-D in a cluster is reported without a fix; -D before the subcommand is misplaced, not a daemon', () => {
    const [detach] = findings(worker('celery -A proj worker -l info -DE'), 'celery/daemonizes-under-supervisor');
    assert.deepEqual(detach.fixes, []);
    assert.deepEqual(rules('celery -A proj -D worker -l info'), ['celery/misplaced-option']);
  });
  test('-P Gevent is an unknown pool, not a gevent pool for the other rules', () => {
    assert.deepEqual(rules('celery -A proj worker -l info -P Gevent --max-tasks-per-child 10'), ['celery/unknown-pool']);
  });
  test('beat counts processes across programs, and each program taking part is reported', () => {
    const text = `${MAIN}[program:beat]\ncommand=celery -A p beat\n\n[program:w]\ncommand=celery -A p worker -l info -EB\nstopwaitsecs=600\n`;
    const found = findings(text, 'celery/beat-multiple-instances');
    assert.equal(found.length, 2);
    assert.match(found[1].message, /2 processes of this configuration \(\[program:beat\], \[program:w\]\)/);
  });
  test('a finding names ten beats and counts the rest: each of thousands of beats would name them all', () => {
    const beats = Array.from({ length: 1200 }, (_, i) => `[program:b${i}]\ncommand=celery -A p beat\n`).join('');
    const found = findings(`${MAIN}${beats}`, 'celery/beat-multiple-instances');
    assert.equal(found.length, 1200);
    assert.equal(new Set(found.map((f) => f.message)).size, 1);
    assert.match(
      found[0].message,
      /^Celery beat runs in 1,200 processes of this configuration \(\[program:b0\], .*, \[program:b9\], 1,190 more programs\): .* queued 1,200 times\./,
    );
  });
  test('a quoted node name gets the number inside its quotes', () => {
    const text = worker(
      'celery -A p worker -l info -n "mail@%%h"',
      'process_name=%(program_name)s_%(process_num)d\nnumprocs=2\nstopwaitsecs=600\n',
    );
    assert.match(applyFix(text, 'celery/duplicate-nodename'), /-n "mail%\(process_num\)s@%%h"/);
  });
});

describe('engine', () => {
  const text = worker('celery -A proj worker --concurrency 4');
  test('severity overrides and off', () => {
    assert.equal(
      findings(text, 'celery/task-logging-disabled', { rules: { 'celery/task-logging-disabled': 'error' } })[0].severity,
      'error',
    );
    assert.deepEqual(findings(text, 'celery/task-logging-disabled', { rules: { 'celery/task-logging-disabled': 'off' } }), []);
  });
  test('suppression comments: end of line, line above, whole file', () => {
    assert.deepEqual(
      findings(worker('celery -A proj worker ; supervisor-lint: disable=celery/task-logging-disabled'), 'celery/task-logging-disabled'),
      [],
    );
    assert.deepEqual(
      findings(
        `${MAIN}[program:worker]\n; supervisor-lint: disable=celery/task-logging-disabled\ncommand=celery -A p worker\nstopwaitsecs=600\n`,
      ),
      [],
    );
    assert.deepEqual(findings(`; supervisor-lint: disable-file=celery/task-logging-disabled\n${text}`), []);
    // Another rule's id silences nothing here (and is itself reported as an unused suppression).
    assert.deepEqual(
      findings(`; supervisor-lint: disable=memmon/invalid-size\n${text}`).map((f) => f.rule),
      ['lint/unused-suppression', 'celery/task-logging-disabled'],
    );
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

describe('memmon second pass', () => {
  const listener = (command: string, extra = '') =>
    `${MAIN}${RPC}[program:web]\ncommand=gunicorn app:app\n\n[eventlistener:memmon]\ncommand=${command}\nevents=TICK_60\n${extra}`;
  const marked = (text: string, rule: string) =>
    findings(text, rule).map((f) => text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character));
  test('a unit split off by a space: invalid-size only, never size-in-bytes too', () => {
    const text = listener('memmon -a 512 mb -p web=1GB');
    assert.deepEqual(marked(text, 'memmon/invalid-size'), ['512 mb']);
    assert.deepEqual(findings(text, 'memmon/size-in-bytes'), []);
    assert.equal(applyFix(text, 'memmon/invalid-size'), listener('memmon -a 512mb -p web=1GB'));
    // Not a unit, or not right after the size: getopt stops there too, but nothing was split.
    assert.deepEqual(findings(listener('memmon -p web=1GB MB'), 'memmon/invalid-size'), []);
  });
  test('size-in-bytes below 1 MB only', () => {
    assert.deepEqual(marked(listener('memmon -p web=1_000 -g web=1048576'), 'memmon/size-in-bytes'), ['1_000']);
  });
  test('events= of any case that delivers ticks', () => {
    for (const events of ['EVENT', 'tick', 'Tick_3600, process_state']) {
      assert.deepEqual(
        findings(listener('memmon -p web=1GB').replace('events=TICK_60', `events=${events}`), 'memmon/missing-tick-event'),
        [],
        events,
      );
    }
  });
  test('no-limit: no argument at all is an exit, options without a limit watch nothing, -h and getopt errors are not this rule', () => {
    assert.match(findings(listener('/usr/bin/memmon'), 'memmon/no-limit')[0].message, /prints its usage and exits/);
    assert.match(findings(listener('memmon -c -n prod'), 'memmon/no-limit')[0].message, /watches nothing/);
    assert.deepEqual(findings(listener('memmon -x'), 'memmon/no-limit'), []);
  });
  test('prefork-without-cumulative: -a and -g watch the worker too; -c in a cluster counts', () => {
    const worker = `[program:worker]\ncommand=celery -A proj worker -l info -c 4\nstopwaitsecs=600\n`;
    assert.deepEqual(marked(listener('memmon -a 2GB -g web=1GB', worker), 'memmon/prefork-without-cumulative'), ['2GB']);
    assert.deepEqual(marked(listener('memmon -g worker=2GB', worker), 'memmon/prefork-without-cumulative'), ['worker']);
    assert.deepEqual(findings(listener('memmon -cp worker=2GB', worker), 'memmon/prefork-without-cumulative'), []);
    assert.equal(findings(listener('memmon -a 2GB', worker), 'memmon/prefork-without-cumulative')[0].fixes[0].safe, false);
  });
  test('group-qualified-name is silent when the bare name is also given, and leaves unknown names to unknown-process', () => {
    const grouped = '[group:site]\nprograms=web\n';
    assert.deepEqual(marked(listener('memmon -p site:web=1GB', grouped), 'memmon/group-qualified-name'), ['site:web']);
    assert.deepEqual(findings(listener('memmon -p site:web=1GB -p web=1GB', grouped), 'memmon/group-qualified-name'), []);
    const unknown = listener('memmon -p site:wbe=1GB', grouped);
    assert.deepEqual(findings(unknown, 'memmon/group-qualified-name'), []);
    assert.equal(findings(unknown, 'memmon/unknown-process').length, 1);
  });
  test('unknown-process offers no rename to a name another -p already gives', () => {
    const [finding] = findings(listener('memmon -p web=1GB -p wbe=2GB'), 'memmon/unknown-process');
    assert.deepEqual(finding.fixes, []);
  });
  test('no-rpc-server: a missing rpcinterface; a listener pointed elsewhere is not judged', () => {
    const noRpc = (text: string) => text.replace(/\[rpcinterface:supervisor\]\nsupervisor.rpcinterface_factory=\S+\n/, '');
    assert.match(findings(noRpc(listener('memmon -p web=1GB')), 'memmon/no-rpc-server')[0].message, /no \[rpcinterface:supervisor\]/);
    assert.deepEqual(findings(noRpc(listener('memmon -p web=1GB', 'serverurl=http://127.0.0.1:9001\n')), 'memmon/no-rpc-server'), []);
    assert.deepEqual(
      findings(
        noRpc(listener('memmon -p web=1GB', 'environment=SUPERVISOR_SERVER_URL="unix:///run/other.sock"\n')),
        'memmon/no-rpc-server',
      ),
      [],
    );
  });
  test('rpc-auth-missing: the unix socket is the server used; a hashed password gets no fix; one missing variable', () => {
    const withAuth = (text: string, password: string) =>
      text.replace('file=/run/supervisor.sock\n', `file=/run/supervisor.sock\nusername=u\npassword=${password}\n`);
    const [hashed] = findings(
      withAuth(listener('memmon -p web=1GB'), '{SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d'),
      'memmon/rpc-auth-missing',
    );
    assert.deepEqual(hashed.fixes, []);
    const half = withAuth(listener('memmon -p web=1GB', 'environment=SUPERVISOR_USERNAME="u",HOME="/srv"\n'), 'p');
    assert.match(findings(half, 'memmon/rpc-auth-missing')[0].message, /no SUPERVISOR_PASSWORD:/);
    assert.match(applyFix(half, 'memmon/rpc-auth-missing'), /^environment=SUPERVISOR_USERNAME="u",HOME="\/srv",SUPERVISOR_PASSWORD="p"$/m);
    // An environment= of [DEFAULT] the listener reads: a line of its own would replace HOME with it, so no fix.
    const defaulted = withAuth(`[DEFAULT]\nenvironment=HOME="/srv"\n\n${listener('memmon -p web=1GB')}`, 'p');
    assert.deepEqual(
      findings(defaulted, 'memmon/rpc-auth-missing').map((f) => [
        f.message.includes('no SUPERVISOR_USERNAME or SUPERVISOR_PASSWORD'),
        f.fixes,
      ]),
      [[true, []]],
    );
    // An inet server with a login is not the one supervisord points children to while a unix socket exists.
    const inet = listener('memmon -p web=1GB').replace(MAIN, `${MAIN}[inet_http_server]\nport=127.0.0.1:9001\nusername=u\npassword=p\n\n`);
    assert.deepEqual(findings(inet, 'memmon/rpc-auth-missing'), []);
  });
});
