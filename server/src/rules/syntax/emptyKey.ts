import { defineRule } from '../define';
import { CONFIGPARSER_REFERENCES, syntaxProblems } from './problems';

export const emptyKey = defineRule({
  id: 'syntax/empty-key',
  severity: 'error',
  summary: 'A "=value" line without a key: supervisord refuses the file.',
  docs: {
    what: 'A line such as `= value` or `: value`, with nothing before the delimiter.',
    why: 'supervisord refuses the whole file with "Source contains parsing errors", naming the line.',
    fix: 'Write the key name before the `=`.',
    references: CONFIGPARSER_REFERENCES,
  },
  examples: [
    { config: '[program:worker]\ncommand=celery -A proj worker -l info\n«=true»\n' },
    { config: '[program:worker]\ncommand=celery -A proj worker -l info\nautostart=true\n' },
  ],
  check: ({ model }) => syntaxProblems(model, 'empty-key'),
});
