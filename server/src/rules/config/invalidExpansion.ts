import { readValues } from '../../analysis/sectionValues';
import { valueRange } from '../../parser';
import type { Finding } from '../types';
import { defineRule } from '../define';
import { oncePerEntry } from './shared';

export const invalidExpansion = defineRule({
  id: 'config/invalid-expansion',
  severity: 'error',
  summary: 'A `%(name)s` the key cannot use, or a bare `%` that should be `%%`: supervisord refuses to start.',
  docs: {
    what: `- \`%(name)s\` where \`name\` is not available to that key, for example \`%(process_num)s\` in \`[supervisord]\` or a
  misspelt \`%(program_nmae)s\`; the names available are \`here\`, \`host_node_name\`, every \`ENV_X\` of the environment,
  and for process sections also \`program_name\`, \`process_num\`, \`group_name\` and \`numprocs\`;
- a \`%\` that does not start a valid \`%(name)s\`-style format, such as \`--max-memory-per-child=90%\` or a \`date +%Y\`
  inside a command.`,
    why: `supervisord expands values with Python's \`%\` operator. A name it does not have, or a stray \`%\`, raises an error while
the config is read, and supervisord refuses to start.`,
    fix: `Write a literal percent sign as \`%%\`:
\`\`\`ini
command=/bin/sh -c 'exec date +%%Y-%%m-%%d'
\`\`\`
and use only the names the key can see. The quick fix doubles a bare \`%\`.`,
    references: [],
  },
  examples: [],
  fixes: { escape: { title: 'Escape a bare `%` as `%%`', safe: true } },
  check({ model }, fix) {
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
            : [fix.escape([{ range: valueRange(entry, resolved.start, resolved.start), newText: '%' }], { title: 'Escape % as %%', preferred: true })],
        });
      }
    }
    return oncePerEntry(findings);
  },
});
