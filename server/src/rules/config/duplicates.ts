import type { Entry } from '../../parser';
import { defineRule } from '../define';

export const duplicateKey = defineRule({
  id: 'config/duplicate-key',
  severity: 'warning',
  summary: 'A key set twice in one section: supervisord keeps the last value and silently drops the earlier one.',
  docs: {
    what: `A key set twice in the same section (including a section header that appears twice). The earlier line is marked.`,
    why: `supervisord's ConfigParser keeps the last value and drops the earlier one without a word. Editing the first line and
seeing no change is a classic way to lose an hour.`,
    fix: `Keep one line per key; the quick fix deletes the ignored one.`,
    references: [],
  },
  examples: [],
  fixes: { removeIgnored: { title: 'Remove the ignored earlier line', safe: true } },
  check({ model }, fix) {
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
            fixes: removeEarlier.end.line < model.file.lineLengths.length ? [fix.removeIgnored([{ range: removeEarlier, newText: '' }], { preferred: true })] : [],
          });
        }
      }
      return findings;
    });
  },
});

export const duplicateSection = defineRule({
  id: 'config/duplicate-section',
  severity: 'information',
  summary: 'A section header that appears twice: supervisord merges both into one section.',
  docs: {
    what: `A section header that appears a second time in the same file.`,
    why: `supervisord does not refuse it: the two blocks are merged into one section, and a key set in both takes the later
value. That is seldom what the author meant, and the merged program is easy to misread.`,
    fix: `Move the keys of the second block into the first and delete the second header.`,
    references: [],
  },
  examples: [],
  check({ model }) {
    return model.sections.flatMap((section) =>
      section.nodes.slice(1).map((node) => ({
        range: node.headerRange,
        message: `[${section.name}] already appears on line ${section.nodes[0].headerRange.start.line + 1}: supervisord merges the two, and a key set in both takes this later value`,
      })),
    );
  },
});
