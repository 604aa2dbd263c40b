import type { Program } from '../../analysis/model';
import { appendToValue, insertLinesAfter } from '../edits';
import { entryRead, ownLine } from '../mergedSections';
import type { Finding, Fix, FixMaker, RuleContext } from '../types';
import { defineRule } from '../define';
import { memmonPrograms } from './listeners';
import { configuredEnvironment, rpcReach } from './rpcServer';

const CREDENTIALS = ['SUPERVISOR_USERNAME', 'SUPERVISOR_PASSWORD'] as const;

const SERVER = `[unix_http_server]
file=/run/supervisor.sock
username=memmon
password=s3cret

[rpcinterface:supervisor]
supervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface
`;

export const rpcAuthMissing = defineRule({
  id: 'memmon/rpc-auth-missing',
  severity: 'warning',
  scope: 'section',
  summary: 'memmon talks to an HTTP server that asks for a login, and its environment= gives no SUPERVISOR_USERNAME/PASSWORD.',
  docs: {
    what: `A memmon event listener whose supervisord HTTP server (the \`[unix_http_server]\` when there is one, else the
\`[inet_http_server]\`) sets \`username\`/\`password\`, while neither the listener's \`environment=\` nor
\`[supervisord]\`'s gives \`SUPERVISOR_USERNAME\` and \`SUPERVISOR_PASSWORD\`. Judged on the whole configuration; listeners
pointed elsewhere (\`serverurl=\`, \`SUPERVISOR_SERVER_URL\`) are not.`,
    why: `supervisord tells its children where its server is (\`SUPERVISOR_SERVER_URL\`) but never how to log in: memmon's XML-RPC
client takes the user name and password from \`SUPERVISOR_USERNAME\` and \`SUPERVISOR_PASSWORD\` in its environment, empty
when unset. The server then answers every call with 401 Unauthorized, and memmon dies at its first tick; supervisord
restarts it, and it dies again. It works only if supervisord itself was started with both variables in its
environment, which a config cannot show: silence the rule then.`,
    fix: `Give the listener the credentials of the server:

\`\`\`ini
[eventlistener:memmon]
command=memmon -p worker=512MB
events=TICK_60
environment=SUPERVISOR_USERNAME="memmon",SUPERVISOR_PASSWORD="s3cret"
\`\`\`

The quick fix copies them from the server section; it is not offered when the password is stored as a \`{SHA}\` hash,
since the client needs the password itself.`,
    references: [
      'Supervisor 4.2.5 `supervisor/childutils.py`: `getRPCTransport` (credentials from the environment, empty by default)',
      'Supervisor 4.2.5 `supervisor/process.py`: `Subprocess._spawn_as_child` (sets SUPERVISOR_SERVER_URL, never credentials)',
      "Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.read_config` ([supervisord] environment= merged into every process's)",
      'Supervisor 4.2.5 `supervisor/xmlrpc.py`: `SupervisorTransport.request` (a non-200 answer raises)',
      'superlance 2.0 `superlance/memmon.py`: `main`, `Memmon.runforever`',
    ],
  },
  examples: [
    {
      config: `[supervisord]\n\n${SERVER}\n[eventlistener:memmon]\ncommand=«memmon» -a 1GB\nevents=TICK_60\n`,
      fixed: `[supervisord]\n\n${SERVER}\n[eventlistener:memmon]\ncommand=memmon -a 1GB\nevents=TICK_60\nenvironment=SUPERVISOR_USERNAME="memmon",SUPERVISOR_PASSWORD="s3cret"\n`,
    },
    {
      title: 'Credentials given to every process',
      config: `[supervisord]\nenvironment=SUPERVISOR_USERNAME="memmon",SUPERVISOR_PASSWORD="s3cret"\n\n${SERVER}\n[eventlistener:memmon]\ncommand=memmon -a 1GB\nevents=TICK_60\n`,
    },
  ],
  fixes: { credentials: { title: 'Copy the server credentials into the listener environment', safe: false } },
  check(context, fix) {
    const { model } = context;
    // Most files have no memmon: the rest of the configuration is read only for those that do.
    const listeners = memmonPrograms(context);
    if (listeners.length === 0 || !context.complete) return [];
    return listeners.flatMap(({ program, command, memmon }): Finding[] => {
      if (program.kind !== 'eventlistener') return [];
      const reach = rpcReach(program, model, context);
      if (reach.kind !== 'server') return [];
      const username = reach.model.lookup(reach.section, 'username')?.value;
      const password = reach.model.lookup(reach.section, 'password')?.value;
      if (username === undefined) return [];
      const env = configuredEnvironment(program, model, context);
      const missing = CREDENTIALS.filter((name) => !env.has(name));
      if (missing.length === 0) return [];
      const word = memmon.words[memmon.programWordIndex];
      return [
        {
          range: command.rangeOf(word.start, word.end),
          message: `[${reach.section.name}] asks for a login, but memmon gets no ${missing.join(' or ')}: supervisord never passes credentials to listeners, so every call memmon makes is refused and it dies at its first tick.`,
          fixes: credentialsFix(
            context,
            program,
            { SUPERVISOR_USERNAME: username, SUPERVISOR_PASSWORD: password },
            missing,
            fix.credentials,
          ),
        },
      ];
    });
  },
});

function credentialsFix(
  context: RuleContext,
  program: Program,
  values: Record<string, string | undefined>,
  missing: readonly string[],
  make: FixMaker,
): Fix[] {
  const { model } = context;
  const pairs = missing.map((name) => [name, values[name]?.trim()] as const);
  // A hashed password is useless to the client; a quote would end the quoted value.
  if (pairs.some(([, value]) => value === undefined || value.startsWith('{SHA}') || value.includes('"'))) return [];
  // An environment= of [DEFAULT] or of another file's copy of the section: a line of the listener's own would replace
  // it, and the variables it sets with it.
  const read = entryRead(context, program.section, 'environment');
  if (read && !ownLine(model, program.section, read)) return [];
  const text = pairs.map(([name, value]) => `${name}="${value}"`).join(',');
  const entry = read?.entry;
  const edit = entry
    ? appendToValue(entry, entry.value.trim() ? `,${text}` : text)
    : insertLinesAfter(model.file, program.section.nodes[program.section.nodes.length - 1].range.end.line, `environment=${text}`);
  return [make([edit], { title: `Add ${missing.join(' and ')} to environment=`, preferred: true })];
}
