import { defineRule } from '../define';

export const includeTargetMissing = defineRule({
  id: 'config/include-target-missing',
  severity: 'information',
  hostDependent: true,
  summary: 'An [include] glob that matches no file here (supervisord only warns; the server may have the files).',
  docs: {
    what: `A pattern in the main config's \`[include] files=\` that matches no file on this machine, after expanding
\`%(here)s\` and resolving it against the directory of the config as supervisord does. Each such pattern is marked.
Patterns that depend on the server (\`%(ENV_X)s\`, \`%(host_node_name)s\`) are not checked.`,
    why: `supervisord logs "No file matches via include" and carries on, so the programs you expected are silently absent
and \`supervisorctl\` answers "no such process". When you edit a copy of a server's config locally, the files may well
exist only on the server, which is why this is only information.`,
    fix: `Check the path and the glob. \`files\` takes patterns separated by whitespace; a relative one, like
\`conf.d/*.conf\`, is relative to the directory of the config that holds \`[include]\`, not to the directory supervisord
was started in. The glob is Python's: \`*\` does not match a leading dot, and \`**\` is no deeper than \`*\`.`,
    references: [
      "Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.read_config` (`[include] files`: expanded, split, joined to the config's directory, `glob.glob`, a warning when nothing matches)",
    ],
  },
  examples: [
    {
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[include]
files = conf.d/*.conf «celery.d/*.conf»
`,
      files: { '/etc/supervisor/conf.d/worker.conf': '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\n' },
    },
    {
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[include]
files = conf.d/*.conf
`,
      files: { '/etc/supervisor/conf.d/worker.conf': '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\n' },
    },
  ],
  check({ includes }) {
    return includes
      .filter((p) => p.absolute !== undefined && p.matches.length === 0)
      .map((p) => ({
        range: p.range,
        message: `No file matches via include "${p.absolute}" on this machine; supervisord skips it with a warning.`,
      }));
  },
});
