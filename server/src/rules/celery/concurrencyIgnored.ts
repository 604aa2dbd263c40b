import { defineRule } from '../define';
import type { Finding } from '../types';
import { celeryWorkers, optionSpan, removeOptions } from './pools';

export const concurrencyIgnored = defineRule({
  id: 'celery/concurrency-ignored',
  severity: 'warning',
  scope: 'section',
  summary: '-c/--concurrency with the solo pool: solo always runs one task at a time.',
  docs: {
    what: `A Celery worker with \`-P solo\` (or \`--pool=solo\`) and \`-c\`/\`--concurrency\`.`,
    why: `The solo pool runs each task in the worker's main thread, one after the other: it sets its limit to 1
whatever \`--concurrency\` says. A worker written as \`-P solo -c 8\` processes one task at a time while its command
line promises eight, and the queue backs up.`,
    fix: `Remove \`--concurrency\`. For tasks in parallel use another pool (\`prefork\` for CPU-bound tasks, \`threads\`,
\`gevent\` or \`eventlet\` for I/O-bound ones) with that concurrency, or run more solo processes with \`numprocs\`.`,
    references: [
      'Celery 5.4 `celery/concurrency/solo.py`: `TaskPool.__init__` (sets `limit = 1`)',
      'Celery 5.4 `celery/bin/worker.py`: `worker()` option `-c/--concurrency`',
    ],
  },
  examples: [
    {
      config: '[program:worker]\ncommand=celery -A proj worker -l info -P solo «--concurrency=8»\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=celery -A proj worker -l info -P solo\nstopwaitsecs=600\n',
    },
    {
      title: 'solo runs one task at a time: numprocs gives parallelism',
      config:
        '[program:worker]\ncommand=celery -A proj worker -l info --pool=solo -n solo%(process_num)s@%%h\nprocess_name=%(program_name)s_%(process_num)d\nnumprocs=4\nstopwaitsecs=600\n',
    },
  ],
  fixes: { remove: { title: 'Remove `--concurrency`', safe: true } },
  check({ model }, fix) {
    const findings: Finding[] = [];
    const workers = celeryWorkers(model.programs);
    for (let i = 0; i < workers.length; i++) {
      const { program, worker, pool } = workers[i];
      if (pool !== 'solo') continue;
      const options = worker.options.filter((o) => o.name === 'concurrency');
      if (options.length === 0) continue;
      const option = options[options.length - 1];
      const command = program.command!;
      const removals = removeOptions(model, command, worker.words, options);
      findings.push({
        range: command.rangeOf(...optionSpan(option)),
        message: `${option.flag} has no effect with the solo pool: it runs one task at a time in the worker process. Remove it, or pick a pool that runs tasks in parallel.`,
        fixes: removals ? [fix.remove(removals, { title: `Remove ${option.flag}`, preferred: true })] : [],
      });
    }
    return findings;
  },
});
