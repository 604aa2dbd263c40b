import { knownSections } from '../../analysis/sectionValues';
import type { Rule } from '../types';

export const incompleteAuth: Rule = {
  id: 'config/incomplete-auth',
  severity: 'error',
  summary: 'An HTTP server section with `username` but no `password` (or the reverse): supervisord refuses it.',
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
};
