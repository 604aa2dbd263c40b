import { knownSections } from '../../analysis/sectionValues';
import { insertLinesAfter } from '../edits';
import type { Finding, Fix } from '../types';
import { defineRule } from '../define';

const MAIN_RPC_FACTORY = 'supervisor.rpcinterface:make_main_rpcinterface';

export const missingRequiredKey = defineRule({
  id: 'config/missing-required-key',
  severity: 'error',
  summary: 'A section without a key supervisord requires (command, events, socket, port, file, files, the rpcinterface factory).',
  docs: {
    what: `A section without the key supervisord cannot do without:
- \`command\` in \`[program:x]\`, \`[fcgi-program:x]\` and \`[eventlistener:x]\`;
- \`events\` in \`[eventlistener:x]\`; \`socket\` (not empty) in \`[fcgi-program:x]\`;
- \`port\` in \`[inet_http_server]\`, \`file\` in \`[unix_http_server]\`, \`files\` in \`[include]\`;
- \`supervisor.rpcinterface_factory\` in \`[rpcinterface:x]\`.

A program with \`numprocs=0\` builds no processes, so its command is never read and not required.`,
    why: `supervisord refuses the whole configuration when one of these is missing, so nothing starts.`,
    fix: `\`\`\`ini
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
\`\`\``,
    references: [],
  },
  examples: [],
  fixes: { addFactory: { title: 'Add the main rpcinterface factory', safe: true } },
  check({ model }, fix) {
    const findings: Finding[] = [];
    for (const { section, schema } of knownSections(model)) {
      const program = model.programOf(section);
      for (const key of schema.keys) {
        if (!key.required) continue;
        const entry = model.lookup(section, key.name);
        // An empty socket is refused like a missing one; numprocs=0 builds no process, so no command is read.
        if (entry && !(key.name === 'socket' && entry.value === '')) continue;
        if (key.name === 'command' && program && program.numprocs <= 0) continue;
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
