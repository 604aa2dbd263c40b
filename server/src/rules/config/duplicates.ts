import type { Entry } from '../../parser';
import type { Rule } from '../types';

export const duplicateKey: Rule = {
  id: 'config/duplicate-key',
  severity: 'warning',
  summary: 'A key set twice in one section: supervisord keeps the last value and silently drops the earlier one.',
  check({ model }) {
    return model.sections.flatMap((section) => {
      const seen = new Map<string, Entry>();
      const findings = [];
      for (const node of section.nodes) {
        for (const entry of node.entries) {
          const earlier = seen.get(entry.key);
          seen.set(entry.key, entry);
          if (!earlier) continue;
          const removeEarlier = { start: { line: earlier.range.start.line, character: 0 }, end: { line: earlier.range.end.line + 1, character: 0 } };
          findings.push({
            range: earlier.keyRange,
            message: `[${section.name}] sets ${entry.key} again on line ${entry.range.start.line + 1}: supervisord uses that later value and ignores this one`,
            fixes: removeEarlier.end.line < model.file.lineLengths.length ? [{ title: 'Remove this ignored line', edits: [{ range: removeEarlier, newText: '' }], preferred: true }] : [],
          });
        }
      }
      return findings;
    });
  },
};

export const duplicateSection: Rule = {
  id: 'config/duplicate-section',
  severity: 'information',
  summary: 'A section header that appears twice: supervisord merges both into one section.',
  check({ model }) {
    return model.sections.flatMap((section) =>
      section.nodes.slice(1).map((node) => ({
        range: node.headerRange,
        message: `[${section.name}] already appears on line ${section.nodes[0].headerRange.start.line + 1}: supervisord merges the two, and a key set in both takes this later value`,
      })),
    );
  },
};
