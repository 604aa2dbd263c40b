import { appendToValue, insertLinesAfter } from '../edits';
import type { Fix } from '../types';
import { defineRule } from '../define';
import { memmonPrograms } from './listeners';
import { entryRead, setByLaterCopy } from '../mergedSections';

/**
 * Event types that deliver TICK events: each TICK_n, the abstract TICK and EVENT (supervisord delivers an event to a
 * listener subscribed to any class it is an instance of). Names are case-insensitive: the loader upper-cases them.
 */
const DELIVERS_TICKS = new Set(['TICK_5', 'TICK_60', 'TICK_3600', 'TICK', 'EVENT']);

export const missingTickEvent = defineRule({
  id: 'memmon/missing-tick-event',
  severity: 'error',
  scope: 'section',
  summary: 'A memmon event listener whose events= delivers no TICK event never checks memory.',
  docs: {
    what: `An \`[eventlistener:x]\` that runs memmon but whose \`events=\` delivers no TICK event: it lists none of \`TICK_5\`,
\`TICK_60\`, \`TICK_3600\`, nor the abstract \`TICK\` or \`EVENT\` types that include them.`,
    why: `memmon measures memory only when the event it receives is named \`TICK…\`; it acknowledges every other event and
does nothing. A memmon subscribed to, say, \`PROCESS_STATE\` alone runs forever without restarting anything.

supervisord hands a listener every event that is an instance of a type it subscribed to, so \`TICK\` brings all three
tick periods and \`EVENT\` brings everything, ticks included.`,
    fix: `Add a tick period to \`events=\`: \`TICK_60\` checks once a minute, \`TICK_5\` reacts faster at a little more cost.

\`\`\`ini
[eventlistener:memmon]
command=memmon -p worker=512MB
events=TICK_60
\`\`\`

A listener without \`events=\` is refused by supervisord (see config/missing-required-key); the quick fix adds
\`events=TICK_60\`.`,
    references: [
      'superlance 2.0 `superlance/memmon.py`: `Memmon.runforever` (skips events whose name does not start with TICK)',
      'Supervisor 4.2.5 `supervisor/events.py`: `EventTypes`, `TickEvent`, `notify` (delivery by isinstance)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.process_groups_from_parser` (events= is upper-cased and required)',
    ],
  },
  examples: [
    {
      title: 'Subscribed to process state changes only',
      config: '[eventlistener:memmon]\ncommand=memmon -p worker=512MB\n«events=PROCESS_STATE»\n',
      fixed: '[eventlistener:memmon]\ncommand=memmon -p worker=512MB\nevents=PROCESS_STATE,TICK_60\n',
    },
    {
      title: 'No events= line',
      config: '«[eventlistener:memmon]»\ncommand=memmon -p worker=512MB\nautorestart=true\n',
      fixed: '[eventlistener:memmon]\ncommand=memmon -p worker=512MB\nautorestart=true\nevents=TICK_60\n',
    },
    {
      title: 'The abstract TICK type delivers every tick period',
      config: '[eventlistener:memmon]\ncommand=memmon -p worker=512MB\nevents=tick\n',
    },
    { config: '[eventlistener:memmon]\ncommand=memmon -p worker=512MB\nevents=PROCESS_STATE, TICK_5\n' },
  ],
  fixes: { subscribe: { title: 'Subscribe to `TICK_60`', safe: true } },
  check(context, fix) {
    const { model } = context;
    return memmonPrograms(context).flatMap(({ program }) => {
      if (program.kind !== 'eventlistener') return [];
      // Read from the merged section: an override file may set it (supervisord merges a listener's copies).
      const found = entryRead(context, program.section, 'events');
      const names = (found?.entry.value ?? '').split(',').map((e) => e.trim().toUpperCase());
      if (names.some((name) => DELIVERS_TICKS.has(name))) return [];
      // Another file's line is edited there: here a line would not override a file read after this one.
      const events = found?.model === model ? found.entry : undefined;
      let tick: Fix | undefined;
      if (found && !events) {
        const node = program.section.nodes[program.section.nodes.length - 1];
        const value = found.entry.value.trim();
        tick =
          setByLaterCopy(context, program.section, 'events') || value.includes('\n')
            ? undefined
            : fix.subscribe([insertLinesAfter(model.file, node.range.end.line, `events=${value ? `${value},` : ''}TICK_60`)], {
                title: 'Subscribe to TICK_60',
                preferred: true,
              });
      } else if (events) {
        tick = fix.subscribe([appendToValue(events, events.value.trim() ? ',TICK_60' : 'TICK_60')], {
          title: 'Subscribe to TICK_60',
          preferred: true,
        });
      } else {
        const node = program.section.nodes[program.section.nodes.length - 1];
        tick = fix.subscribe([insertLinesAfter(model.file, node.range.end.line, 'events=TICK_60')], {
          title: 'Add events=TICK_60',
          preferred: true,
        });
      }
      return [
        {
          range: events ? events.range : program.section.nodes[0].headerRange,
          message:
            'memmon only checks memory when it receives a TICK event, and this listener subscribes to none (TICK_5, TICK_60, TICK_3600, or the abstract TICK or EVENT), so it never restarts anything. Add TICK_60 to events=.',
          fixes: tick ? [tick] : [],
        },
      ];
    });
  },
});
