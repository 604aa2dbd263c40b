import { defineRule } from '../define';

export const missingSupervisordSection = defineRule({
  id: 'config/missing-supervisord-section',
  severity: 'warning',
  summary: 'A file named supervisord.conf without a [supervisord] section: as a main config, supervisord refuses it.',
  docs: {
    what: `A file named \`supervisord.conf\` that has no \`[supervisord]\` section. Other files without one (\`conf.d/*.conf\`) are
include fragments and are not reported, and neither is a \`supervisord.conf\` that a main config found next to it or
above it includes. The file's first line is marked.`,
    why: `A file with that name is usually the one supervisord is started with (\`supervisord -c /etc/supervisor/supervisord.conf\`
or its default search path). As the main config it must contain \`[supervisord]\`, even an empty one, once its
\`[include]\` files are read: otherwise supervisord exits with ".ini file does not include supervisord section" before
starting anything.`,
    fix: `Add the section; every key in it has a default:
\`\`\`ini
[supervisord]
logfile=/var/log/supervisor/supervisord.log
\`\`\`
If the file really is only ever included by another config, rename it (e.g. \`conf.d/worker.conf\`) or silence the rule.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.read_config` (refuses a config without `[supervisord]` after reading its includes)',
    ],
  },
  examples: [
    {
      path: '/etc/supervisor/supervisord.conf',
      config: `«; Celery workers of proj»
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
`,
      fixed: `; Celery workers of proj
[supervisord]

[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
`,
    },
    {
      title: 'Included by the main config above it',
      path: '/etc/supervisor/supervisord.conf',
      files: {
        '/etc/supervisord.conf': '[supervisord]\nlogfile=/var/log/supervisord.log\n\n[include]\nfiles = supervisor/supervisord.conf\n',
      },
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
`,
    },
    {
      title: 'The same lines in a conf.d fragment',
      path: '/etc/supervisor/conf.d/worker.conf',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
`,
    },
  ],
  fixes: { addSection: { title: 'Add a `[supervisord]` section above the first section', safe: true } },
  check(context, fix) {
    const { model } = context;
    if (!model.isFragment || !model.path || !/(^|[\\/])supervisord\.conf$/.test(model.path)) return [];
    // Included by a main config: then it is a fragment that happens to bear the name.
    if (context.configuration.some((other) => other !== model && !other.isFragment)) return [];
    const first = model.file.sections[0];
    // Above the first header, so that comments at the top stay on top and no line changes section.
    const at = first && { line: first.headerRange.start.line, character: 0 };
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: model.file.lineLengths[0] } },
        message:
          '.ini file does not include supervisord section: started with this file, supervisord refuses to run. (Fine if it is only ever included by another config.)',
        fixes: at
          ? [
              fix.addSection([{ range: { start: at, end: at }, newText: `[supervisord]${model.file.eol}${model.file.eol}` }], {
                preferred: true,
              }),
            ]
          : [],
      },
    ];
  },
});
