import { closest, isLikelyTypo } from '../../util/closest';
import { ALL_KEY_NAMES, sectionSchema } from '../../schema';
import type { Fix, Finding } from '../types';
import { defineRule } from '../define';

export const unknownKey = defineRule({
  id: 'config/unknown-key',
  severity: 'warning',
  summary: 'A key the section does not have: supervisord silently ignores it, so the setting has no effect.',
  docs: {
    what: `A key that the section's type does not read, such as \`autorestar=true\` in a \`[program:x]\` or \`stopwaitsec=600\`.
Keys in \`[DEFAULT]\` are checked against every key any section knows. Sections whose keys are free-form
(\`[rpcinterface:x]\`, \`[ctlplugin:x]\`) are not checked.`,
    why: `supervisord asks each section for the keys it knows and ignores the rest without a word. A misspelt
\`stopwaitsecs\` leaves the default of 10 seconds in place, and Celery's warm shutdown is cut short by SIGKILL.`,
    fix: `Spell the key as supervisord does; the quick fix offers the closest known key when the difference is small:
\`\`\`ini
[program:worker]
stopwaitsecs=600
\`\`\``,
    references: [],
  },
  examples: [],
  fixes: {
    rename: { title: 'Change to the closest key (unsafe: supervisord then reads a value it ignored so far)', safe: false },
  },
  check({ model }, fix) {
    const findings: Finding[] = [];
    for (const node of model.file.sections) {
      const isDefault = node.name === 'DEFAULT';
      const schema = isDefault ? undefined : sectionSchema(node.name);
      if (!isDefault && (!schema || schema.openKeys)) continue;
      const names = isDefault ? [...ALL_KEY_NAMES] : schema!.keys.map((k) => k.name);
      for (const entry of node.entries) {
        if (names.includes(entry.key)) continue;
        const best = closest(entry.key, names);
        const typo = best && isLikelyTypo(entry.key, best.distance) ? best.value : undefined;
        const fixes: Fix[] = typo ? [fix.rename([{ range: entry.keyRange, newText: typo }], { title: `Change to ${typo}`, preferred: true })] : [];
        const where = isDefault ? 'any section' : `[${node.name}]`;
        findings.push({
          range: entry.keyRange,
          message: `${where} has no key '${entry.key}': supervisord ignores it.${typo ? ` Did you mean '${typo}'?` : ''}`,
          fixes,
        });
      }
    }
    return findings;
  },
});
