import { pythonBoolean } from '../../analysis/valueCheck';
import { replaceValue } from '../edits';
import type { Rule } from '../types';

export const eventlistenerRedirectStderr: Rule = {
  id: 'config/eventlistener-redirect-stderr',
  severity: 'error',
  summary: '`redirect_stderr=true` on an event listener: it would corrupt the listener protocol, so supervisord refuses it.',
  check({ model }) {
    return model.programs.flatMap((program) => {
      if (program.kind !== 'eventlistener') return [];
      const entry = model.lookup(program.section, 'redirect_stderr');
      if (!entry || pythonBoolean(entry.value) !== true) return [];
      return [
        {
          range: entry.range,
          message: `[${program.section.name}] sets redirect_stderr=true, which is not allowed for an event listener: its stdout carries the listener protocol`,
          fixes: [{ title: 'Set redirect_stderr=false', edits: [replaceValue(entry, 'false')], preferred: true }],
        },
      ];
    });
  },
};
