import { parsePythonInt } from '../../analysis/pythonInt';
import { canEditAround } from '../edits';
import type { Rule } from '../types';
import { celeryWorkers, NON_PROCESS_POOLS } from './pools';

const RECOMMENDED_KIB = 262144;

export const maxMemoryPerChildTooLow: Rule = {
  id: 'celery/max-memory-per-child-too-low',
  severity: 'warning',
  summary: '--max-memory-per-child below the configured minimum (128 MB by default): workers would restart constantly.',
  check({ model, settings }) {
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
      const valueWord = worker.words[option.firstWord + option.wordCount - 1];
      const quotedWhole = option.wordCount === 1 && !valueWord.verbatim;
      const newText = quotedWhole ? `${option.flag}=${replacement}` : String(replacement);
      const fixable = valueWord.verbatim || canEditAround(valueWord);
      return [
        {
          range,
          message:
            `${option.flag} ${kib} is ${(kib / 1024).toFixed(1).replace(/\.0$/, '')} MB; the value is in KiB and a fresh Celery ` +
            `worker already uses about 80 MB, so anything under ${settings.celery.minMemoryPerChildMB} MB makes children restart after almost every task.`,
          fixes: fixable ? [{ title: `Set ${option.flag} to ${replacement} (${replacement / 1024} MB)`, edits: [{ range, newText }], preferred: true }] : [],
        },
      ];
    });
  },
};
