import { knownSections } from '../../analysis/sectionValues';
import { entryRead } from '../mergedSections';
import { defineRule } from '../define';
import type { Finding } from '../types';

export const incompleteAuth = defineRule({
  id: 'config/incomplete-auth',
  severity: 'error',
  scope: 'section',
  summary: 'An HTTP server section with `username` but no `password` (or the reverse): supervisord refuses it.',
  docs: {
    what: `A \`[unix_http_server]\` or \`[inet_http_server]\` that sets \`username\` without \`password\`, or \`password\` without
\`username\` (a value inherited from \`[DEFAULT]\` counts). The key that is present is marked. Copies of the section in several files of a configuration count as supervisord merges them: each key is read from the
last file that sets it.
A conf.d file may add the password the main config's section lacks.`,
    why: `supervisord refuses half-configured authentication when it reads the config ("contains incomplete
authentication") rather than guess whether you wanted a login, and does not start at all.`,
    fix: `Set both, or remove both. \`password\` may be clear text or \`{SHA}\` followed by the hex SHA-1 of the password:
\`\`\`ini
[inet_http_server]
port=127.0.0.1:9001
username=admin
password={SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d
\`\`\`
Give \`[supervisorctl]\` the same \`username\` and the clear-text \`password\`, or it is turned away.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions._parse_username_and_password`, called by `ServerOptions.server_configs_from_parser`',
      'Supervisor 4.2.5 `supervisor/http.py`: `encrypted_dictionary_authorizer.authorize` (`{SHA}` passwords)',
    ],
  },
  examples: [
    {
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[inet_http_server]
port=127.0.0.1:9001
«username=admin»
`,
    },
    {
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[unix_http_server]
file=/run/supervisor.sock
«password=s3cret»
`,
    },
    {
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[inet_http_server]
port=127.0.0.1:9001
username=admin
password={SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d
`,
    },
    {
      title: 'The password in a conf.d copy of the section: supervisord merges the two',
      path: '/etc/supervisor/supervisord.conf',
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[inet_http_server]
port=127.0.0.1:9001
username=admin

[include]
files = conf.d/*.conf
`,
      files: {
        '/etc/supervisor/conf.d/secret.conf': '[inet_http_server]\npassword={SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d\n',
      },
    },
  ],
  check(context) {
    const { model } = context;
    const findings: Finding[] = [];
    for (const { section, schema } of knownSections(model)) {
      if (schema.kind !== 'unix_http_server' && schema.kind !== 'inet_http_server') continue;
      // Copies of the section in other files merge with this one (a conf.d file adding the password).
      const username = entryRead(context, section, 'username');
      const password = entryRead(context, section, 'password');
      if (!username === !password) continue;
      const present = (username ?? password)!;
      // Another file's line: that file reports it.
      if (present.model !== model) continue;
      const missing = username ? 'password' : 'username';
      findings.push({
        range: present.entry.range,
        message: `Section [${section.name}] contains incomplete authentication: it sets ${present.entry.key} without ${missing}. Set both, or neither.`,
      });
    }
    return findings;
  },
});
