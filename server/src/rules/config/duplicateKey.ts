import type { Entry } from '../../parser';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { removeEntryLines } from '../edits';

export const duplicateKey = defineRule({
  id: 'config/duplicate-key',
  severity: 'warning',
  summary: 'A key set twice in one section: supervisord keeps the last value and silently drops the earlier one.',
  docs: {
    what: `A key set twice in the same section, also when the second one sits under a repeated header of that section. The key
of the earlier, ignored entry is marked.`,
    why: `supervisord reads its files with ConfigParser in non-strict mode: a repeated key is not an error, the later value
simply replaces the earlier one, without a word in the log. Editing the first line (say, raising \`stopwaitsecs\` for a
Celery worker) and seeing no change after \`supervisorctl update\` is a classic way to lose an hour.`,
    fix: `Keep one entry per key: decide which value you want and delete the other entry. The quick fix deletes the earlier
entry, which supervisord ignores anyway, with all its continuation lines; comment lines between them are kept.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `UnhosedConfigParser.__init__` (reads with `strict=False`)',
      'CPython `Lib/configparser.py`: `RawConfigParser._read` (a repeated option replaces the earlier value when not strict)',
    ],
  },
  examples: [
    {
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
«stopwaitsecs»=60
autostart=true
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
autostart=true
stopwaitsecs=600
`,
    },
    {
      title: 'The earlier entry goes with its continuation lines; the comment between them stays',
      config: `[program:worker]
«command»=/srv/app/venv/bin/celery -A proj worker
    -l info
    ; one queue per worker
    -Q default
command=/srv/app/venv/bin/celery -A proj worker -l info -Q default
stopwaitsecs=600
`,
      fixed: `[program:worker]
    ; one queue per worker
command=/srv/app/venv/bin/celery -A proj worker -l info -Q default
stopwaitsecs=600
`,
    },
    {
      title: 'A key repeated under a repeated header is reported too',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
«autostart»=true

[program:worker]
autostart=false`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info

[program:worker]
autostart=false`,
    },
    {
      title: 'The same key in two sections is fine',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600

[program:beat]
command=/srv/app/venv/bin/celery -A proj beat -l info
stopwaitsecs=60
`,
    },
  ],
  fixes: { removeIgnored: { title: 'Remove the ignored earlier entry', safe: true } },
  check({ model }, fix) {
    const findings: Finding[] = [];
    const { sections } = model;
    // Indexed, with the parser's word on a lone header first: this runs over every section on each keystroke.
    for (let i = 0; i < sections.length; i++) {
      const section = sections[i];
      if (section.nodes.length === 1 && section.nodes[0].distinctKeys) continue;
      // The merged entries hold one per key: as many as were written means no key is repeated.
      let written = 0;
      for (const node of section.nodes) written += node.entries.length;
      if (written === section.entries.size) continue;
      const seen = new Map<string, Entry>();
      for (const node of section.nodes) {
        for (const entry of node.entries) {
          const earlier = seen.get(entry.key);
          seen.set(entry.key, entry);
          if (!earlier) continue;
          findings.push({
            range: earlier.keyRange,
            message: `[${section.name}] sets ${entry.key} again on line ${entry.range.start.line + 1}: supervisord uses that later value and ignores this one`,
            fixes: [fix.removeIgnored(removeEntryLines(model.file, earlier), { preferred: true })],
          });
        }
      }
    }
    return findings;
  },
});
