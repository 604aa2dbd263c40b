// The bundled CLI (dist/cli.js) as CI users run it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

function lint(...args: string[]) {
  const run = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('supervisor-lint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-lint-'));
  const errors = join(dir, 'errors.conf');
  writeFileSync(errors, '[supervisord]\n[program:w]\ncommand=sleep 1\n[eventlistener:m]\ncommand=memmon -p w=1.5GB\nevents=TICK_60\n[unix_http_server]\nfile=/run/supervisor.sock\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n');

  test('text format: file:line:col: severity [rule] message, exit 0 without errors', () => {
    const run = lint('test/fixtures/celery/gevent-max-memory.conf');
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^test\/fixtures\/celery\/gevent-max-memory\.conf:7:107: warning \[celery\/max-memory-per-child-ignored\] --max-memory-per-child has no effect/);
    assert.equal(run.stdout.trim().split('\n').length, 1);
  });

  test('json format and exit 1 on errors', () => {
    const run = lint('--format', 'json', errors, 'test/fixtures/celery/tuned.conf');
    assert.equal(run.status, 1);
    assert.deepEqual(JSON.parse(run.stdout), [
      {
        file: errors, line: 5, column: 21, endLine: 5, endColumn: 26, severity: 'error', rule: 'memmon/invalid-size',
        message: 'memmon cannot read the size "1.5GB": write a whole number of bytes, optionally followed by KB, MB or GB (e.g. 512MB). memmon exits on start-up.',
      },
    ]);
  });

  test('a clean file prints nothing', () => {
    const run = lint('--format=text', 'test/fixtures/celery/tuned.conf');
    assert.deepEqual([run.status, run.stdout], [0, '']);
  });

  test('usage and read errors exit 2 with a clear message', () => {
    const missing = lint(join(dir, 'nope.conf'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*nope\.conf: no such file/);
    assert.equal(lint().status, 2);
    const format = lint('--format', 'xml', errors);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /--format must be "text" or "json", not "xml"/);
    assert.match(lint('--bogus', errors).stderr, /unknown option --bogus/);
    assert.equal(lint('--help').status, 0);
  });

  test('--list-rules names every rule', () => {
    const run = lint('--list-rules');
    assert.equal(run.status, 0);
    for (const id of ['celery/max-memory-per-child-ignored', 'celery/max-memory-per-child-too-low', 'celery/task-logging-disabled', 'celery/pool-concurrency-missing', 'memmon/unknown-process', 'memmon/missing-tick-event', 'memmon/invalid-size']) {
      assert.match(run.stdout, new RegExp(`^${id}\\t`, 'm'));
    }
  });
});
