import { checkProcessName } from '../../analysis/valueCheck';
import { defineRule } from '../define';
import type { Finding } from '../types';

const NAMED_PROCESS_KINDS = new Set(['program', 'fcgi-program', 'eventlistener', 'group']);

export const invalidName = defineRule({
  id: 'config/invalid-name',
  severity: 'error',
  scope: 'section',
  summary: 'A program, group or listener name with a space, colon or slash: supervisord refuses it.',
  docs: {
    what: `A \`[program:x]\`, \`[fcgi-program:x]\`, \`[eventlistener:x]\` or \`[group:x]\` whose name, once leading and trailing
spaces are stripped, contains a space, a colon or a slash: \`[program:celery worker]\`, \`[group:app:web]\`,
\`[program:celery/beat]\`. The name is taken as written; supervisord does not expand \`%(name)s\` in section headers.`,
    why: `supervisorctl and the XML-RPC interface address a process as \`group:process\`, the web interface puts names in URLs,
and event listeners receive them in space-separated headers. A name with one of these characters would be ambiguous
there, so the loader refuses it and supervisord does not start.`,
    fix: `Rename the section with letters, digits, \`-\`, \`_\` or \`.\`, and rename it wherever it is named too (\`[group:x]
programs=\`, memmon's \`-p\`, your deploy scripts):
\`\`\`ini
[program:celery-worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/datatypes.py`: `process_or_group_name` (strips the name, refuses space, colon and slash)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.process_groups_from_parser` (group and fcgi-program names) and `ServerOptions._processes_from_section` (program and event listener names)',
    ],
  },
  examples: [
    {
      title: 'A space in a program name',
      config: '[program:«celery worker»]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n',
    },
    {
      title: 'A colon in a group name',
      config:
        '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n\n[group:«app:celery»]\nprograms=worker\n',
    },
    {
      config:
        '[program:celery-worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n\n[group:app]\nprograms=celery-worker\n',
    },
  ],
  check({ model }) {
    const findings: Finding[] = [];
    for (let i = 0; i < model.file.sections.length; i++) {
      const node = model.file.sections[i];
      if (!NAMED_PROCESS_KINDS.has(node.kind) || node.arg === undefined || !node.argRange) continue;
      const problem = checkProcessName(node.arg);
      if (problem)
        findings.push({
          range: node.argRange,
          message: `[${node.name}]: ${problem.message}. Names may not contain spaces, colons or slashes.`,
        });
    }
    return findings;
  },
});
