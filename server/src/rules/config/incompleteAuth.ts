import { knownSections } from '../../analysis/sectionValues';
import { defineRule } from '../define';

export const incompleteAuth = defineRule({
  id: 'config/incomplete-auth',
  severity: 'error',
  summary: 'An HTTP server section with `username` but no `password` (or the reverse): supervisord refuses it.',
  docs: {
    what: `A \`[unix_http_server]\` or \`[inet_http_server]\` that sets \`username\` without \`password\`, or \`password\` without
\`username\`.`,
    why: `supervisord refuses half-configured authentication at start-up rather than guess whether you wanted a login.`,
    fix: `Set both, or remove both:
\`\`\`ini
[inet_http_server]
port=127.0.0.1:9001
username=admin
password={SHA}…
\`\`\`
and give \`[supervisorctl]\` the same \`username\` and \`password\`.`,
    references: [],
  },
  examples: [],
  check({ model }) {
    return knownSections(model).flatMap(({ section, schema }) => {
      if (schema.kind !== 'unix_http_server' && schema.kind !== 'inet_http_server') return [];
      const username = model.lookup(section, 'username');
      const password = model.lookup(section, 'password');
      if (!username === !password) return [];
      const present = (username ?? password)!;
      const missing = username ? 'password' : 'username';
      return [
        {
          range: present.range,
          message: `Section [${section.name}] contains incomplete authentication: it sets ${present.key} without ${missing}. Set both, or neither.`,
        },
      ];
    });
  },
});
