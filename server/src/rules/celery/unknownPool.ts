import { CELERY_POOLS } from '../../schema';
import { closest, isLikelyTypo } from '../../util/closest';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { celeryWorkers, replaceOptionValue } from './pools';

const CHOICES = CELERY_POOLS.join(', ');

export const unknownPool = defineRule({
  id: 'celery/unknown-pool',
  severity: 'error',
  scope: 'section',
  summary: "A -P/--pool value that is not one of Celery's pool names (they are case-sensitive): the worker refuses to start.",
  docs: {
    what: `A \`celery worker\` whose \`-P\`/\`--pool\` is not exactly one of \`prefork\`, \`eventlet\`, \`gevent\`, \`solo\`,
\`processes\` (an old name of \`prefork\`), \`threads\` or \`custom\`. Case counts: \`Gevent\` and \`PREFORK\` are
reported, and so is a class path such as \`myapp.pools:TaskPool\`.`,
    why: `Celery checks \`--pool\` against its list of pool names, comparing exactly, before the worker starts. Anything else
stops it with \`Invalid value for '-P' / '--pool': 'Gevent' is not one of 'prefork', 'eventlet', ...\` and exit status
2, and the worker never runs. Celery loads the app first, so when that takes longer than \`startsecs\` the exit is
not a failed start but an unexpected exit, restarted over and over; a quicker one ends FATAL after \`startretries\`
attempts.

Versions differ slightly. Celery 5.0.0–5.0.5 did not check the value and took any pool name or class path; 5.1.0
accepted only \`prefork\`, \`eventlet\`, \`gevent\` and \`solo\`; 5.0.6, 5.1.1 and later accept the names above (\`custom\`
since 5.3). No 5.x version after 5.0.5 accepts a class path on the command line.`,
    fix: `Write the pool name in lower case. For a pool class of your own, set it in the app instead: the \`worker_pool\`
setting, or since Celery 5.3 \`-P custom\` with the class path in the environment variable \`CELERY_CUSTOM_WORKER_POOL\`:

\`\`\`ini
[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info -P custom
environment=CELERY_CUSTOM_WORKER_POOL="myapp.pools:TaskPool"
\`\`\``,
    references: [
      'Celery 5.4 `celery/bin/worker.py`: `WorkersPool` (a click `Choice`, case-sensitive) and the `-P/--pool` option of `worker()`',
      'Celery 5.4 `celery/concurrency/__init__.py`: `ALIASES`, `get_available_pool_names`',
    ],
  },
  examples: [
    {
      title: 'A pool supervisord fills in from its environment is only known on the server',
      config: '[program:worker]\ncommand=celery -A proj worker -l info -P %(ENV_CELERY_POOL)s -c 10\nstopwaitsecs=600\n',
    },
    {
      config: '[program:worker]\ncommand=celery -A proj worker -l info -P «Gevent» -c 100\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=celery -A proj worker -l info -P gevent -c 100\nstopwaitsecs=600\n',
    },
    {
      title: 'A misspelt name',
      config: '[program:worker]\ncommand=celery -A proj worker -l info --pool=«thread» -c 16\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=celery -A proj worker -l info --pool=threads -c 16\nstopwaitsecs=600\n',
    },
    {
      title: 'A class path (accepted only by Celery 5.0.0–5.0.5)',
      config: '[program:worker]\ncommand=celery -A proj worker -l info -P «myapp.pools:TaskPool»\nstopwaitsecs=600\n',
    },
    {
      config: '[program:worker]\ncommand=celery -A proj worker -l info -P eventlet -c 100\nstopwaitsecs=600\n',
    },
  ],
  fixes: { rename: { title: 'Change to the closest pool name', safe: true } },
  check(context, fix) {
    const findings: Finding[] = [];
    const workers = celeryWorkers(context);
    for (let i = 0; i < workers.length; i++) {
      const { program, worker } = workers[i];
      const option = worker.get('pool');
      // A missing value is celery/invalid-option-value's to report.
      if (option?.value === undefined || option.valueFromServer || CELERY_POOLS.includes(option.value)) continue;
      const command = program.command!;
      const value = option.value;
      const range = command.rangeOf(option.valueStart!, option.valueEnd!);
      if (value.includes(':') || value.includes('.')) {
        findings.push({
          range,
          message: `${option.flag} ${value}: Celery (since 5.0.6) takes only a pool name here (${CHOICES}), so the worker stops with "Invalid value for '-P' / '--pool'". Set a pool class with the worker_pool setting, or since 5.3 with -P custom and CELERY_CUSTOM_WORKER_POOL.`,
        });
        continue;
      }
      const best = closest(value, CELERY_POOLS);
      const edit = best && isLikelyTypo(value, best.distance) ? replaceOptionValue(command, worker.words, option, best.value) : undefined;
      const hint = best?.distance === 0 ? ' (pool names are case-sensitive)' : '';
      findings.push({
        range,
        message: `"${value}" is not a Celery pool${hint}: Celery accepts ${CHOICES}, and stops the worker with "Invalid value for '-P' / '--pool'" otherwise.`,
        fixes: edit ? [fix.rename([edit], { title: `Change to ${best!.value}`, preferred: true })] : [],
      });
    }
    return findings;
  },
});
