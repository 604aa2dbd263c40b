import { signalName } from '../../analysis/valueCheck';
import { CELERY_STOP_SIGNALS } from '../../schema';
import { replaceValue } from '../edits';
import type { Rule } from '../types';
import { celeryWorkers } from './pools';

export const coldStopSignal: Rule = {
  id: 'celery/cold-stop-signal',
  severity: 'warning',
  summary: 'A Celery worker stopped with KILL, QUIT or HUP: it cannot finish its running tasks (TERM gives a warm shutdown).',
  check({ model }) {
    return celeryWorkers(model.programs).flatMap(({ program }) => {
      const entry = model.lookup(program.section, 'stopsignal');
      const reaction = entry && CELERY_STOP_SIGNALS[signalName(entry.value) ?? ''];
      if (!entry || !reaction || reaction.warm) return [];
      return [
        {
          range: entry.range,
          message: `[${program.section.name}] stopsignal=${entry.value}: ${reaction.effect}. Use TERM: the worker stops taking tasks and finishes the running ones (warm shutdown).`,
          fixes: [{ title: 'Set stopsignal=TERM', edits: [replaceValue(entry, 'TERM')], preferred: true }],
        },
      ];
    });
  },
};
