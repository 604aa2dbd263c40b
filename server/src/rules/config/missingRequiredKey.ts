import { knownSections } from '../../analysis/sectionValues';
import { insertLinesAfter } from '../edits';
import type { Finding, Fix, Rule } from '../types';

const MAIN_RPC_FACTORY = 'supervisor.rpcinterface:make_main_rpcinterface';

export const missingRequiredKey: Rule = {
  id: 'config/missing-required-key',
  severity: 'error',
  summary: 'A section without a key supervisord requires (command, events, socket, port, file, files, the rpcinterface factory).',
  check({ model }) {
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
          fixes.push({ title: `Add ${key.name} = ${MAIN_RPC_FACTORY}`, edits: [insertLinesAfter(model.file, last.range.end.line, `${key.name} = ${MAIN_RPC_FACTORY}`)], preferred: true });
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
};
