import { closest, isLikelyTypo } from '../../util/closest';
import type { Finding } from '../types';
import { defineRule } from '../define';
import { memmonPrograms } from './listeners';

export const unknownProcess = defineRule({
  id: 'memmon/unknown-process',
  severity: 'error',
  summary: 'memmon -p/-g names a process or group this configuration does not define, so nothing is ever watched.',
  docs: {
    what: `superlance's \`memmon\` given \`-p NAME=SIZE\` where NAME is no process of this configuration, or \`-g NAME=SIZE\` where NAME
is no group.`,
    why: `memmon compares the names you give with the process list supervisord reports. A misspelt or stale name matches
nothing, raises no error, and the program you meant to protect is never restarted.

Names memmon accepts:
- \`-p\`: a process name — the program's name when \`numprocs=1\` and \`process_name\` is left alone, otherwise each
  expanded \`process_name\` (e.g. \`worker_00\`, \`worker_01\`) — or \`group:process\`.
- \`-g\`: a \`[group:x]\` name, or the name of a \`[program:x]\` that is not listed in any group (supervisord puts such a
  program in a group of its own name; programs listed in a \`[group:x]\` belong to that group instead).`,
    fix: ``,
    references: [],
  },
  examples: [],
  fixes: { rename: { title: 'Change to the closest process or group name', safe: true } },
  check({ model, processes }, fix) {
    // A fragment whose main config we cannot see may be watching programs defined elsewhere.
    if (!processes.complete) return [];
    return memmonPrograms(model.programs).flatMap(({ command, memmon }) =>
      memmon.limits.flatMap((limit): Finding[] => {
        if (limit.kind === 'any' || limit.malformed || limit.name === undefined || limit.nameStart === undefined) return [];
        const isGroup = limit.kind === 'group';
        if (isGroup ? processes.hasGroup(limit.name) : processes.hasProcess(limit.name)) return [];
        const range = command.rangeOf(limit.nameStart, limit.nameEnd!);
        const candidates = isGroup ? processes.groupNames() : processes.processNames();
        const suggestion = closest(limit.name, candidates);
        const what = isGroup ? 'group' : 'process';
        const accepted = isGroup
          ? 'a [group:x] name, or the name of a program that is not in a group'
          : 'a process name (the program name when numprocs=1, else its expanded process_name) or group:process';
        return [
          {
            range,
            message: `memmon ${isGroup ? '-g' : '-p'} names "${limit.name}", but no ${what} of that name exists in this configuration (expected ${accepted}); memmon will never restart it.`,
            fixes: suggestion && limit.verbatim
              ? [fix.rename([{ range, newText: suggestion.value }], { title: `Change to "${suggestion.value}"`, preferred: isLikelyTypo(limit.name, suggestion.distance) })]
              : [],
          },
        ];
      }),
    );
  },
});
