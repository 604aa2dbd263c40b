import { asksForLogin, httpServers } from '../../analysis/httpServers';
import { parseOctal } from '../../analysis/valueCheck';
import { defineRule } from '../define';
import { replaceValue } from '../edits';
import type { Finding } from '../types';

/** The permission bit that lets every user of the machine connect to a UNIX socket. */
const OTHERS_WRITE = 0o002;

export const unixHttpServerOpenToAll = defineRule({
  id: 'config/unix-http-server-open-to-all',
  severity: 'warning',
  scope: 'section',
  summary:
    'A `[unix_http_server]` socket every user may write to (`chmod` with o+w) and no `username`: any local user or process controls supervisord.',
  docs: {
    what: `A \`[unix_http_server]\` (or \`[unix_http_server:x]\`) without a \`username\` whose \`chmod\` lets every user write to the
socket (\`0777\`, \`0766\`, \`0666\`, \`0702\`, ...). The default, \`0700\`, and modes that open it to the socket's group only
are left alone.`,
    why: `Connecting to a UNIX socket takes write permission on it, and without a username supervisord checks nothing else:
every user and process of the machine (a compromised web application's \`www-data\` too) can then, through
\`supervisorctl\` or XML-RPC, stop, start and signal every process supervisord runs, as root when it runs as root,
read their logs and the secrets in them, and shut supervisord down. supervisord logs a CRITICAL line at start about a
server without authentication.`,
    fix: `Keep the socket to its owner, or to a group (\`chown\`) for the users who run supervisorctl, or give it a login:
\`\`\`ini
[unix_http_server]
file=/run/supervisor.sock
chmod=0770
chown=root:supervisor
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/http.py`: `make_http_servers` (no authentication handler without a username) and `supervisor_af_unix_http_server` (chmod and chown of the socket)',
      'Linux `unix(7)`: connecting to a stream socket requires write permission on the socket file',
    ],
  },
  examples: [
    {
      config: `[unix_http_server]
file=/run/supervisor.sock
«chmod=0777»

[supervisord]
logfile=/var/log/supervisor/supervisord.log
`,
      fixed: `[unix_http_server]
file=/run/supervisor.sock
chmod=0700

[supervisord]
logfile=/var/log/supervisor/supervisord.log
`,
    },
    {
      title: 'Open to a group, or behind a login',
      config: `[unix_http_server]
file=/run/supervisor.sock
chmod=0770
chown=root:supervisor

[unix_http_server:shared]
file=/run/supervisor-shared.sock
chmod=0777
username=admin
password={SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d

[supervisord]
logfile=/var/log/supervisor/supervisord.log
`,
    },
  ],
  fixes: { ownerOnly: { title: 'Keep the socket to its owner: chmod=0700', safe: false } },
  check({ model }, fix) {
    const findings: Finding[] = [];
    for (const section of httpServers(model, 'unix_http_server')) {
      if (asksForLogin(model, section)) continue;
      const chmod = model.lookup(section, 'chmod');
      const mode = chmod && !chmod.value.includes('%') ? parseOctal(chmod.value) : undefined;
      if (!chmod || mode === undefined || mode < 0 || (mode & OTHERS_WRITE) === 0) continue;
      const own = section.entries.get('chmod') === chmod;
      findings.push({
        range: own ? chmod.range : section.nodes[0].headerRange,
        message: `[${section.name}] chmod=${chmod.value} lets every user of this machine connect to the socket, and without username and password supervisord asks nothing more: any local user or process can stop, start and signal every process and read their logs. Keep it to its owner (0700) or a group (0770 with chown), or set username and password.`,
        fixes: own ? [fix.ownerOnly([replaceValue(chmod, '0700')], { preferred: true })] : [],
      });
    }
    return findings;
  },
});
