import { isTcpFcgiSocket } from '../../analysis/valueCheck';
import { defineRule } from '../define';

export const fcgiSocketOptions = defineRule({
  id: 'config/fcgi-socket-options',
  severity: 'error',
  scope: 'section',
  summary: '`socket_owner` or `socket_mode` on an fcgi-program whose socket is not a UNIX socket: supervisord refuses it.',
  docs: {
    what: `\`socket_owner\` or \`socket_mode\` in an \`[fcgi-program:x]\` whose \`socket\` is not a \`unix://\` socket (in practice a TCP
socket, \`tcp://host:port\`). Each of the two keys is marked.`,
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
  ],
  check({ model }) {
    return model.programs.flatMap((program) => {
      // A grouped fcgi-program's socket keys are never read (config/fcgi-program-in-group says so).
      if (program.kind !== 'fcgi-program' || program.inGroup) return [];
      const socket = model.lookup(program.section, 'socket');
      if (!socket || !isTcpFcgiSocket(socket.value)) return [];
      return (['socket_owner', 'socket_mode'] as const).flatMap((key) => {
        const entry = model.lookup(program.section, key);
        return entry
          ? [
              {
                range: entry.range,
                message: `[${program.section.name}] socket_owner and socket_mode params should only be used with a Unix domain socket (this one is ${socket.value})`,
              },
            ]
          : [];
      });
    });
  },
});
