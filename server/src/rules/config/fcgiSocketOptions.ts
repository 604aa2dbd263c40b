import { isTcpFcgiSocket } from '../../analysis/valueCheck';
import type { Rule } from '../types';

export const fcgiSocketOptions: Rule = {
  id: 'config/fcgi-socket-options',
  severity: 'error',
  summary: '`socket_owner` or `socket_mode` on an fcgi-program whose socket is not a UNIX socket: supervisord refuses it.',
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
};
