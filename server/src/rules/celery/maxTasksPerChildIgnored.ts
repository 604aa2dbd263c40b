import { defineRule } from '../define';
import type { Finding } from '../types';
import { celeryWorkers, NON_PROCESS_POOLS, optionSpan, removeOptions } from './pools';

export const maxTasksPerChildIgnored = defineRule({
  id: 'celery/max-tasks-per-child-ignored',
  severity: 'warning',
  scope: 'section',
  summary: '--max-tasks-per-child on a gevent, eventlet, threads or solo pool: Celery never enforces it there.',
  docs: {
    what: `A Celery worker started with \`--max-tasks-per-child\` while its pool is \`gevent\`, \`eventlet\`, \`threads\` or \`solo\`.`,
    why: `\`--max-tasks-per-child\` replaces a pool *child process* after it has run that many tasks, a common guard
against slow leaks. Celery hands the value to the pool, and only the \`prefork\` pool (billiard) has child processes
to replace; the other pools run tasks inside the worker process and never read it. Celery accepts the option without a
word, so the leak it was meant to contain keeps growing.`,
    fix: `Remove the option. To recycle a gevent, eventlet, threads or solo worker, restart the whole program: superlance's
\`memmon\` can do that when it grows past a size, or switch the worker to the prefork pool if its tasks allow.`,
    references: [
      'Celery 5.4 `celery/worker/components.py`: `Pool.create` (the limit is passed to the pool as `maxtasksperchild`)',
      'billiard 4.2 `billiard/pool.py`: `Worker.workloop` (a prefork child exits after `maxtasks` tasks)',
      'Celery 5.4 `celery/concurrency/base.py`: `BasePool`; `gevent.py`, `eventlet.py`, `thread.py`, `solo.py` (never read it)',
    ],
  },
  examples: [
    {
      config: '[program:worker]\ncommand=celery -A proj worker -l info -P gevent -c 100 «--max-tasks-per-child=1000»\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=celery -A proj worker -l info -P gevent -c 100\nstopwaitsecs=600\n',
    },
    {
      config: '[program:worker]\ncommand=celery -A proj worker -l info --pool=threads «--max-tasks-per-child 50» -c 8\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=celery -A proj worker -l info --pool=threads -c 8\nstopwaitsecs=600\n',
    },
    {
      title: 'The prefork pool (the default) enforces it',
      config: '[program:worker]\ncommand=celery -A proj worker -l info --max-tasks-per-child=1000\nstopwaitsecs=600\n',
    },
  ],
  fixes: { remove: { title: 'Remove `--max-tasks-per-child`', safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const workers = celeryWorkers(context);
    for (let i = 0; i < workers.length; i++) {
      const { program, worker, pool } = workers[i];
      if (!NON_PROCESS_POOLS.has(pool)) continue;
      const options = worker.options.filter((o) => o.name === 'maxTasksPerChild');
      if (options.length === 0) continue;
      // One finding, on the occurrence Celery uses; the fix removes them all.
      const option = options[options.length - 1];
      const command = program.command!;
      const removals = removeOptions(model, command, worker.words, options);
      findings.push({
        range: command.rangeOf(...optionSpan(option)),
        message: `${option.flag} has no effect with the ${pool} pool: only the prefork pool has child processes to replace after so many tasks. Remove it.`,
        fixes: removals ? [fix.remove(removals, { title: `Remove ${option.flag}`, preferred: true })] : [],
      });
    }
    return findings;
  },
});
