import { defineRule } from '../define';

export const missingSupervisordSection = defineRule({
  id: 'config/missing-supervisord-section',
  severity: 'warning',
  summary: 'A file named supervisord.conf without a [supervisord] section: as a main config, supervisord refuses it.',
  docs: {
    what: `A file named \`supervisord.conf\` that has no \`[supervisord]\` section. Other files without one (\`conf.d/*.conf\`) are
include fragments and are not reported.`,
    why: `A file with that name is usually the one supervisord starts with, and as a main config it must contain
\`[supervisord]\`; otherwise supervisord exits with an error before starting anything.`,
    fix: `\`\`\`ini
[supervisord]
logfile=/var/log/supervisor/supervisord.log
\`\`\`
If the file really is only ever included, silence the rule or rename the file.`,
    references: [],
  },
  examples: [],
  fixes: { addSection: { title: 'Add a `[supervisord]` section at the top', safe: true } },
  check({ model }, fix) {
    if (!model.isFragment || !model.path || !/(^|[\\/])supervisord\.conf$/.test(model.path)) return [];
    const at = { line: 0, character: 0 };
    return [
      {
        range: { start: at, end: { line: 0, character: model.file.lineLengths[0] ?? 0 } },
        message: '.ini file does not include supervisord section: started with this file, supervisord refuses to run. (Fine if it is only ever included by another config.)',
        fixes: [fix.addSection([{ range: { start: at, end: at }, newText: `[supervisord]${model.file.eol}${model.file.eol}` }])],
      },
    ];
  },
});
