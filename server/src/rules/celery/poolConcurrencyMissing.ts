import { insertAfterWord } from '../edits';
import { defineRule } from '../define';
import { celeryWorkers, IO_POOLS, optionSpan } from './pools';

export const poolConcurrencyMissing = defineRule({
  id: 'celery/pool-concurrency-missing',
  severity: 'information',
  summary: 'A gevent or eventlet worker without --concurrency runs only as many green threads as the machine has CPUs.',
  docs: {
    what: `A worker using the \`gevent\` or \`eventlet\` pool without \`-c\`/\`--concurrency\`.`,
    why: `Celery's default concurrency is the number of CPU cores. That suits the prefork pool, where each child is a process
doing CPU work, but green-thread pools exist to run many I/O-bound tasks at once: on a two-core server a gevent worker
without \`--concurrency\` runs just two tasks at a time, wasting the point of the pool.`,
    fix: `Set the number of green threads explicitly. 10 is a conservative start that works even on small machines; raise it
while watching latency and memory.

\`\`\`ini
command=/srv/venv/bin/celery -A proj worker -l info --pool=gevent --concurrency=10
\`\`\``,
    references: [],
  },
  examples: [],
  fixes: { addConcurrency: { title: 'Add `--concurrency=10`', safe: true } },
  check({ model }, fix) {
    return celeryWorkers(model.programs).flatMap(({ program, worker }) => {
      const pool = worker.get('pool');
      if (!pool || !IO_POOLS.has(worker.pool()) || worker.get('concurrency')) return [];
      const command = program.command!;
      return [
        {
          range: command.rangeOf(...optionSpan(pool)),
          message: `The ${worker.pool()} pool runs green threads for I/O-bound tasks, but without --concurrency Celery starts only one per CPU core. Set it explicitly, e.g. --concurrency=10.`,
          fixes: [fix.addConcurrency([insertAfterWord(command, pool.firstWord + pool.wordCount - 1, ' --concurrency=10')], { title: 'Add --concurrency=10', preferred: true })],
        },
      ];
    });
  },
});
