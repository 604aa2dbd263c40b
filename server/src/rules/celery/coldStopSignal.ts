import { signalName } from '../../analysis/valueCheck';
import { CELERY_STOP_SIGNALS } from '../../schema';
import { replaceValue } from '../edits';
import { defineRule } from '../define';
import { celeryWorkers } from './pools';

export const coldStopSignal = defineRule({
  id: 'celery/cold-stop-signal',
  severity: 'warning',
  summary: 'A Celery worker stopped with KILL, QUIT or HUP: it cannot finish its running tasks (TERM gives a warm shutdown).',
  docs: {
    what: `A Celery worker program whose \`stopsignal\` is KILL, QUIT or HUP (by name, with or without \`SIG\`, or by number).`,
    why: `Celery's worker does a warm shutdown on TERM (and INT): it stops fetching tasks and finishes the running ones.
The others do not:
- QUIT starts a cold shutdown, and running tasks are abandoned;
- KILL ends the worker outright, and its pool children may be left running without a parent;
- HUP makes the worker re-execute itself, so it never exits. supervisord waits \`stopwaitsecs\` and then kills it.

memmon also stops programs with the configured stop signal, so one of these turns every memory restart into lost
work.`,
    fix: `\`\`\`ini
stopsignal=TERM
stopwaitsecs=600
\`\`\``,
    references: [],
  },
  examples: [],
  fixes: { term: { title: 'Set `stopsignal=TERM`', safe: true } },
  check({ model }, fix) {
    return celeryWorkers(model.programs).flatMap(({ program }) => {
      const entry = model.lookup(program.section, 'stopsignal');
      const reaction = entry && CELERY_STOP_SIGNALS[signalName(entry.value) ?? ''];
      if (!entry || !reaction || reaction.warm) return [];
      return [
        {
          range: entry.range,
          message: `[${program.section.name}] stopsignal=${entry.value}: ${reaction.effect}. Use TERM: the worker stops taking tasks and finishes the running ones (warm shutdown).`,
          fixes: [fix.term([replaceValue(entry, 'TERM')], { title: 'Set stopsignal=TERM', preferred: true })],
        },
      ];
    });
  },
});
