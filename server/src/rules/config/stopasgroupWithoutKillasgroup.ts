import { pythonBoolean } from '../../analysis/valueCheck';
import { replaceValue } from '../edits';
import type { Rule } from '../types';

export const stopasgroupWithoutKillasgroup: Rule = {
  id: 'config/stopasgroup-without-killasgroup',
  severity: 'error',
  summary: '`stopasgroup=true` with `killasgroup=false`: supervisord refuses the combination.',
  check({ model }) {
    return model.programs.flatMap((program) => {
      const stop = model.lookup(program.section, 'stopasgroup');
      const kill = model.lookup(program.section, 'killasgroup');
      if (!stop || !kill || pythonBoolean(stop.value) !== true || pythonBoolean(kill.value) !== false) return [];
      return [
        {
          range: kill.range,
          message: `[${program.section.name}] Cannot set stopasgroup=true and killasgroup=false: a group that is stopped together must also be killed together`,
          fixes: [{ title: 'Set killasgroup=true', edits: [replaceValue(kill, 'true')], preferred: true }],
        },
      ];
    });
  },
};
