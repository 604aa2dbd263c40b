import { closest, isLikelyTypo } from '../../util/closest';
import type { Fix, Finding } from '../types';
import { defineRule } from '../define';
import { escapeForValue } from '../edits';
import { setByLaterCopy } from '../mergedSections';

export const unknownGroupProgram = defineRule({
  id: 'config/unknown-group-program',
  severity: 'error',
  summary: '`[group:x] programs=` names a program that no [program:x] or [fcgi-program:x] defines (or both do).',
  docs: {
    what: `A name in \`[group:x] programs=\` that the loader cannot resolve:
- no \`[program:name]\` or \`[fcgi-program:name]\` has it (event listeners cannot be grouped);
- both a \`[program:name]\` and an \`[fcgi-program:name]\` in the same file have it;
- it is empty, left by a stray comma (\`programs=web,worker,\`).

Names are compared after \`%\`-expansion, as the loader compares them: \`programs=nightly%%report\` names
\`[program:nightly%report]\`. Programs defined in included files count: the check uses every file the main config
includes, and stays quiet when a fragment's includer, or a name that depends on the server, cannot be known. A
\`programs=\` that a later file's copy of the \`[group:x]\` replaces is never read, and not judged.`,
    why: `The loader looks up each listed name as \`program:name\` and \`fcgi-program:name\` among all sections read, and refuses
the group when neither or both exist. supervisord then does not start at all.`,
    fix: `List each program by the name in its section header, separated by commas:
\`\`\`ini
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info

[program:beat]
command=/srv/app/venv/bin/celery -A proj beat -l info

[group:celery]
programs=worker,beat
\`\`\`
When a name is close to an existing program's, the quick fix changes it to that name (a \`%\` in it written as \`%%\`, since
the value is expanded).`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.process_groups_from_parser` ("names unknown program or fcgi-program", "is ambiguous"), `UnhosedConfigParser.saneget` (`programs=` is %-expanded)',
      'Supervisor 4.2.5 `supervisor/datatypes.py`: `list_of_strings` (split on commas, each item stripped, empty items kept)',
    ],
  },
  examples: [
    {
      title: 'A misspelt program name',
      config:
        '[supervisord]\n\n[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n\n[group:celery]\nprograms=«wroker»\n',
      fixed:
        '[supervisord]\n\n[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n\n[group:celery]\nprograms=worker\n',
    },
    {
      title: 'A stray comma',
      config:
        '[supervisord]\n\n[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n\n[group:celery]\n«programs=worker,»\n',
    },
    {
      title: 'A program defined in an included file',
      config: '[supervisord]\n\n[include]\nfiles=conf.d/*.conf\n\n[group:celery]\nprograms=worker,beat\n',
      files: {
        '/etc/supervisor/conf.d/celery.conf':
          '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n\n[program:beat]\ncommand=/srv/app/venv/bin/celery -A proj beat -l info\n',
      },
    },
    {
      title: "A later file's copy of the group lists its programs: this list is never read",
      path: '/etc/supervisor/conf.d/groups.conf',
      config: '[group:celery]\nprograms=old-worker\n',
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/groups.override.conf': '[group:celery]\nprograms=worker\n',
        '/etc/supervisor/conf.d/worker.conf':
          '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n',
      },
    },
  ],
  fixes: { rename: { title: 'Change the name to the closest program name', safe: true } },
  check(context, fix) {
    const { model, processes } = context;
    if (model.groups.length === 0) return [];
    const findings: Finding[] = [];
    // How many [program:x]/[fcgi-program:x] sections this file has per name (2 means both kinds).
    const sectionsByName = new Map<string, number>();
    for (const p of model.programs) {
      if (p.kind !== 'eventlistener' && p.section.arg !== undefined)
        sectionsByName.set(p.section.arg, (sectionsByName.get(p.section.arg) ?? 0) + 1);
    }
    for (const group of model.groups) {
      // A later file's copy of the [group:x] sets programs=: the loader reads that list, never this one.
      if (setByLaterCopy(context, group.section, 'programs')) continue;
      const entry = group.section.entries.get('programs');
      for (const member of group.members) {
        // The loader looks the name up after %-expansion; a name only the server knows cannot be judged.
        const name = member.name;
        if (name === undefined) continue;
        const matches = sectionsByName.get(name) ?? 0;
        if (matches === 2) {
          findings.push({
            range: member.range,
            message: `[${group.section.name}] ${name} is ambiguous: it exists as both [program:${name}] and [fcgi-program:${name}]`,
          });
        }
        // Program names are section names, known whenever every file is (unlike process names, which a
        // %(host_node_name)s in a process_name hides).
        if (matches > 0 || !context.complete || processes.hasProgram(name)) continue;
        const best = closest(name, processes.programNames());
        const fixes: Fix[] =
          best && isLikelyTypo(name, best.distance)
            ? [
                fix.rename([{ range: member.range, newText: escapeForValue(best.value) }], {
                  title: `Change to ${best.value}`,
                  preferred: true,
                }),
              ]
            : [];
        findings.push({ range: member.range, message: `[${group.section.name}] names unknown program or fcgi-program ${name}`, fixes });
      }
      // A trailing comma leaves an empty name, which the loader looks up (and fails to find) too.
      if (entry && entry.value.split(',').some((item) => item.trim() === '') && entry.value.trim() !== '') {
        findings.push({
          range: entry.range,
          message: `[${group.section.name}] programs has an empty name (a stray comma): supervisord looks for a program called ''`,
        });
      }
    }
    return findings;
  },
});
