import { parsePythonInt } from '../../analysis/pythonInt';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { canEditAround } from '../edits';
import { celeryWorkers, NON_PROCESS_POOLS } from './pools';
import { formatNumber } from '../../util/formatNumber';

const RECOMMENDED_KIB = 262144;

/**
 * A KiB amount for a message, rounded down (to 0.1 MB) so that a value below a threshold never prints as the
 * threshold itself: 131071 KiB is "127.9 MB", not "128 MB".
 */
function kibText(kib: number): string {
  if (kib < 1024) return `${kib} KiB`;
  const tenths = Math.floor((kib * 10) / 1024) / 10;
  return `${formatNumber(tenths, 1)} MB`;
}

export const maxMemoryPerChildTooLow = defineRule({
  id: 'celery/max-memory-per-child-too-low',
  severity: 'warning',
  scope: 'section',
  summary:
    '--max-memory-per-child (in KiB) below the configured minimum, 128 MB by default: pool children would be replaced after almost every task.',
  docs: {
    what: `A prefork worker's \`--max-memory-per-child\` that is positive but below \`supervisor.celery.minMemoryPerChildMB\`
(128 MB unless you change it). The option counts **KiB**: \`--max-memory-per-child=65536\` is 64 MB, and
\`--max-memory-per-child=512\` is half a megabyte. (Other pools ignore the option; \`celery/max-memory-per-child-ignored\`
reports it there. Zero or a negative number turns the limit off.)`,
    why: `After each task, a pool child compares its peak resident memory with the limit, and when it is above, the child exits
and the pool forks a new one. A child is a fork of the worker's main process, so it starts out about as large as the
loaded application: Python, Celery, your framework and your code. A limit near or below that size replaces children
after nearly every task. Throughput collapses into forking and importing, and the log fills with "child process
exiting after exceeding memory limit". Values written as if the unit were MB (\`--max-memory-per-child=512\`) are the
usual cause.`,
    fix: `Pick a ceiling comfortably above a child's steady size; 256 MB (\`262144\`) is a sensible start. The limit is per child:
with \`--concurrency=4\` and \`numprocs=2\`, eight children can each grow that large (the hover and the code lens show the
worst case).`,
    silence: 'Lower `supervisor.celery.minMemoryPerChildMB` if your tasks are known to run in less.',
    references: [
      'Celery 5.5 `celery/bin/worker.py`: `worker()` option `--max-memory-per-child` (KiB)',
      'billiard 4.2 `billiard/pool.py`: `Worker.workloop` (checked after each task when the limit is above 0)',
      'billiard 4.2 `billiard/compat.py`: `mem_rss` (peak RSS from `getrusage`, in KiB)',
    ],
  },
  examples: [
    {
      title: 'Megabytes where Celery reads KiB',
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info --max-memory-per-child=«512»
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info --max-memory-per-child=262144
stopwaitsecs=600
`,
    },
    {
      title: 'Just below the minimum: 131071 KiB is 127.9 MB',
      config: `[program:worker]
command=celery -A proj worker -l info --max-memory-per-child «131071» -c 4
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=celery -A proj worker -l info --max-memory-per-child 262144 -c 4
stopwaitsecs=600
`,
    },
    {
      title: 'A raised minimum (supervisor.celery.minMemoryPerChildMB: 512) is used by the fix',
      settings: { celery: { minMemoryPerChildMB: 512 } },
      config: `[program:worker]
command=celery -A proj worker -l info --max-memory-per-child=«300000»
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=celery -A proj worker -l info --max-memory-per-child=524288
stopwaitsecs=600
`,
    },
    {
      title: 'At the minimum, or on a pool that ignores the option: no finding',
      config: `[program:worker]
command=celery -A proj worker -l info --max-memory-per-child=131072
stopwaitsecs=600

[program:io]
command=celery -A proj worker -l info -P gevent -c 100 --max-memory-per-child=512
stopwaitsecs=600
`,
    },
  ],
  fixes: { raise: { title: 'Set 262144 KiB (256 MB), or the configured minimum if higher', safe: true } },
  check(context, fix) {
    const { settings } = context;
    const minimumMB = settings.celery.minMemoryPerChildMB;
    const minimumKib = minimumMB * 1024;
    const replacement = Math.max(RECOMMENDED_KIB, Math.ceil(minimumKib));
    const findings: Finding[] = [];
    const workers = celeryWorkers(context);
    for (let i = 0; i < workers.length; i++) {
      const { program, worker, pool, limitsChildMemory } = workers[i];
      // On pools that ignore the option, max-memory-per-child-ignored already says all there is to say.
      if (!limitsChildMemory || NON_PROCESS_POOLS.has(pool)) continue;
      const option = worker.get('maxMemoryPerChild');
      if (!option || option.valueStart === undefined) continue;
      const kib = parsePythonInt(option.value ?? '');
      // billiard applies the limit only above 0: zero or less is "no limit", not a low one.
      if (kib === undefined || kib <= 0 || kib >= minimumKib) continue;
      const command = program.command!;
      const range = command.rangeOf(option.valueStart, option.valueEnd!);
      // In a quoted `"--max-memory-per-child=1000"` the value's range is the whole word: rewrite all of it.
      const valueWord = worker.words[option.firstWord + option.wordCount - 1];
      const quotedWhole = option.wordCount === 1 && !valueWord.verbatim;
      const newText = quotedWhole ? `${option.flag}=${replacement}` : String(replacement);
      const fixable = valueWord.verbatim || canEditAround(valueWord);
      findings.push({
        range,
        message:
          `${option.flag} ${kib} is ${kibText(kib)}: the value is in KiB, and a pool child is replaced after every task ` +
          `that leaves it above the limit, so anything under ${minimumMB} MB makes children restart after almost every task.`,
        fixes: fixable
          ? [
              fix.raise([{ range, newText }], {
                title: `Set ${option.flag} to ${replacement} (${kibText(replacement)})`,
                preferred: true,
              }),
            ]
          : [],
      });
    }
    return findings;
  },
});
