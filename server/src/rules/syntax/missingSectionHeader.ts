import { defineRule } from '../define';
import { CONFIGPARSER_REFERENCES, syntaxProblems } from './problems';

export const missingSectionHeader = defineRule({
  id: 'syntax/missing-section-header',
  severity: 'error',
  summary: 'A setting before the first [section] header: supervisord refuses the file.',
  docs: {
    what: 'Text other than comments and blank lines before the first `[section]` header, including a byte-order mark at the very start of the file.',
    why: `supervisord's loader stops at that line ("File contains no section headers") and refuses the whole file, so
supervisord does not start (or \`supervisorctl reread\` fails).`,
    fix: 'Move the line into a section, or turn it into a comment with `;` or `#`. Save the file as UTF-8 without a BOM.',
    references: CONFIGPARSER_REFERENCES,
  },
  examples: [
    { config: '«command=celery -A proj worker»\n[program:worker]\ncommand=celery -A proj worker\n' },
    { config: '; workers of the shop\n\n[program:worker]\ncommand=celery -A proj worker -l info\nstopwaitsecs=600\n' },
  ],
  check: ({ model }) => syntaxProblems(model, 'missing-section-header'),
});
