import { defineRule } from '../define';
import { CONFIGPARSER_REFERENCES, syntaxProblems } from './problems';

export const invalidLine = defineRule({
  id: 'syntax/invalid-line',
  severity: 'error',
  summary: 'A line inside a section that is neither a comment nor key=value: supervisord refuses the file.',
  docs: {
    what: `A line inside a section that is not a comment, not \`key = value\` or \`key: value\`, and not a continuation (a line
indented deeper than a \`key = value\` line before it in the same section continues that value).`,
    why: 'supervisord refuses the whole file with "Source contains parsing errors", naming the line.',
    fix: 'Add the missing `=`, indent the line if it continues the previous value, or comment it out with `;`.',
    references: CONFIGPARSER_REFERENCES,
  },
  examples: [
    { config: '[program:worker]\ncommand=celery -A proj worker -l info\n«autostart true»\n' },
    { config: '[program:worker]\ncommand=celery -A proj worker\n    -l info\nautostart=true\n' },
  ],
  check: ({ model }) => syntaxProblems(model, 'invalid-line'),
});
