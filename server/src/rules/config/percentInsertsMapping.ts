import { positionalSpecs } from '../../analysis/expand';
import { readValues } from '../../analysis/sectionValues';
import { valueRange } from '../../parser';
import type { Finding, Rule } from '../types';
import { oncePerEntry } from './shared';

export const percentInsertsMapping: Rule = {
  id: 'config/percent-inserts-mapping',
  severity: 'warning',
  summary: 'A `%s` (no name) in a value supervisord expands: it inserts the whole dictionary of expansion names, not a literal `%s`.',
  check({ model }) {
    const findings: Finding[] = [];
    for (const { entry, key, section, resolved } of readValues(model)) {
      // Broken expansions are config/invalid-expansion's; keys the loader does not expand keep their % as typed.
      if (!key.expansions || resolved.kind === 'bad-format' || resolved.kind === 'bad-name') continue;
      for (const spec of positionalSpecs(entry.value)) {
        const range = valueRange(entry, spec.start, spec.end);
        findings.push({
          range,
          message: `[${section.name}] ${key.name}: supervisord replaces ${entry.value.slice(spec.start, spec.end)} with its dictionary of expansion names ({'here': …}); write %% for a literal percent sign`,
          fixes: [{ title: 'Escape % as %%', edits: [{ range: valueRange(entry, spec.start, spec.start), newText: '%' }], preferred: true }],
        });
      }
    }
    return oncePerEntry(findings);
  },
};
