// The optimised code of the analysis outlives each analysis (util/keepShape.ts). A child process (this file, run
// again) keeps one small analysis alive, as the language server keeps its open documents', analyses a large file again
// and again and collects each; V8's deoptimisation trace must show no code thrown away for "weak objects". The child
// runs with --predictable, which compiles on the main thread: the same functions are optimised in every run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { analyzeDocument } from '../../server/src/lint';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

const CHILD = 'SUPERVISOR_KEPT_SHAPES_CHILD';
const DONE = '--- analysed ---';

/**
 * Celery workers the way deployments write them (per-process names and log files, an environment) in a configuration
 * with a memmon listener; none sets stopwaitsecs, so that the analysis reports findings too.
 */
function workers(count: number): string {
  const parts = [
    '[supervisord]\nlogfile=/var/log/supervisord.log\npidfile=/run/supervisord.pid\n\n[unix_http_server]\nfile=/run/supervisor.sock\n\n[supervisorctl]\nserverurl=unix:///run/supervisor.sock\n\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n',
  ];
  for (let i = 0; i < count; i++)
    parts.push(
      [
        `[program:worker-${i}]`,
        `command=/srv/app/venv/bin/celery -A proj worker -l info -Q queue-${i} --pool=prefork --concurrency=4 --max-tasks-per-child=1000 --max-memory-per-child=262144 -n worker-${i}-%(process_num)02d@%%h`,
        'directory=/srv/app',
        'user=app',
        'numprocs=2',
        'process_name=%(program_name)s_%(process_num)02d',
        'autostart=true',
        'autorestart=true',
        'startsecs=10',
        'stdout_logfile_maxbytes=50MB',
        'killasgroup=true',
        `stdout_logfile=/var/log/celery/worker-${i}-%(process_num)02d.log`,
        `stderr_logfile=/var/log/celery/worker-${i}-%(process_num)02d.err`,
        'environment=DJANGO_SETTINGS_MODULE="proj.settings",PYTHONUNBUFFERED="1"\n',
      ].join('\n'),
    );
  parts.push('[eventlistener:memmon]\ncommand=memmon -p worker-0_00=512MB\nevents=TICK_60\n');
  return parts.join('\n');
}

if (process.env[CHILD]) {
  const kept = analyzeDocument(workers(50), undefined, DEFAULT_SETTINGS);
  const text = workers(2000);
  for (let run = 0; run < 6; run++) {
    analyzeDocument(text, undefined, DEFAULT_SETTINGS);
    (globalThis as { gc?: () => void }).gc!();
    console.log(DONE);
  }
  console.log(`${kept.diagnoses.length} findings kept`);
} else {
  test('no optimised code is thrown away when an analysis is collected', () => {
    const child = spawnSync(process.execPath, ['--predictable', '--expose-gc', '--trace-deopt', __filename], {
      env: { ...process.env, [CHILD]: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    assert.equal(child.status, 0, child.stderr);
    const runs = child.stdout.split(DONE);
    assert.equal(runs.length, 7);
    // The first collection may still meet code optimised for the kept analysis's first objects.
    const thrownAway = runs
      .slice(2)
      .join('')
      .split('\n')
      .filter((line) => line.includes('reason: weak objects'))
      .map((line) => /<SharedFunctionInfo ([^>]*)>/.exec(line)?.[1] ?? line);
    assert.deepEqual(thrownAway, []);
  });
}
