import { insertAfterWord } from '../edits';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { celeryWorkers } from './pools';

export const taskLoggingDisabled = defineRule({
  id: 'celery/task-logging-disabled',
  severity: 'information',
  scope: 'section',
  summary: 'A Celery worker without -l/--loglevel logs at WARNING: no line says which task was received or succeeded.',
  docs: {
    what: `A Celery worker command (\`celery ... worker\`) without \`-l\`/\`--loglevel\`. An explicit level, even \`-l warning\`, is a
choice and is not reported.`,
    why: `Without \`-l\` the worker logs at WARNING. Failures still reach the log (a task that raises is logged as an ERROR),
but everything Celery logs at INFO does not: the \`Task proj.send_mail[…] received\` line when a task arrives, the
\`Task … succeeded in 2.31s: …\` line when it ends, retries, and the list of registered tasks in the start-up banner.
When a task is slow, stuck or never ran, the supervisord log that should tell you whether the worker ever saw it is
silent.`,
    fix: `Add \`-l info\` (or \`--loglevel=INFO\`; Celery accepts the level in any case) to the worker's \`command=\`:

\`\`\`ini
command=/srv/venv/bin/celery -A proj worker -l info
\`\`\`

Two INFO lines per task is usually little next to what the tasks log themselves; on a very busy worker, choose
\`-l warning\` explicitly instead.`,
    references: [
      'Celery 5.5 `celery/bin/worker.py`: `worker()` option `-l/--loglevel` (default `WARNING`)',
      'Celery 5.5 `celery/worker/strategy.py`: `default()` (the "received" line, at INFO)',
      'Celery 5.5 `celery/app/trace.py`: `LOG_SUCCESS`, `LOG_RETRY`, `info()` (at INFO); `LOG_FAILURE` (at ERROR)',
      'Celery 5.5 `celery/apps/worker.py`: `Worker.extra_info` (the task list only at INFO or below)',
    ],
  },
  examples: [
    {
      config: `[program:worker]
command=«/srv/venv/bin/celery -A proj worker» --concurrency=4
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info --concurrency=4
stopwaitsecs=600
`,
    },
    {
      title: 'Through python -m',
      config: `[program:worker]
command=python3 -m «celery --app=proj worker»
directory=/srv/app
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=python3 -m celery --app=proj worker -l info
directory=/srv/app
stopwaitsecs=600
`,
    },
    {
      title: 'Any explicit level: no finding',
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600

[program:busy-worker]
command=/srv/venv/bin/celery -A proj worker -l warning -Q bulk
stopwaitsecs=600
`,
    },
  ],
  fixes: { addLogLevel: { title: 'Add `-l info`', safe: true } },
  check(context, fix) {
    const findings: Finding[] = [];
    const workers = celeryWorkers(context);
    for (let i = 0; i < workers.length; i++) {
      const { program, worker } = workers[i];
      if (worker.get('loglevel')) continue;
      const command = program.command!;
      const words = worker.words;
      const insertion = insertAfterWord(command, words, worker.subcommandIndex, ' -l info');
      findings.push({
        range: command.rangeOf(words[worker.programWordIndex].start, words[worker.subcommandIndex].end),
        message:
          'This Celery worker has no -l/--loglevel, so it logs at WARNING: errors reach the log, but the INFO lines saying ' +
          'which task was received and which succeeded (and in how long) do not. Add "-l info".',
        fixes: insertion ? [fix.addLogLevel([insertion], { title: 'Add -l info', preferred: true })] : [],
      });
    }
    return findings;
  },
});
