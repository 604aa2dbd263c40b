import { knownSections } from '../../analysis/sectionValues';
import { closest } from '../../util/closest';
import { replaceValue } from '../edits';
import type { Finding } from '../types';
import { defineRule } from '../define';

/** Callables of the supervisor package that configs name, with the keyword arguments each accepts. */
const SUPERVISOR_CALLABLES: Record<string, readonly string[]> = {
  'supervisor.rpcinterface:make_main_rpcinterface': [],
  'supervisor.dispatchers:default_handler': [],
};

const normalise = (spec: string) => spec.replace(/\s+/g, '');
const inSupervisorPackage = (spec: string) => /^supervisor(\.|:|$)/.test(normalise(spec));

export const pluginFactory = defineRule({
  id: 'config/plugin-factory',
  severity: 'error',
  summary: 'A factory or result handler in the supervisor package that does not exist, or that cannot take the section\'s other keys.',
  docs: {
    what: `- \`supervisor.rpcinterface_factory\` or an event listener's \`result_handler\` that names something in the \`supervisor\`
  package which does not exist, such as \`supervisor.rpcinterface:make_main_rpc_interface\`;
- extra keys in \`[rpcinterface:supervisor]\` (for example a stray \`retries=3\`) when the config has an HTTP server:
  supervisord passes every other key of the section to the factory, which accepts none.

Factories from other packages (superlance, your own plugins) are not checked, since they may not be installed here.`,
    why: `supervisord imports the factory when it starts its HTTP server; a name that cannot be imported, or an argument the
factory does not take, stops supervisord at start-up.`,
    fix: `\`\`\`ini
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
\`\`\``,
    references: [],
  },
  examples: [],
  fixes: { rename: { title: 'Change to the closest callable', safe: true } },
  check({ model }, fix) {
    const findings: Finding[] = [];
    const httpServer = knownSections(model).some((s) => s.schema.kind === 'unix_http_server' || s.schema.kind === 'inet_http_server');
    for (const { section, schema } of knownSections(model)) {
      const key = schema.kind === 'rpcinterface' ? 'supervisor.rpcinterface_factory' : schema.kind === 'eventlistener' ? 'result_handler' : undefined;
      const entry = key && model.lookup(section, key);
      if (!entry || !inSupervisorPackage(entry.value) || entry.value.includes('%(')) continue;
      const spec = normalise(entry.value);
      const accepted = SUPERVISOR_CALLABLES[spec];
      if (!accepted) {
        const best = closest(spec, Object.keys(SUPERVISOR_CALLABLES));
        findings.push({
          range: entry.range,
          message: `${entry.value} cannot be resolved within [${section.name}]: the supervisor package has no such callable${best ? ` (did you mean ${best.value}?)` : ''}`,
          fixes: best ? [fix.rename([replaceValue(entry, best.value)], { title: `Change to ${best.value}`, preferred: true })] : [],
        });
        continue;
      }
      // supervisord calls each rpcinterface factory with the section's other keys when its HTTP server starts.
      if (schema.kind !== 'rpcinterface' || !httpServer) continue;
      for (const extra of section.entries.values()) {
        if (extra.key === key || accepted.includes(extra.key)) continue;
        findings.push({
          range: extra.range,
          message: `[${section.name}] ${extra.key}: ${spec} takes no "${extra.key}" argument, so supervisord fails at start-up when it builds the interface`,
        });
      }
    }
    return findings;
  },
});
