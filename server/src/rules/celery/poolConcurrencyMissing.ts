import { insertAfterWord } from '../edits';
import type { Rule } from '../types';
import { celeryWorkers, IO_POOLS, optionSpan } from './pools';

export const poolConcurrencyMissing: Rule = {
  id: 'celery/pool-concurrency-missing',
  severity: 'information',
  summary: 'A gevent or eventlet worker without --concurrency runs only as many green threads as the machine has CPUs.',
  check({ model }) {
    return celeryWorkers(model.programs).flatMap(({ program, worker }) => {
      const pool = worker.get('pool');
      if (!pool || !IO_POOLS.has(worker.pool()) || worker.get('concurrency')) return [];
      const command = program.command!;
      const insertion = insertAfterWord(command, worker.words, pool.firstWord + pool.wordCount - 1, ' --concurrency=10');
      return [
        {
          range: command.rangeOf(...optionSpan(pool)),
          message: `The ${worker.pool()} pool runs green threads for I/O-bound tasks, but without --concurrency Celery starts only one per CPU core. Set it explicitly, e.g. --concurrency=10.`,
          fixes: insertion ? [{ title: 'Add --concurrency=10', edits: [insertion], preferred: true }] : [],
        },
      ];
    });
  },
};
