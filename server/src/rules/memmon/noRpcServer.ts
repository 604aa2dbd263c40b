import type { Finding } from '../types';
import { defineRule } from '../define';
import { memmonPrograms } from './listeners';
import { rpcReach } from './rpcServer';

const INCLUDER = `[supervisord]

[unix_http_server]
file=/run/supervisor.sock

[include]
files=conf.d/*.conf
`;

export const noRpcServer = defineRule({
  id: 'memmon/no-rpc-server',
  severity: 'error',
  scope: 'section',
  summary: 'memmon in a configuration without an HTTP server or [rpcinterface:supervisor]: it cannot talk to supervisord.',
  docs: {
    what: `A memmon event listener in a configuration (the main config and every file it includes) that has no
\`[unix_http_server]\` or \`[inet_http_server]\`, or no \`[rpcinterface:supervisor]\`. Listeners given their own
\`serverurl=\` or a \`SUPERVISOR_SERVER_URL\` in \`environment=\` are not judged, nor files whose configuration is not
fully known.`,
    why: `memmon asks supervisord over XML-RPC for the process list and restarts processes with the same interface. It finds
supervisord through \`SUPERVISOR_SERVER_URL\`, which supervisord sets for its children only when it runs an HTTP server
(the UNIX socket first, else the TCP one). Without a server memmon stops at start-up with a \`KeyError\`: supervisord
counts a failed start, tries \`startretries\` times (3 by default) and leaves the listener FATAL. Without
\`[rpcinterface:supervisor]\` the server knows no \`supervisor.*\` method and memmon dies at its first tick, long after
it counted as started, so supervisord restarts it again and again. Either way no process is ever restarted for its
memory.`,
    fix: `Add both sections to the main config:

\`\`\`ini
[unix_http_server]
file=/run/supervisor.sock
chmod=0700

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
\`\`\``,
    references: [
      'superlance 2.0 `superlance/memmon.py`: `main` (`childutils.getRPCInterface(os.environ)`), `Memmon.runforever` (`supervisor.getAllProcessInfo`)',
      'Supervisor 4.2.5 `supervisor/childutils.py`: `getRPCTransport` (reads `SUPERVISOR_SERVER_URL`)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.realize` (the server URL given to children); `supervisor/process.py`: `Subprocess._spawn_as_child`',
      'Supervisor 4.2.5 `supervisor/http.py`: `make_http_servers`; `supervisor/xmlrpc.py`: `traverse` (UNKNOWN_METHOD without the namespace)',
    ],
  },
  examples: [
    {
      title: 'No HTTP server at all',
      config:
        '[supervisord]\n\n[program:worker]\ncommand=celery -A proj worker -l info\n\n[eventlistener:memmon]\ncommand=«memmon» -p worker=512MB\nevents=TICK_60\n',
    },
    {
      title: 'A fragment whose includer has a socket but no [rpcinterface:supervisor]',
      config:
        '[program:worker]\ncommand=celery -A proj worker -l info\n\n[eventlistener:memmon]\ncommand=«/srv/venv/bin/memmon» -p worker=512MB\nevents=TICK_60\n',
      files: { '/etc/supervisor/supervisord.conf': INCLUDER },
    },
    {
      title: 'The includer provides both',
      config:
        '[program:worker]\ncommand=celery -A proj worker -l info\n\n[eventlistener:memmon]\ncommand=memmon -p worker=512MB\nevents=TICK_60\n',
      files: {
        '/etc/supervisor/supervisord.conf': `${INCLUDER}\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n`,
      },
    },
    {
      title: 'A fragment alone: its includer is unknown',
      config: '[eventlistener:memmon]\ncommand=memmon -p worker=512MB\nevents=TICK_60\n',
    },
  ],
  check(context) {
    const { model } = context;
    // Most files have no memmon: the rest of the configuration is read only for those that do.
    const listeners = memmonPrograms(context);
    if (listeners.length === 0 || !context.complete) return [];
    return listeners.flatMap(({ program, command, memmon }): Finding[] => {
      if (program.kind !== 'eventlistener') return [];
      const reach = rpcReach(program, model, context);
      if (reach.kind !== 'missing') return [];
      const word = memmon.words[memmon.programWordIndex];
      return [{ range: command.rangeOf(word.start, word.end), message: `memmon cannot reach supervisord: ${reach.problem}.` }];
    });
  },
});
