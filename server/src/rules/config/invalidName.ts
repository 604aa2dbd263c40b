import { checkProcessName } from '../../analysis/valueCheck';
import { defineRule } from '../define';

const NAMED_PROCESS_KINDS = new Set(['program', 'fcgi-program', 'eventlistener', 'group']);

export const invalidName = defineRule({
  id: 'config/invalid-name',
  severity: 'error',
  summary: 'A program, group or listener name with a space, colon or slash: supervisord refuses it.',
  docs: {
    what: `A \`[program:x]\`, \`[fcgi-program:x]\`, \`[eventlistener:x]\` or \`[group:x]\` whose name contains a space, a colon or a
slash (after \`%(...)s\` expansion), such as \`[program:celery worker]\` or \`[group:app:web]\`.`,
    why: `supervisorctl addresses processes as \`group:process\`, so supervisord rejects names that would make that ambiguous and
refuses to start.`,
    fix: `Use letters, digits, \`-\`, \`_\` and \`.\`:
\`\`\`ini
[program:celery-worker]
\`\`\``,
    references: [],
  },
  examples: [],
  check({ model }) {
    return model.file.sections.flatMap((node) => {
      if (!NAMED_PROCESS_KINDS.has(node.kind) || node.arg === undefined || !node.argRange) return [];
      const problem = checkProcessName(node.arg);
      return problem ? [{ range: node.argRange, message: `[${node.name}]: ${problem.message}. Names may not contain spaces, colons or slashes.` }] : [];
    });
  },
});
