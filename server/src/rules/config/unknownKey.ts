import { closest, isLikelyTypo } from '../../util/closest';
import { ALL_KEY_NAMES, sectionSchema } from '../../schema';
import type { Fix, Finding, Rule } from '../types';

export const unknownKey: Rule = {
  id: 'config/unknown-key',
  severity: 'warning',
  summary: 'A key the section does not have: supervisord silently ignores it, so the setting has no effect.',
  check({ model }) {
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
        const fixes: Fix[] = typo ? [{ title: `Change to ${typo}`, edits: [{ range: entry.keyRange, newText: typo }], preferred: true }] : [];
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
};
