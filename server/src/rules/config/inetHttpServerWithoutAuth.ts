import { asksForLogin, httpServers, inetAddress } from '../../analysis/httpServers';
import { defineRule } from '../define';
import { replaceValue } from '../edits';
import type { Finding } from '../types';

/** Hosts only this machine reaches. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|ip6-localhost|::1|\[::1\])$/;
/** Hosts that bind every interface: none (supervisor's inet_address makes `*` none too), and the wildcard addresses. */
const EVERY_INTERFACE = new Set(['', '0.0.0.0', '::', '[::]']);

export const inetHttpServerWithoutAuth = defineRule({
  id: 'config/inet-http-server-without-auth',
  severity: 'warning',
  scope: 'section',
  summary:
    'An `[inet_http_server]` listening beyond this machine without `username` and `password`: whoever reaches the port controls supervisord.',
  docs: {
    what: `An \`[inet_http_server]\` (or \`[inet_http_server:x]\`) without a \`username\` whose \`port\` listens on every interface
(\`9001\`, \`*:9001\`, \`0.0.0.0:9001\`) or on an address other machines reach. One bound to the loopback
(\`127.0.0.1\`, \`localhost\`, \`::1\`) is left alone, and so is \`[unix_http_server]\`, which the socket file's mode
protects; supervisord logs a CRITICAL line for every server without a login, those too.`,
    why: `Without a username supervisord checks no credentials at all: anyone who can open a connection to the port can, through
\`supervisorctl -s http://host:9001\`, the web page or XML-RPC, stop, start and signal every process, read their logs
(and the secrets in them), clear them, and shut supervisord down. Scanners find such ports on the internet.`,
    fix: `Listen on the loopback only, and give the server a login (the \`[supervisorctl]\` that talks to it needs the same):
\`\`\`ini
[inet_http_server]
port=127.0.0.1:9001
username=admin
password={SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/http.py`: `make_http_servers` (without a username no authentication handler is installed, and a CRITICAL line is logged)',
      'Supervisor 4.2.5 `supervisor/datatypes.py`: `inet_address` (an empty host or `*` binds every interface)',
    ],
  },
  examples: [
    {
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[inet_http_server]
«port=*:9001»

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
`,
      fixed: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[inet_http_server]
port=127.0.0.1:9001

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
`,
    },
    {
      title: 'On the loopback, or with a login',
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[inet_http_server]
port=127.0.0.1:9001

[inet_http_server:remote]
port=*:9002
username=admin
password={SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
`,
    },
  ],
  fixes: { loopback: { title: 'Listen on 127.0.0.1 only', safe: false } },
  check({ model }, fix) {
    const findings: Finding[] = [];
    for (const section of httpServers(model, 'inet_http_server')) {
      if (asksForLogin(model, section)) continue;
      const port = model.lookup(section, 'port');
      // A value that only the server's environment completes is not judged.
      const address = port && !port.value.includes('%') ? inetAddress(port.value) : undefined;
      if (!port || !address || LOOPBACK.test(address.host)) continue;
      const where = EVERY_INTERFACE.has(address.host) ? 'every interface' : address.host;
      const own = section.entries.get('port') === port;
      findings.push({
        range: own ? port.range : section.nodes[0].headerRange,
        message: `[${section.name}] listens on ${where} (port=${port.value}) without username and password: anyone who reaches port ${address.port} can stop, start and signal every process and read their logs. Listen on 127.0.0.1, or set username and password.`,
        fixes: own ? [fix.loopback([replaceValue(port, `127.0.0.1:${address.port}`)], { preferred: true })] : [],
      });
    }
    return findings;
  },
});
