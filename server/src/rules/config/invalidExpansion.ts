import { readValues } from '../../analysis/sectionValues';
import { valueRange } from '../../parser';
import type { Finding, Rule } from '../types';
import { oncePerEntry } from './shared';

export const invalidExpansion: Rule = {
  id: 'config/invalid-expansion',
  severity: 'error',
  summary: 'A `%(name)s` the key cannot use, or a bare `%` that should be `%%`: supervisord refuses to start.',
  check({ model }) {
    const findings: Finding[] = [];
    for (const { resolved, entry, key, section } of readValues(model)) {
      if (resolved.kind === 'bad-name') {
        findings.push({
          range: valueRange(entry, resolved.start, resolved.end),
          message: `[${section.name}] ${key.name}: %(${resolved.name})s cannot be expanded here. Available names: ${resolved.available.join(', ')}`,
        });
      } else if (resolved.kind === 'bad-format') {
        findings.push({
          range: valueRange(entry, resolved.start, resolved.end),
          message: `[${section.name}] ${key.name}: the value is badly formatted for %-expansion (${resolved.message}); write a literal % as %%`,
          // A bare % (not a broken %(name) reference) becomes a literal one when doubled.
          fixes: entry.value[resolved.start + 1] === '('
            ? []
            : [{ title: 'Escape % as %%', edits: [{ range: valueRange(entry, resolved.start, resolved.start), newText: '%' }], preferred: true }],
        });
      }
    }
    return oncePerEntry(findings);
  },
};
