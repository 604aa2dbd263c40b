import { pythonBoolean } from '../../analysis/valueCheck';
import { replaceValue } from '../edits';
import { defineRule } from '../define';

export const stopasgroupWithoutKillasgroup = defineRule({
  id: 'config/stopasgroup-without-killasgroup',
  severity: 'error',
  summary: '`stopasgroup=true` with `killasgroup=false`: supervisord refuses the combination.',
  docs: {
    what: `A program with \`stopasgroup=true\` and an explicit \`killasgroup=false\`.`,
    why: `\`stopasgroup\` sends the stop signal to the whole process group (the Celery main process and its pool children), and
supervisord insists that the final SIGKILL reach the same group. It refuses the combination at start-up. Left unset,
\`killasgroup\` follows \`stopasgroup\`, so the simplest fix is to drop the line or set it to true.`,
    fix: `\`\`\`ini
stopasgroup=true
killasgroup=true
\`\`\``,
    references: [],
  },
  examples: [],
  fixes: { killAsGroup: { title: 'Set `killasgroup=true`', safe: true } },
  check({ model }, fix) {
    return model.programs.flatMap((program) => {
      const stop = model.lookup(program.section, 'stopasgroup');
      const kill = model.lookup(program.section, 'killasgroup');
      if (!stop || !kill || pythonBoolean(stop.value) !== true || pythonBoolean(kill.value) !== false) return [];
      return [
        {
          range: kill.range,
          message: `[${program.section.name}] Cannot set stopasgroup=true and killasgroup=false: a group that is stopped together must also be killed together`,
          fixes: [fix.killAsGroup([replaceValue(kill, 'true')], { title: 'Set killasgroup=true', preferred: true })],
        },
      ];
    });
  },
});
