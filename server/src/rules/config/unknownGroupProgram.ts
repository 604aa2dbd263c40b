import { closest, isLikelyTypo } from '../../util/closest';
import type { Fix, Finding } from '../types';
import { defineRule } from '../define';

export const unknownGroupProgram = defineRule({
  id: 'config/unknown-group-program',
  severity: 'error',
  summary: '`[group:x] programs=` names a program that no [program:x] or [fcgi-program:x] defines (or both do).',
  docs: {
    what: `A name in \`[group:x] programs=\` that no \`[program:name]\` or \`[fcgi-program:name]\` defines (event listeners cannot
be grouped), a name defined as both, and an empty name left by a stray comma (\`programs=web,worker,\`).
Programs defined in included files count: the check uses every file the main config includes, and stays quiet when
a fragment's includer cannot be found.`,
    why: `supervisord refuses a group that names a program it does not know, so the whole configuration fails to load.`,
    fix: `\`\`\`ini
[program:worker]
command=celery -A proj worker

[group:app]
programs=web,worker
\`\`\``,
    references: [],
  },
  examples: [],
  fixes: { rename: { title: 'Change to the closest program name', safe: true } },
  check({ model, processes }, fix) {
    const findings: Finding[] = [];
    // How many [program:x]/[fcgi-program:x] sections this file has per name (2 means both kinds).
    const sectionsByName = new Map<string, number>();
    for (const p of model.programs) {
      if (p.kind !== 'eventlistener' && p.section.arg !== undefined) sectionsByName.set(p.section.arg, (sectionsByName.get(p.section.arg) ?? 0) + 1);
    }
    for (const group of model.groups) {
      const entry = group.section.entries.get('programs');
      for (const member of group.members) {
        const matches = sectionsByName.get(member.name) ?? 0;
        if (matches === 2) {
          findings.push({ range: member.range, message: `[${group.section.name}] ${member.name} is ambiguous: it exists as both [program:${member.name}] and [fcgi-program:${member.name}]` });
        }
        if (matches > 0 || !processes.complete || processes.hasProgram(member.name)) continue;
        const best = closest(member.name, processes.programNames());
        const fixes: Fix[] = best && isLikelyTypo(member.name, best.distance) ? [fix.rename([{ range: member.range, newText: best.value }], { title: `Change to ${best.value}`, preferred: true })] : [];
        findings.push({ range: member.range, message: `[${group.section.name}] names unknown program or fcgi-program ${member.name}`, fixes });
      }
      // A trailing comma leaves an empty name, which the loader looks up (and fails to find) too.
      if (entry && entry.value.split(',').some((item) => item.trim() === '') && entry.value.trim() !== '') {
        findings.push({ range: entry.range, message: `[${group.section.name}] programs has an empty name (a stray comma): supervisord looks for a program called ''` });
      }
    }
    return findings;
  },
});
