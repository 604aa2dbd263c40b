import { knownSections } from '../../analysis/sectionValues';
import { closest } from '../../util/closest';
import { replaceValue } from '../edits';
import type { Finding, Rule } from '../types';

/** Callables of the supervisor package that configs name, with the keyword arguments each accepts. */
const SUPERVISOR_CALLABLES: Record<string, readonly string[]> = {
  'supervisor.rpcinterface:make_main_rpcinterface': [],
  'supervisor.dispatchers:default_handler': [],
};

const normalise = (spec: string) => spec.replace(/\s+/g, '');
const inSupervisorPackage = (spec: string) => /^supervisor(\.|:|$)/.test(normalise(spec));

export const pluginFactory: Rule = {
  id: 'config/plugin-factory',
  severity: 'error',
  summary: 'A factory or result handler in the supervisor package that does not exist, or that cannot take the section\'s other keys.',
  check({ model }) {
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
          fixes: best ? [{ title: `Change to ${best.value}`, edits: [replaceValue(entry, best.value)], preferred: true }] : [],
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
};
