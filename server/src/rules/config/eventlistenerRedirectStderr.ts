import { pythonBoolean } from '../../analysis/valueCheck';
import { replaceValue } from '../edits';
import { defineRule } from '../define';

export const eventlistenerRedirectStderr = defineRule({
  id: 'config/eventlistener-redirect-stderr',
  severity: 'error',
  summary: '`redirect_stderr=true` on an event listener: it would corrupt the listener protocol, so supervisord refuses it.',
  docs: {
    what: `\`redirect_stderr=true\` in an \`[eventlistener:x]\` (memmon included).`,
    why: `An event listener talks to supervisord over its stdout. Mixing its stderr into that stream would break the
protocol, so supervisord refuses the setting and does not start.`,
    fix: `Log the listener's stderr to its own file instead:
\`\`\`ini
[eventlistener:memmon]
command=memmon -p worker=512MB
events=TICK_60
redirect_stderr=false
stderr_logfile=/var/log/supervisor/memmon.err.log
\`\`\``,
    references: [],
  },
  examples: [],
  fixes: { noRedirect: { title: 'Set `redirect_stderr=false`', safe: true } },
  check({ model }, fix) {
    return model.programs.flatMap((program) => {
      if (program.kind !== 'eventlistener') return [];
      const entry = model.lookup(program.section, 'redirect_stderr');
      if (!entry || pythonBoolean(entry.value) !== true) return [];
      return [
        {
          range: entry.range,
          message: `[${program.section.name}] sets redirect_stderr=true, which is not allowed for an event listener: its stdout carries the listener protocol`,
          fixes: [fix.noRedirect([replaceValue(entry, 'false')], { title: 'Set redirect_stderr=false', preferred: true })],
        },
      ];
    });
  },
});
