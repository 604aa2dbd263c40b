import { defineRule } from '../define';
import type { Finding } from '../types';
import { parsePythonInt } from '../../analysis/pythonInt';
import { celeryWorkers, optionSpan, removeOptions, replaceOptionValue } from './pools';

export const concurrencyIgnored = defineRule({
  id: 'celery/concurrency-ignored',
  severity: 'warning',
  scope: 'section',
  summary: '-c/--concurrency above 1 with the solo pool: no task runs in parallel, but the worker reserves that many times more messages.',
  docs: {
    what: `A Celery worker with \`-P solo\` (or \`--pool=solo\`) and a \`-c\`/\`--concurrency\` above 1, or with any \`-c\` next to
\`--autoscale\`. \`-c 1\` is not reported: with solo it is the right value.`,
    why: `The solo pool runs each task in the worker's main thread, one after the other: it sets its limit to 1 whatever
\`--concurrency\` says. Celery still reads the concurrency for one thing, the prefetch: the worker reserves concurrency
x prefetch multiplier messages (4 unless \`--prefetch-multiplier\` or \`worker_prefetch_multiplier\` says otherwise).
So \`-P solo -c 8\` runs one task at a time while it holds 32 more, and those wait behind a long task even when other
workers are idle. With \`--autoscale\` the prefetch follows the autoscale maximum instead, and \`-c\` does nothing at all.`,
    fix: `Write \`-c 1\`: the worker then reserves only the prefetch multiplier's worth of messages. Leaving \`-c\` out is not
the same: Celery then takes the number of CPUs, and a solo worker on an 8-core machine reserves 32 messages. For tasks
in parallel use another pool (\`prefork\` for CPU-bound tasks, \`threads\`, \`gevent\` or \`eventlet\` for I/O-bound
ones) with that concurrency, or run more solo processes with \`numprocs\`. The quick fix writes 1; fix-all leaves it
to you, since the worker then reserves fewer messages.`,
    references: [
      'Celery 5.4 `celery/concurrency/solo.py`: `TaskPool.__init__` (sets `limit = 1`)',
      'Celery 5.4 `celery/worker/components.py`: `Consumer.create` (prefetch count = concurrency, or the autoscale maximum, x prefetch multiplier)',
      'Celery 5.4 `celery/worker/worker.py`: `WorkController.setup_instance` (no concurrency means the number of CPUs)',
      'Celery 5.4 `celery/app/defaults.py`: `worker_prefetch_multiplier` (4)',
    ],
  },
  examples: [
    {
      config: '[program:worker]\ncommand=celery -A proj worker -l info -P solo «--concurrency=8»\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=celery -A proj worker -l info -P solo --concurrency=1\nstopwaitsecs=600\n',
    },
    {
      title: 'With --autoscale the concurrency does nothing at all',
      config: '[program:worker]\ncommand=celery -A proj worker -l info -P solo «-c 1» --autoscale=4,1\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=celery -A proj worker -l info -P solo --autoscale=4,1\nstopwaitsecs=600\n',
    },
    {
      title: 'solo runs one task at a time: numprocs gives parallelism, -c 1 keeps each process from hoarding messages',
      config:
        '[program:worker]\ncommand=celery -A proj worker -l info --pool=solo -c 1 -n solo%(process_num)s@%%h\nprocess_name=%(program_name)s_%(process_num)d\nnumprocs=4\nstopwaitsecs=600\n',
    },
  ],
  fixes: {
    one: { title: 'Set `--concurrency` to 1', safe: false },
    remove: { title: 'Remove `--concurrency`', safe: true },
  },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const workers = celeryWorkers(context);
    for (let i = 0; i < workers.length; i++) {
      const { program, worker, pool } = workers[i];
      if (pool !== 'solo') continue;
      const options = worker.options.filter((o) => o.name === 'concurrency');
      if (options.length === 0) continue;
      const option = options[options.length - 1];
      const command = program.command!;
      const where = command.rangeOf(...optionSpan(option));
      if (worker.get('autoscale')) {
        const removals = removeOptions(model, command, worker.words, options);
        findings.push({
          range: where,
          message: `${option.flag} has no effect here: the solo pool runs one task at a time, and with --autoscale Celery sizes the prefetch from the autoscale maximum. Remove it.`,
          fixes: removals ? [fix.remove(removals, { title: `Remove ${option.flag}`, preferred: true })] : [],
        });
        continue;
      }
      // Without a literal count (a %(ENV_...)s, a value Celery refuses) there is nothing to weigh; 0 means the CPUs.
      const count = parsePythonInt(option.value ?? '');
      // Celery's own check of the disabled prefetch depends on the broker (Redis only): not judged.
      if (count === undefined || count <= 1 || worker.get('disablePrefetch')) continue;
      const multiplier = parsePythonInt(worker.get('prefetchMultiplier')?.value ?? '');
      const reserved = multiplier === undefined ? `${count} x the prefetch multiplier (4 by default)` : `${count * multiplier}`;
      const edit = replaceOptionValue(command, worker.words, option, '1');
      findings.push({
        range: where,
        message: `${option.flag} ${option.value} runs no task in parallel with the solo pool, which runs one at a time; Celery only uses it to size the prefetch, so the worker reserves ${reserved} messages while it runs one. Write ${option.flag} 1, or pick a pool that runs tasks in parallel.`,
        fixes: edit ? [fix.one([edit], { title: `Set ${option.flag} to 1`, preferred: true })] : [],
      });
    }
    return findings;
  },
});
