import { parsePythonInt } from '../../analysis/pythonInt';
import { defineRule } from '../define';
import { celeryWorkers, NON_PROCESS_POOLS } from './pools';

const RECOMMENDED_KIB = 262144;

export const maxMemoryPerChildTooLow = defineRule({
  id: 'celery/max-memory-per-child-too-low',
  severity: 'warning',
  summary: '--max-memory-per-child below the configured minimum (128 MB by default): workers would restart constantly.',
  docs: {
    what: `\`--max-memory-per-child\` below \`supervisor.celery.minMemoryPerChildMB\` (128 MB unless you change it). The option is
counted in **KiB**: \`--max-memory-per-child 65536\` is 64 MB, and \`--max-memory-per-child 200\` is 200 KB.`,
    why: `A freshly started Celery worker child already uses around 80 MB. With a ceiling close to that, children are replaced
after nearly every task: throughput collapses and the log fills with restarts. Values written as if they were MB
(\`--max-memory-per-child 512\`) are the most common cause.`,
    fix: `Pick a ceiling comfortably above a child's steady-state size; 256 MB (\`262144\`) is a sensible start. Remember the limit
is per child: with \`--concurrency=4\` and \`numprocs=2\` up to eight children can each grow that large.`,
    references: [],
  },
  examples: [],
  fixes: { raise: { title: 'Set 262144 KiB (256 MB), or the configured minimum if higher', safe: true } },
  check({ model, settings }, fix) {
    const minimumKib = settings.celery.minMemoryPerChildMB * 1024;
    const replacement = Math.max(RECOMMENDED_KIB, Math.ceil(minimumKib));
    return celeryWorkers(model.programs).flatMap(({ program, worker }) => {
      const option = worker.get('maxMemoryPerChild');
      // On pools that ignore the option, max-memory-per-child-ignored already says all there is to say.
      if (!option || option.valueStart === undefined || NON_PROCESS_POOLS.has(worker.pool())) return [];
      const kib = parsePythonInt(option.value ?? '');
      if (kib === undefined || kib >= minimumKib) return [];
      const command = program.command!;
      const range = command.rangeOf(option.valueStart, option.valueEnd!);
      // In a quoted `"--max-memory-per-child=1000"` the value's range is the whole word: rewrite all of it.
      const quotedWhole = option.wordCount === 1 && !command.split.words[option.firstWord].verbatim;
      const newText = quotedWhole ? `${option.flag}=${replacement}` : String(replacement);
      return [
        {
          range,
          message:
            `${option.flag} ${kib} is ${(kib / 1024).toFixed(1).replace(/\.0$/, '')} MB; the value is in KiB and a fresh Celery ` +
            `worker already uses about 80 MB, so anything under ${settings.celery.minMemoryPerChildMB} MB makes children restart after almost every task.`,
          fixes: [fix.raise([{ range, newText }], { title: `Set ${option.flag} to ${replacement} (${replacement / 1024} MB)`, preferred: true })],
        },
      ];
    });
  },
});
