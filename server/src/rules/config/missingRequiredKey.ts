import { knownSections, schemaReadFor } from '../../analysis/sectionValues';
import { requiredKeys } from '../../schema';
import { insertLinesAfter } from '../edits';
import type { Finding, Fix } from '../types';
import { defineRule } from '../define';
import { entryRead, runsNoProcess } from '../mergedSections';

const MAIN_RPC_FACTORY = 'supervisor.rpcinterface:make_main_rpcinterface';

export const missingRequiredKey = defineRule({
  id: 'config/missing-required-key',
  severity: 'error',
  scope: 'section',
  summary: 'A section without a key supervisord requires (command, events, socket, port, file, files, the rpcinterface factory).',
  docs: {
    what: `A section without a key that its reader cannot do without:
- \`command\` in \`[program:x]\`, \`[fcgi-program:x]\` and \`[eventlistener:x]\` (not needed with \`numprocs=0\`, in the section or in
  another file's copy of it: no process is built, so the command is never read);
- \`events\` in \`[eventlistener:x]\`; \`socket\`, not empty, in \`[fcgi-program:x]\`;
- \`port\` in \`[inet_http_server]\`, \`file\` in \`[unix_http_server]\`, \`files\` in the main file's \`[include]\`;
- \`supervisor.rpcinterface_factory\` in \`[rpcinterface:x]\`, and \`supervisor.ctl_factory\` in \`[ctlplugin:x]\` (read by
  supervisorctl).

A key set in \`[DEFAULT]\` counts, as it does for the loader, and so does a key set in another file's copy of the
section (supervisord merges the copies; \`config/duplicate-section-across-files\` reports them), or another file's
\`[DEFAULT]\` (supervisord's parser has one \`[DEFAULT]\` for all its files). \`[include]\` and \`[ctlplugin:x]\` in an included file are
not checked: neither supervisord nor supervisorctl ever reads them there.`,
    why: `The loader stops at the first section that lacks one of these keys, so supervisord refuses to start (or
\`supervisorctl reread\` refuses the new file) and none of the programs run. A \`[ctlplugin:x]\` without its factory
makes every supervisorctl command fail instead.`,
    fix: `Add the key. The usual lines are:
\`\`\`ini
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO

[eventlistener:memmon]
command=memmon -p worker=1GB
events=TICK_60

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
\`\`\`
For \`[rpcinterface:supervisor]\`, the section every packaged config has, the quick fix adds the standard factory.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions._processes_from_section` (`command`, read once per process), `ServerOptions.process_groups_from_parser` (`events`, fcgi `socket`), `ServerOptions.server_configs_from_parser` (`port`, `file`), `ServerOptions.read_config` (`[include]` `files`, read from the main file only), `Options.get_plugins` (`supervisor.rpcinterface_factory`)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ClientOptions.read_config` (`supervisor.ctl_factory`, main file only)',
    ],
  },
  examples: [
    {
      title: 'The standard rpcinterface section without its factory',
      config:
        '[supervisord]\nlogfile=/var/log/supervisor/supervisord.log\n\n«[rpcinterface:supervisor]»\n\n[unix_http_server]\nfile=/run/supervisor.sock\n',
      fixed:
        '[supervisord]\nlogfile=/var/log/supervisor/supervisord.log\n\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n[unix_http_server]\nfile=/run/supervisor.sock\n',
    },
    {
      title: 'A program without a command',
      config: '«[program:worker]»\ndirectory=/srv/app\nuser=celery\n',
    },
    {
      title: 'An event listener without events',
      config: '«[eventlistener:memmon]»\ncommand=/srv/app/venv/bin/memmon -p worker=1GB\n',
    },
    {
      title: 'numprocs=0 builds no process, so no command is read',
      config: '[program:worker]\nnumprocs=0\n',
    },
    {
      title: "Another file's copy of the section sets the command (supervisord merges the two)",
      path: '/etc/supervisor/conf.d/worker-override.conf',
      config: '[program:worker]\nautostart=false\n',
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/worker.conf':
          '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n',
      },
    },
    {
      title: "An included file's [include] is never read",
      config: '[include]\n\n[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO\nstopwaitsecs=600\n',
    },
  ],
  fixes: { addFactory: { title: 'Add the main rpcinterface factory', safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const known = knownSections(model);
    for (let i = 0; i < known.length; i++) {
      const { section, schema } = known[i];
      // In an included file nothing ever reads them (config/section-ignored-in-included-file says so).
      if ((model.isFragment || context.included) && schema.mainConfigOnly) continue;
      const program = model.programOf(section);
      for (const key of requiredKeys(schemaReadFor(schema, program))) {
        // As the loader reads the section: merged with its copies in other files (an override file), else from [DEFAULT],
        // which may be another file's.
        const found = entryRead(context, section, key.name);
        // An empty socket is refused like a missing one; numprocs=0 builds no process, so no command is read.
        if (found && !(key.name === 'socket' && found.entry.value === '')) continue;
        if (key.name === 'command' && program && runsNoProcess(context, program)) continue;
        const entry = found?.model === model ? found.entry : undefined;
        const header = section.nodes[0];
        const fixes: Fix[] = [];
        if (key.name === 'supervisor.rpcinterface_factory' && section.arg === 'supervisor') {
          const last = section.nodes[section.nodes.length - 1];
          fixes.push(
            fix.addFactory([insertLinesAfter(model.file, last.range.end.line, `${key.name} = ${MAIN_RPC_FACTORY}`)], {
              title: `Add ${key.name} = ${MAIN_RPC_FACTORY}`,
              preferred: true,
            }),
          );
        }
        findings.push({
          range: entry ? entry.range : header.headerRange,
          message: `[${section.name}] requires a "${key.name}" line: ${key.description}`,
          fixes,
        });
      }
    }
    return findings;
  },
});
