import { positionalSpecs } from '../../analysis/expand';
import { readValues } from '../../analysis/sectionValues';
import { valueRange } from '../../parser';
import type { Finding } from '../types';
import { defineRule } from '../define';
import { oncePerEntry } from './shared';

export const percentInsertsMapping = defineRule({
  id: 'config/percent-inserts-mapping',
  severity: 'warning',
  summary: 'A `%s` (no name) in a value supervisord expands: it inserts the whole dictionary of expansion names, not a literal `%s`.',
  docs: {
    what: `A \`%s\`, \`%r\` or \`% s\` without a \`(name)\` in a value supervisord expands, for example
\`command=/bin/sh -c 'date +%s'\` or \`stdout_logfile=/var/log/app-%s.log\`.`,
    why: `supervisord expands values with Python's \`%\` operator and a dictionary of names. A spec without a name does not fail:
Python formats the dictionary itself into the text, so the command really runs as
\`date +{'here': '/etc/supervisor', 'program_name': 'stamp', …}\`. supervisord starts without complaint and the
program misbehaves. (A second nameless spec, or \`%d\`, does fail, and is reported by \`config/invalid-expansion\`.)`,
    fix: `Double the percent sign for a literal one:
\`\`\`ini
command=/bin/sh -c 'date +%%s'
\`\`\``,
    references: [],
  },
  examples: [],
  fixes: { escape: { title: 'Escape `%` as `%%`', safe: true } },
  check({ model }, fix) {
    const findings: Finding[] = [];
    for (const { entry, key, section, resolved } of readValues(model)) {
      // Broken expansions are config/invalid-expansion's; keys the loader does not expand keep their % as typed.
      if (!key.expansions || resolved.kind === 'bad-format' || resolved.kind === 'bad-name') continue;
      for (const spec of positionalSpecs(entry.value)) {
        const range = valueRange(entry, spec.start, spec.end);
        findings.push({
          range,
          message: `[${section.name}] ${key.name}: supervisord replaces ${entry.value.slice(spec.start, spec.end)} with its dictionary of expansion names ({'here': …}); write %% for a literal percent sign`,
          fixes: [fix.escape([{ range: valueRange(entry, spec.start, spec.start), newText: '%' }], { preferred: true })],
        });
      }
    }
    return oncePerEntry(findings);
  },
});
