import { defineRule } from '../define';

export const includeTargetMissing = defineRule({
  id: 'config/include-target-missing',
  severity: 'information',
  summary: 'An [include] glob that matches no file here (supervisord only warns; the server may have the files).',
  docs: {
    what: `A pattern in \`[include] files=\` that matches no file on this machine, after resolving it relative to the config's
directory as supervisord does.`,
    why: `supervisord only warns and carries on, so programs you expected are silently absent. When you edit a copy of a
server's config locally, the files may well exist only on the server, which is why this is only information.`,
    fix: `Check the path and the glob: \`files=conf.d/*.conf\` is relative to the directory of the file that holds \`[include]\`.`,
    references: [],
  },
  examples: [],
  check({ includes }) {
    return includes
      .filter((p) => p.absolute !== undefined && p.matches.length === 0)
      .map((p) => ({ range: p.range, message: `No file matches via include "${p.absolute}" on this machine; supervisord skips it with a warning.` }));
  },
});
