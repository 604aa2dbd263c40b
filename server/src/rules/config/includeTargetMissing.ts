import type { Rule } from '../types';

export const includeTargetMissing: Rule = {
  id: 'config/include-target-missing',
  severity: 'information',
  summary: 'An [include] glob that matches no file here (supervisord only warns; the server may have the files).',
  check({ includes }) {
    return includes
      .filter((p) => p.absolute !== undefined && p.matches.length === 0)
      .map((p) => ({ range: p.range, message: `No file matches via include "${p.absolute}" on this machine; supervisord skips it with a warning.` }));
  },
};
