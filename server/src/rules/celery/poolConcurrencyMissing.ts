import { insertAfterWord } from '../edits';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { celeryWorkers, IO_POOLS, optionSpan } from './pools';

export const poolConcurrencyMissing = defineRule({
  id: 'celery/pool-concurrency-missing',
  severity: 'information',
  scope: 'section',
  summary: 'A gevent or eventlet worker without --concurrency or --autoscale runs only as many green threads as the machine has CPUs.',
  docs: {
    what: `A worker using the \`gevent\` or \`eventlet\` pool (\`-P\`/\`--pool\`) with neither \`-c\`/\`--concurrency\` nor \`--autoscale\`
on its command line.`,
    why: `Without \`--concurrency\` Celery sizes the pool to the number of CPUs. That suits the prefork pool,
where each child is a process doing CPU work, but green-thread pools exist to run many I/O-bound tasks at once: on a
two-core server a gevent worker without \`--concurrency\` runs just two tasks at a time, which defeats the point of the
pool. (\`--autoscale=MAX,MIN\` sizes these pools too, and overrides \`--concurrency\`, so it also settles the question.)`,
    fix: `Set the number of green threads explicitly. 10 is a conservative start that works even on small machines; raise it
while watching latency and memory.

\`\`\`ini
command=/srv/venv/bin/celery -A proj worker -l info --pool=gevent --concurrency=10
\`\`\``,
    silence: 'Silence it when the app sets `worker_concurrency` in its Celery configuration, which this rule cannot see.',
    references: [
      'Celery 5.5 `celery/worker/worker.py`: `WorkController.setup_instance` (no concurrency: `cpu_count()`)',
      'Celery 5.5 `celery/worker/components.py`: `Pool.__init__`, `Pool.create` (`--autoscale` sizes the pool)',
      'Celery 5.5 `celery/concurrency/gevent.py`, `celery/concurrency/eventlet.py`: `TaskPool` (pool size = concurrency)',
    ],
  },
  examples: [
    {
      config: `[program:crawler]
command=/srv/venv/bin/celery -A proj worker -l info «--pool=gevent»
stopwaitsecs=600
`,
      fixed: `[program:crawler]
command=/srv/venv/bin/celery -A proj worker -l info --pool=gevent --concurrency=10
stopwaitsecs=600
`,
    },
    {
      title: 'A short flag glued to its value',
      config: `[program:notify]
command=celery -A proj worker «-Peventlet» -l info -Q notifications
stopwaitsecs=600
`,
      fixed: `[program:notify]
command=celery -A proj worker -Peventlet --concurrency=10 -l info -Q notifications
stopwaitsecs=600
`,
    },
    {
      title: 'Sized by --concurrency or --autoscale: no finding',
      config: `[program:crawler]
command=/srv/venv/bin/celery -A proj worker -l info --pool=gevent --concurrency=100
stopwaitsecs=600

[program:crawler-elastic]
command=/srv/venv/bin/celery -A proj worker -l info --pool=gevent --autoscale=200,20
stopwaitsecs=600
`,
    },
    {
      title: 'The prefork default: no finding',
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
`,
    },
  ],
  fixes: { addConcurrency: { title: 'Add `--concurrency=10`', safe: true } },
  check(context, fix) {
    const findings: Finding[] = [];
    const workers = celeryWorkers(context);
    for (let i = 0; i < workers.length; i++) {
      const { program, worker, pool: poolName } = workers[i];
      if (!IO_POOLS.has(poolName)) continue;
      const pool = worker.get('pool');
      if (!pool || worker.get('concurrency') || worker.get('autoscale')) continue;
      const command = program.command!;
      const insertion = insertAfterWord(command, worker.words, pool.firstWord + pool.wordCount - 1, ' --concurrency=10');
      findings.push({
        range: command.rangeOf(...optionSpan(pool)),
        message: `The ${poolName} pool runs green threads for I/O-bound tasks, but without --concurrency (or --autoscale) Celery starts only one per CPU core. Set it explicitly, e.g. --concurrency=10.`,
        fixes: insertion ? [fix.addConcurrency([insertion], { title: 'Add --concurrency=10', preferred: true })] : [],
      });
    }
    return findings;
  },
});
