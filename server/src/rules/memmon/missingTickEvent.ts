import { appendToValue, insertLinesAfter } from '../edits';
import type { Fix, Rule } from '../types';
import { memmonPrograms } from './listeners';

const TICK_EVENTS = new Set(['TICK_5', 'TICK_60', 'TICK_3600']);

export const missingTickEvent: Rule = {
  id: 'memmon/missing-tick-event',
  severity: 'error',
  summary: 'A memmon event listener not subscribed to TICK_5, TICK_60 or TICK_3600 never checks memory.',
  check({ model }) {
    return memmonPrograms(model.programs).flatMap(({ program }) => {
      if (program.kind !== 'eventlistener') return [];
      const events = model.lookup(program.section, 'events');
      const names = (events?.value ?? '').split(',').map((e) => e.trim());
      if (names.some((name) => TICK_EVENTS.has(name))) return [];
      let fix: Fix;
      if (events) {
        fix = { title: 'Subscribe to TICK_60', edits: [appendToValue(events, events.value.trim() ? ',TICK_60' : 'TICK_60')], preferred: true };
      } else {
        const node = program.section.nodes[program.section.nodes.length - 1];
        fix = { title: 'Add events=TICK_60', edits: [insertLinesAfter(model.file, node.range.end.line, 'events=TICK_60')], preferred: true };
      }
      return [
        {
          range: events ? events.range : program.section.nodes[0].headerRange,
          message: 'memmon only checks memory when it receives a TICK event, and this listener subscribes to none (TICK_5, TICK_60 or TICK_3600), so it never restarts anything. Add TICK_60 to events=.',
          fixes: [fix],
        },
      ];
    });
  },
};
