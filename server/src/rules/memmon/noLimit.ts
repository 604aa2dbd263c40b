import type { Finding } from '../types';
import { defineRule } from '../define';
import { memmonPrograms } from './listeners';

export const noLimit = defineRule({
  id: 'memmon/no-limit',
  severity: 'warning',
  scope: 'section',
  summary: 'A memmon listener without -p, -g or -a: it watches nothing.',
  docs: {
    what: `An \`[eventlistener:x]\` running memmon with no \`-p\`, \`-g\` or \`-a\` option that memmon reads. Options after the first
word that is not an option count as absent: memmon's option parser stops there and ignores the rest.`,
    why: `memmon restarts only processes named by a limit. With options but no limit (\`memmon -c -m ops@example.com\`) it
runs, answers every tick, and never restarts anything. With no argument at all it prints its usage and exits with
status 255 at once: supervisord counts a failed start, tries \`startretries\` times (3 by default) and leaves the
listener FATAL.`,
    fix: `Give memmon what to watch: \`-p NAME=SIZE\` for a process, \`-g NAME=SIZE\` for a group, \`-a SIZE\` for every process.

\`\`\`ini
[eventlistener:memmon]
command=memmon -p worker=512MB
events=TICK_60
\`\`\``,
    references: ['superlance 2.0 `superlance/memmon.py`: `memmon_from_args` (no arguments: usage, exit 255), `Memmon.runforever`'],
  },
  examples: [
    { title: 'Only an e-mail address', config: '[eventlistener:memmon]\ncommand=«memmon -m ops@example.com»\nevents=TICK_60\n' },
    {
      title: 'A limit after a word that is not an option',
      config: '[eventlistener:memmon]\ncommand=«memmon worker=512MB»\nevents=TICK_60\n',
    },
    { config: '[eventlistener:memmon]\ncommand=memmon -a 1GB -m ops@example.com\nevents=TICK_60\n' },
  ],
  check(context) {
    return memmonPrograms(context).flatMap(({ program, command, memmon }): Finding[] => {
      // An option memmon's getopt rejects makes it exit: that is a different mistake.
      if (program.kind !== 'eventlistener' || memmon.limits.length > 0 || memmon.error) return [];
      const words = memmon.words;
      const range = command.rangeOf(words[memmon.programWordIndex].start, words[words.length - 1].end);
      const ignored =
        memmon.firstArgument === undefined
          ? ''
          : ` Its option parser stops at "${words[memmon.firstArgument].value}" and ignores every word from there.`;
      const message =
        words.length === memmon.programWordIndex + 1
          ? 'memmon without arguments prints its usage and exits at once: give it -p NAME=SIZE, -g NAME=SIZE or -a SIZE.'
          : `memmon has no -p, -g or -a limit, so it watches nothing and never restarts anything.${ignored}`;
      return [{ range, message }];
    });
  },
});
