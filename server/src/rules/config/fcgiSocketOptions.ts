import { isTcpFcgiSocket } from '../../analysis/valueCheck';
import { entryRead } from '../mergedSections';
import { defineRule } from '../define';
import type { Finding } from '../types';

/** The keys that shape a Unix socket's file, which a TCP socket does not have. */
const SOCKET_FILE_KEYS = ['socket_owner', 'socket_mode'];

export const fcgiSocketOptions = defineRule({
  id: 'config/fcgi-socket-options',
  severity: 'error',
  scope: 'section',
  summary: '`socket_owner` or `socket_mode` on an fcgi-program whose socket is not a UNIX socket: supervisord refuses it.',
  docs: {
    what: `\`socket_owner\` or \`socket_mode\` in an \`[fcgi-program:x]\` whose \`socket\` is not a \`unix://\` socket (in practice a TCP
socket, \`tcp://host:port\`). Each of the two keys is marked. Copies of the section in several files of a configuration count as supervisord merges them: each key is read from the
last file that sets it.`,
    why: `An owner and a permission mode only exist for a socket file. supervisord refuses these keys for any other socket
("should only be used with a Unix domain socket") when it reads the config, and does not start at all.`,
    fix: `Remove the keys, or switch to a UNIX socket, where they apply:
\`\`\`ini
[fcgi-program:app]
command=/srv/app/bin/app.fcgi
socket=unix:///run/app.sock
socket_owner=www-data
socket_mode=0660
\`\`\`
On a TCP socket, restrict who can connect with the address it binds (\`tcp://127.0.0.1:9000\`) or a firewall.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.parse_fcgi_socket`, called by `ServerOptions.process_groups_from_parser`',
    ],
  },
  examples: [
    {
      config: `[fcgi-program:app]
command=/srv/app/bin/app.fcgi
socket=tcp://127.0.0.1:9000
«socket_owner=www-data»
«socket_mode=0660»
`,
    },
    {
      config: `[fcgi-program:app]
command=/srv/app/bin/app.fcgi
socket=unix:///run/app.sock
socket_owner=www-data
socket_mode=0660
`,
    },
    {
      title: "A later file's copy of the section makes the socket a Unix one",
      path: '/etc/supervisor/conf.d/app.conf',
      config: `[fcgi-program:app]
command=/srv/app/bin/app.fcgi
socket=tcp://127.0.0.1:9000
socket_owner=www-data
`,
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/app.override.conf': '[fcgi-program:app]\nsocket=unix:///run/app.sock\n',
      },
    },
  ],
  check(context) {
    const { model } = context;
    const findings: Finding[] = [];
    for (const program of model.programs) {
      // A grouped fcgi-program's socket keys are never read (config/fcgi-program-in-group says so).
      if (program.kind !== 'fcgi-program' || program.inGroup) continue;
      // Copies of the section in other files merge with this one: each key is read from the last file that sets it.
      const socket = entryRead(context, program.section, 'socket')?.entry;
      if (!socket || !isTcpFcgiSocket(socket.value)) continue;
      for (const key of SOCKET_FILE_KEYS) {
        const found = entryRead(context, program.section, key);
        // Another file's line: that file reports it.
        if (found && found.model === model)
          findings.push({
            range: found.entry.range,
            message: `[${program.section.name}] socket_owner and socket_mode params should only be used with a Unix domain socket (this one is ${socket.value})`,
          });
      }
    }
    return findings;
  },
});
