import { isTcpFcgiSocket } from '../../analysis/valueCheck';
import { defineRule } from '../define';

export const fcgiSocketOptions = defineRule({
  id: 'config/fcgi-socket-options',
  severity: 'error',
  summary: '`socket_owner` or `socket_mode` on an fcgi-program whose socket is not a UNIX socket: supervisord refuses it.',
  docs: {
    what: `\`socket_owner\` or \`socket_mode\` in an \`[fcgi-program:x]\` whose \`socket\` is a TCP socket (\`tcp://host:port\`).`,
    why: `Ownership and permissions only exist for a socket file. supervisord refuses these keys on a TCP socket and does not
start.`,
    fix: `Remove the keys, or use a UNIX socket:
\`\`\`ini
[fcgi-program:app]
command=/srv/app/bin/app.fcgi
socket=unix:///run/app.sock
socket_owner=www-data
socket_mode=0660
\`\`\``,
    references: [],
  },
  examples: [],
  check({ model }) {
    return model.programs.flatMap((program) => {
      if (program.kind !== 'fcgi-program') return [];
      const socket = model.lookup(program.section, 'socket');
      if (!socket || !isTcpFcgiSocket(socket.value)) return [];
      return (['socket_owner', 'socket_mode'] as const).flatMap((key) => {
        const entry = model.lookup(program.section, key);
        return entry ? [{ range: entry.range, message: `[${program.section.name}] socket_owner and socket_mode params should only be used with a Unix domain socket (this one is ${socket.value})` }] : [];
      });
    });
  },
});
