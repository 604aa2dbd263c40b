import { closest, isLikelyTypo } from '../../util/closest';
import type { Finding, Rule } from '../types';
import { memmonPrograms } from './listeners';

export const unknownProcess: Rule = {
  id: 'memmon/unknown-process',
  severity: 'error',
  summary: 'memmon -p/-g names a process or group this configuration does not define, so nothing is ever watched.',
  check({ model, processes }) {
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
              ? [{ title: `Change to "${suggestion.value}"`, edits: [{ range, newText: suggestion.value }], preferred: isLikelyTypo(limit.name, suggestion.distance) }]
              : [],
          },
        ];
      }),
    );
  },
};
