import { parseByteSize } from '../../analysis/byteSize';
import { parsePythonInt } from '../../analysis/pythonInt';
import type { Finding } from '../types';
import { defineRule } from '../define';
import { memmonPrograms, strayUnitWord } from './listeners';

const MB = 1024 * 1024;

export const sizeInBytes = defineRule({
  id: 'memmon/size-in-bytes',
  severity: 'warning',
  scope: 'section',
  summary: 'A memmon size without a unit below 1 MB: it is bytes, so memmon restarts the process at every tick.',
  docs: {
    what: `A size given to memmon's \`-p\`, \`-g\` or \`-a\` that is a plain number (no \`KB\`, \`MB\` or \`GB\`) below 1 MB, such
as \`-p worker=512\`.`,
    why: `memmon reads a size without a unit as bytes, and compares it with the resident memory it measures (in bytes). No
real process fits in a few hundred bytes, so memmon restarts the process at every tick it receives: a worker that is
stopped and started every minute, losing the tasks it was running.`,
    fix: `Add the unit you meant: \`-p worker=512MB\`. The quick fix adds \`MB\`.`,
    references: [
      'superlance 2.0 `superlance/memmon.py`: `parse_size`, `Memmon.calc_rss` (RSS in bytes), `Memmon.runforever` (restarts when RSS exceeds the size)',
      'Supervisor 4.2.5 `supervisor/datatypes.py`: `byte_size` (no suffix: bytes)',
    ],
  },
  examples: [
    {
      config: '[eventlistener:memmon]\ncommand=memmon -p worker=«512»\nevents=TICK_60\n',
      fixed: '[eventlistener:memmon]\ncommand=memmon -p worker=512MB\nevents=TICK_60\n',
    },
    {
      title: 'A byte count is fine when it is one',
      config: '[eventlistener:memmon]\ncommand=memmon -p worker=536870912 -a 2GB\nevents=TICK_60\n',
    },
  ],
  fixes: { unit: { title: 'Add `MB`', safe: true } },
  check(context, fix) {
    return memmonPrograms(context).flatMap(({ command, memmon }) =>
      memmon.limits.flatMap((limit): Finding[] => {
        // A unit split off by a space is memmon/invalid-size's.
        if (limit.malformed || parsePythonInt(limit.size) === undefined || strayUnitWord(memmon, limit) !== undefined) return [];
        const bytes = parseByteSize(limit.size)!;
        if (bytes >= MB) return [];
        const range = command.rangeOf(limit.sizeStart, limit.sizeEnd);
        const end = command.positionAt(limit.sizeEnd);
        return [
          {
            range,
            message: `memmon reads "${limit.size}" as ${bytes} bytes: every process it watches is larger, so memmon restarts it at every tick. Write ${limit.size.trim()}MB if you meant megabytes.`,
            fixes: limit.verbatim
              ? [fix.unit([{ range: { start: end, end }, newText: 'MB' }], { title: `Write ${limit.size.trim()}MB`, preferred: true })]
              : [],
          },
        ];
      }),
    );
  },
});
