import { defineRule } from '../define';
import { httpServers, inetAddress } from '../../analysis/httpServers';

const DEFAULT_SERVER_URL = 'http://localhost:9001';

/** The port of an `http://host:port` URL (80 when none is given). */
function httpPort(url: string): number | undefined {
  const match = /^https?:\/\/(?:\[[^\]]*\]|[^/:]*)(?::(\d+))?(?:\/|$)/i.exec(url);
  return match ? Number(match[1] ?? 80) : undefined;
}

export const supervisorctlUnreachable = defineRule({
  id: 'config/supervisorctl-unreachable',
  severity: 'warning',
  summary:
    '[supervisorctl] has no way to reach supervisord: no matching [unix_http_server]/[inet_http_server], or no [rpcinterface:supervisor].',
  docs: {
    what: `A main config whose \`[supervisorctl]\` cannot talk to the supervisord it configures:
- \`serverurl=unix:///path\` without a \`[unix_http_server]\`, or with one whose \`file\` is another path;
- \`serverurl=http://host:port\` (or no \`serverurl\`: the default is \`http://localhost:9001\`) without an
  \`[inet_http_server]\`, or with one listening on another port;
- no \`[rpcinterface:supervisor]\` section.

Like the loader, it takes every section whose name starts with \`unix_http_server\` or \`inet_http_server\` as a server
(\`[inet_http_server:main]\` too).

The \`serverurl\` line is marked, or the \`[supervisorctl]\` header when there is none. Configs with an \`[include]\` are not
checked, since the missing section may live in an included file, and neither are values that use \`%(...)s\`. Nor is a file
that a main config near it includes (a conf.d file with a \`[supervisord]\` of its own, as Docker images write):
supervisorctl reads the main config only, never its includes.`,
    why: `supervisord starts happily, but \`supervisorctl status\`, \`restart\` and \`update\` fail: with "no such file" or
"refused connection" when nothing listens where \`serverurl\` points, or, without \`[rpcinterface:supervisor]\`, with
"supervisord responded but did not recognize the supervisor namespace commands", since the \`supervisor.*\` methods
supervisorctl calls come from that section's factory. It is usually found out during a deploy or an incident.`,
    fix: `Point \`serverurl\` at the server supervisord runs and enable the RPC interface:
\`\`\`ini
[unix_http_server]
file=/run/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix:///run/supervisor.sock
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ClientOptions.read_config` (`serverurl` defaults to `http://localhost:9001`)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.server_configs_from_parser` (`[unix_http_server] file`, `[inet_http_server] port`) and `Options.get_plugins` (`[rpcinterface:x]` factories)',
      'Supervisor 4.2.5 `supervisor/supervisorctl.py`: `Controller.upcheck` (the errors supervisorctl reports)',
    ],
  },
  examples: [
    {
      title: 'The socket path of one distribution, the serverurl of another',
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[unix_http_server]
file=/var/run/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
«serverurl=unix:///tmp/supervisor.sock»
`,
    },
    {
      title: 'No serverurl: supervisorctl tries http://localhost:9001',
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[unix_http_server]
file=/run/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

«[supervisorctl]»
`,
    },
    {
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[inet_http_server]
port=127.0.0.1:9001

[supervisorctl]
«serverurl=http://127.0.0.1:9001»
`,
    },
    {
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[unix_http_server]
file=/run/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix:///run/supervisor.sock
`,
    },
    {
      title: 'A conf.d file with a [supervisord] of its own, included by a main config that has the servers',
      path: '/etc/supervisor/conf.d/app.conf',
      config: `[supervisord]
nodaemon=true

[supervisorctl]
serverurl=unix:///run/supervisor.sock
`,
      files: {
        '/etc/supervisor/supervisord.conf':
          '[unix_http_server]\nfile=/run/supervisor.sock\n\n[supervisord]\n\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n[supervisorctl]\nserverurl=unix:///run/supervisor.sock\n\n[include]\nfiles = conf.d/*.conf\n',
      },
    },
  ],
  check({ model, included }) {
    const ctl = model.section('supervisorctl');
    if (!ctl || model.isFragment || included || model.section('include')) return [];
    const serverurlEntry = model.lookup(ctl, 'serverurl');
    const serverurl = serverurlEntry?.value ?? DEFAULT_SERVER_URL;
    const range = serverurlEntry?.range ?? ctl.nodes[0].headerRange;
    if (serverurl.includes('%(')) return [];
    const problems: string[] = [];
    if (serverurl.startsWith('unix://')) {
      const path = serverurl.slice('unix://'.length);
      const files = httpServers(model, 'unix_http_server').map((server) => model.lookup(server, 'file')?.value);
      if (files.length === 0) problems.push(`serverurl=${serverurl} needs a [unix_http_server] section, and there is none`);
      else if (!files.some((file) => file === undefined || file === path || file.includes('%('))) {
        problems.push(`serverurl=${serverurl} does not match the [unix_http_server] socket (file=${files.join(', ')})`);
      }
    } else {
      const port = httpPort(serverurl);
      const ports = httpServers(model, 'inet_http_server').map((server) => model.lookup(server, 'port')?.value);
      if (port !== undefined && ports.length === 0) {
        problems.push(
          `serverurl=${serverurl}${serverurlEntry ? '' : ' (the default)'} needs an [inet_http_server] section, and there is none`,
        );
      } else if (port !== undefined && !ports.some((p) => p === undefined || p.includes('%(') || inetAddress(p)?.port === port)) {
        problems.push(`serverurl=${serverurl} does not match the [inet_http_server] port (port=${ports.join(', ')})`);
      }
    }
    if (!model.section('rpcinterface:supervisor')) {
      problems.push("there is no [rpcinterface:supervisor] section, so supervisord answers none of supervisorctl's calls");
    }
    return problems.map((problem) => ({ range, message: `supervisorctl cannot reach supervisord: ${problem}` }));
  },
});
