import { defineRule } from '../define';
import type { Finding } from '../types';

/** A web server and a PHP FastCGI pool, the pair the examples group. */
const WEB = `[program:nginx]
command=/usr/sbin/nginx -g "daemon off;"

[fcgi-program:php]
command=/usr/bin/php-cgi
socket=unix:///run/php/php-fcgi.sock
process_name=%(program_name)s_%(process_num)02d
numprocs=4
`;

export const fcgiProgramInGroup = defineRule({
  id: 'config/fcgi-program-in-group',
  severity: 'warning',
  summary: 'An `[fcgi-program:x]` listed in a `[group:y]`: supervisord then runs it as a plain program and never creates its socket.',
  docs: {
    what: `A name in a \`[group:y]\` \`programs=\` list that is an \`[fcgi-program:x]\` of the same file. The name in the list is
marked.`,
    why: `supervisord builds a group's members as plain programs, whatever their section's kind. An fcgi-program taken into a
group therefore loses everything that makes it one: its \`socket\`, \`socket_owner\`, \`socket_mode\` and \`socket_backlog\`
are never read, no socket is created, and its processes start without the socket that a FastCGI server expects on its
standard input. The file loads without a word (even with no \`socket\` at all), and the application fails only when it
runs.`,
    fix: `Take the fcgi-program out of the group. An \`[fcgi-program:x]\` is a group of its own already, so \`supervisorctl start x:*\`
still starts all its processes together:
\`\`\`ini
[fcgi-program:php]
command=/usr/bin/php-cgi
socket=unix:///run/php/php-fcgi.sock
process_name=%(program_name)s_%(process_num)02d
numprocs=4

[group:web]
programs=nginx
\`\`\``,
    references: [
      "Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.process_groups_from_parser` (a group's members, `[fcgi-program:x]` ones included, are read with `ProcessConfig`; the fcgi-program loop skips every section a group took)",
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.process_groups_from_parser` (only that loop reads `socket` and makes a `FastCGIGroupConfig`)',
    ],
  },
  examples: [
    {
      config: `${WEB}
[group:web]
programs=nginx,«php»
`,
    },
    {
      title: 'The fcgi-program stands alone: it keeps its socket',
      config: `${WEB}
[group:web]
programs=nginx
`,
    },
  ],
  check({ model }) {
    const findings: Finding[] = [];
    for (const group of model.groups)
      for (const member of group.members) {
        const program = member.name === undefined ? undefined : model.section(`fcgi-program:${member.name}`);
        // A [program:x] of the same name is the one a group takes (the loader refuses the pair as ambiguous).
        if (!program || model.section(`program:${member.name}`)) continue;
        findings.push({
          range: member.range,
          message: `[${group.section.name}] lists [${program.name}]: supervisord runs a grouped fcgi-program as a plain program, so it never creates its socket and the FastCGI processes start without one. Take it out of the group.`,
        });
      }
    return findings;
  },
});
