import { httpServers } from '../../analysis/httpServers';
import { knownSections } from '../../analysis/sectionValues';
import type { Entry } from '../../parser';
import { closest, isLikelyTypo } from '../../util/closest';
import { replaceValue } from '../edits';
import type { Finding } from '../types';
import { defineRule } from '../define';
import { oncePerEntry } from './shared';

const FACTORY_KEY = 'supervisor.rpcinterface_factory';
const MAIN_FACTORY = 'supervisor.rpcinterface:make_main_rpcinterface';

/**
 * The callables of the supervisor package each key may name (none of them takes a keyword argument). The main factory
 * only instantiates SupervisorNamespaceRPCInterface with supervisord, so naming the class works the same.
 */
const SUPERVISOR_CALLABLES: Record<string, { what: string; names: readonly string[] }> = {
  [FACTORY_KEY]: { what: 'an RPC interface factory', names: [MAIN_FACTORY, 'supervisor.rpcinterface:SupervisorNamespaceRPCInterface'] },
  result_handler: { what: 'a result handler', names: ['supervisor.dispatchers:default_handler'] },
};

const normalise = (spec: string) => spec.replace(/\s+/g, '');
const inSupervisorPackage = (spec: string) => /^supervisor(\.|:|$)/.test(normalise(spec));

export const pluginFactory = defineRule({
  id: 'config/plugin-factory',
  severity: 'error',
  scope: 'section',
  summary: "A factory or result handler in the supervisor package that is not one, or that cannot take the section's other keys.",
  docs: {
    what: `- \`supervisor.rpcinterface_factory\` in an \`[rpcinterface:x]\`, or \`result_handler\` in an \`[eventlistener:x]\`, that names
  something in the \`supervisor\` package other than its factory (\`supervisor.rpcinterface:make_main_rpcinterface\`, or the
  \`SupervisorNamespaceRPCInterface\` class it instantiates) or its
  handler (\`supervisor.dispatchers:default_handler\`), such as \`supervisor.rpcinterface:make_main_rpc_interface\`;
- when the config has an HTTP server, any other key of an \`[rpcinterface:x]\` that uses the main factory (for example
  a stray \`retries=3\`), and any key of \`[DEFAULT]\`: supervisord passes them all to the factory as keyword arguments,
  and it accepts none.

The line is marked. Factories and handlers from other packages (superlance, your own plugins) are
not checked, since they may not be installed here.`,
    why: `supervisord imports every factory and result handler while it reads the config; a name that cannot be imported
stops it there ("cannot be resolved within [...]"). When it sets up its HTTP servers it calls each factory with the
section's other keys, \`[DEFAULT]\` ones included; a key the factory does not take stops it at start-up ("Could not
make supervisor rpc interface").`,
    fix: `Name the factory exactly, and keep nothing else in its section:
\`\`\`ini
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
\`\`\`
Move \`[DEFAULT]\` keys into the sections that need them, or drop \`[DEFAULT]\` from the main config.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `Options.get_plugins` (imports each factory, collects every other key of its section) and `Options.import_spec`',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.process_groups_from_parser` (imports `result_handler`)',
      'Supervisor 4.2.5 `supervisor/http.py`: `make_http_servers` (calls each factory with those keys)',
      'Supervisor 4.2.5 `supervisor/rpcinterface.py`: `make_main_rpcinterface`; `supervisor/dispatchers.py`: `default_handler`',
      "CPython `Lib/configparser.py`: `RawConfigParser.options` (a section's keys include `[DEFAULT]`'s)",
    ],
  },
  examples: [
    {
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[rpcinterface:supervisor]
«supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpc_interface»
`,
      fixed: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
`,
    },
    {
      title: 'Keys the factory would be called with',
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[DEFAULT]
«autorestart=true»

[unix_http_server]
file=/run/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
«retries=3»
`,
    },
    {
      title: "A plugin's factory takes its own keys",
      config: `[supervisord]
logfile=/var/log/supervisor/supervisord.log

[unix_http_server]
file=/run/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[rpcinterface:twiddler]
supervisor.rpcinterface_factory = supervisor_twiddler.rpcinterface:make_twiddler_rpcinterface
retries=3
`,
    },
  ],
  fixes: { rename: { title: 'Change to the closest callable', safe: true } },
  check({ model }, fix) {
    const findings: Finding[] = [];
    const sections = knownSections(model);
    // Looked for once a section names the main factory: most files have none.
    let httpServer: boolean | undefined;
    const defaults = model.section('DEFAULT');
    for (const { section, schema } of sections) {
      const key = schema.kind === 'rpcinterface' ? FACTORY_KEY : schema.kind === 'eventlistener' ? 'result_handler' : undefined;
      const entry = key && model.lookup(section, key);
      if (!entry || !inSupervisorPackage(entry.value) || entry.value.includes('%(')) continue;
      const spec = normalise(entry.value);
      const known = SUPERVISOR_CALLABLES[key];
      if (!known.names.includes(spec)) {
        const best = closest(spec, known.names);
        const typo = best && isLikelyTypo(spec, best.distance);
        findings.push({
          range: entry.range,
          message: `[${section.name}] ${entry.value} is not ${known.what} of the supervisor package${typo ? ` (did you mean ${best.value}?)` : ''}: supervisord cannot use it (a name it cannot import stops it with "cannot be resolved")`,
          fixes: typo ? [fix.rename([replaceValue(entry, best.value)], { title: `Change to ${best.value}`, preferred: true })] : [],
        });
        continue;
      }
      // supervisord calls each rpcinterface factory with the section's other keys, [DEFAULT]'s included, when its
      // HTTP server starts.
      if (key !== FACTORY_KEY) continue;
      httpServer ??= httpServers(model, 'unix_http_server').length > 0 || httpServers(model, 'inet_http_server').length > 0;
      if (!httpServer) continue;
      const own = [...section.entries.values()].filter((extra) => extra.key !== key);
      const inherited = [...(defaults?.entries.values() ?? [])].filter((extra) => extra.key !== key && !section.entries.has(extra.key));
      const extra = (e: Entry, from: string) => ({
        range: e.range,
        message: `[${from}] ${e.key}: ${spec} takes no "${e.key}" argument, so supervisord fails at start-up when it builds the interface${from === 'DEFAULT' ? ' ([DEFAULT] keys are passed to every factory)' : ''}`,
      });
      findings.push(...own.map((e) => extra(e, section.name)), ...inherited.map((e) => extra(e, 'DEFAULT')));
    }
    return oncePerEntry(findings);
  },
});
