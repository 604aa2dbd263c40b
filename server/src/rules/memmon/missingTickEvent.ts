import { appendToValue, insertLinesAfter } from '../edits';
import type { Fix } from '../types';
import { defineRule } from '../define';
import { memmonPrograms } from './listeners';

const TICK_EVENTS = new Set(['TICK_5', 'TICK_60', 'TICK_3600']);

export const missingTickEvent = defineRule({
  id: 'memmon/missing-tick-event',
  severity: 'error',
  summary: 'A memmon event listener not subscribed to TICK_5, TICK_60 or TICK_3600 never checks memory.',
  docs: {
    what: `An \`[eventlistener:x]\` that runs memmon but whose \`events=\` lists none of \`TICK_5\`, \`TICK_60\`, \`TICK_3600\`.`,
    why: `memmon does its work only when supervisord sends it a TICK event; any other event is acknowledged and ignored. A
memmon listener subscribed to, say, \`PROCESS_STATE\` alone never measures memory and never restarts anything.`,
    fix: `\`\`\`ini
[eventlistener:memmon]
command=memmon -p worker=512MB
events=TICK_60
\`\`\`
\`TICK_60\` checks once a minute; \`TICK_5\` reacts faster at a little more cost.`,
    references: [],
  },
  examples: [],
  fixes: { subscribe: { title: 'Subscribe to `TICK_60`', safe: true } },
  check({ model }, fix) {
    return memmonPrograms(model.programs).flatMap(({ program }) => {
      if (program.kind !== 'eventlistener') return [];
      const events = model.lookup(program.section, 'events');
      const names = (events?.value ?? '').split(',').map((e) => e.trim());
      if (names.some((name) => TICK_EVENTS.has(name))) return [];
      let tick: Fix;
      if (events) {
        tick = fix.subscribe([appendToValue(events, events.value.trim() ? ',TICK_60' : 'TICK_60')], { title: 'Subscribe to TICK_60', preferred: true });
      } else {
        const node = program.section.nodes[program.section.nodes.length - 1];
        tick = fix.subscribe([insertLinesAfter(model.file, node.range.end.line, 'events=TICK_60')], { title: 'Add events=TICK_60', preferred: true });
      }
      return [
        {
          range: events ? events.range : program.section.nodes[0].headerRange,
          message: 'memmon only checks memory when it receives a TICK event, and this listener subscribes to none (TICK_5, TICK_60 or TICK_3600), so it never restarts anything. Add TICK_60 to events=.',
          fixes: [tick],
        },
      ];
    });
  },
});
