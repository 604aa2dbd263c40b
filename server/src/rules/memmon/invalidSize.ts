import { parseByteSize } from '../../analysis/byteSize';
import type { Finding } from '../types';
import { defineRule } from '../define';
import { memmonPrograms, strayUnitWord } from './listeners';

export const invalidSize = defineRule({
  id: 'memmon/invalid-size',
  severity: 'error',
  scope: 'section',
  summary: 'A memmon size it cannot read, or a unit split from its size by a space (`512 MB` is 512 bytes).',
  docs: {
    what: `A size given to memmon's \`-p\`, \`-g\` or \`-a\` that memmon cannot read, a \`-p\`/\`-g\` value that is not
\`NAME=SIZE\` with exactly one \`=\`, or a size whose unit is a separate word (\`-p worker=512 MB\`).`,
    why: `memmon reads a size the way supervisord reads its own byte sizes: a whole number, optionally followed by \`KB\`,
\`MB\` or \`GB\` in any case. Anything else (\`512M\`, \`1.5GB\`, \`1TB\`), or a \`-p\`/\`-g\` value without exactly one
\`=\`, makes memmon print its usage and exit with status 255 on start-up. An exit that quick counts as a failed start:
supervisord tries \`startretries\` times (3 by default) and then leaves the listener FATAL, watching nothing.

A unit split off by a space is worse, because nothing fails: memmon's option parser (Python's \`getopt\`) takes
\`worker=512\` as the value and stops at \`MB\`, the first word that is not an option. memmon then watches \`worker\` with
a limit of 512 bytes, restarting it at every tick, and silently ignores \`MB\` and every option after it.`,
    fix: `Write the size as one word: \`512MB\`, \`1GB\`, \`800000KB\`, or a plain byte count.`,
    references: [
      'superlance 2.0 `superlance/memmon.py`: `memmon_from_args`, `parse_namesize`, `parse_size` (getopt, then `byte_size`; usage and exit 255 on failure)',
      'Supervisor 4.2.5 `supervisor/datatypes.py`: `byte_size`, `SuffixMultiplier`',
      'Python `getopt.getopt`: parsing stops at the first non-option argument',
    ],
  },
  examples: [
    { title: 'A size memmon cannot read', config: '[eventlistener:memmon]\ncommand=memmon -p worker=«1.5GB»\nevents=TICK_60\n' },
    {
      title: 'A unit split from its size',
      config: '[eventlistener:memmon]\ncommand=memmon -p worker=«512 MB» -g web=1GB\nevents=TICK_60\n',
      fixed: '[eventlistener:memmon]\ncommand=memmon -p worker=512MB -g web=1GB\nevents=TICK_60\n',
    },
    { title: 'Not NAME=SIZE', config: '[eventlistener:memmon]\ncommand=memmon -p «worker:512MB»\nevents=TICK_60\n' },
    { config: '[eventlistener:memmon]\ncommand=memmon -p worker=512mb -g web=1GB -a 2147483648\nevents=TICK_60\n' },
  ],
  fixes: { join: { title: 'Join the size and its unit', safe: true } },
  check(context, fix) {
    return memmonPrograms(context).flatMap(({ command, memmon }) =>
      memmon.limits.flatMap((limit): Finding[] => {
        if (limit.malformed) {
          return [
            {
              range: command.rangeOf(limit.nameStart ?? limit.sizeStart, limit.sizeEnd),
              message: `memmon cannot read ${limit.flag} ${limit.malformed}: write ${limit.flag} NAME=SIZE with exactly one "=", e.g. ${limit.flag} worker=512MB. memmon exits on start-up.`,
            },
          ];
        }
        if (parseByteSize(limit.size) === undefined) {
          return [
            {
              range: command.rangeOf(limit.sizeStart, limit.sizeEnd),
              message: `memmon cannot read the size "${limit.size}": write a whole number of bytes, optionally followed by KB, MB or GB (e.g. 512MB). memmon exits on start-up.`,
            },
          ];
        }
        const unit = strayUnitWord(memmon, limit);
        if (unit === undefined) return [];
        const words = memmon.words;
        const joined = `${limit.size}${words[unit].value}`;
        return [
          {
            range: command.rangeOf(limit.sizeStart, words[unit].end),
            message: `memmon reads ${limit.flag} ${limit.name === undefined ? '' : `${limit.name}=`}${limit.size} as ${limit.size} bytes and stops reading options at "${words[unit].value}", ignoring it and every word after it. Write ${joined}.`,
            fixes: [
              fix.join([{ range: command.rangeOf(words[unit - 1].end, words[unit].start), newText: '' }], {
                title: `Write ${joined}`,
                preferred: true,
              }),
            ],
          },
        ];
      }),
    );
  },
});
