import { defineRule } from '../define';
import type { Finding } from '../types';

export const duplicateSection = defineRule({
  id: 'config/duplicate-section',
  severity: 'information',
  summary: 'A section header that appears twice in one file: supervisord merges both blocks into one section.',
  docs: {
    what: `A section header, such as \`[program:worker]\`, that appears a second time in the same file. The repeated header is
marked.`,
    why: `supervisord reads its files with ConfigParser in non-strict mode, so a repeated header is not an error: the keys of
the second block are added to the first, and a key set in both blocks takes the later value. The program then runs
with settings gathered from two places, which is seldom what the author meant and easy to misread, especially after
one block was copied from another program and renamed only halfway.`,
    fix: `Move the keys of the second block into the first (keeping the value you want for any key set in both) and delete
the second header. If the second block was meant to be a different program, give it its own name.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `UnhosedConfigParser.__init__` (reads with `strict=False`)',
      'CPython `Lib/configparser.py`: `RawConfigParser._read` (a repeated section is reopened when not strict)',
    ],
  },
  examples: [
    {
      title: 'The second block adds `stopwaitsecs` to the first and overrides its `autostart`',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
autostart=true

«[program:worker]»
autostart=false
stopwaitsecs=600
`,
    },
    {
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600

[program:beat]
command=/srv/app/venv/bin/celery -A proj beat -l info
`,
    },
  ],
  check({ model }) {
    // A loop over every section on every keystroke: no array is made for the sections written once.
    const findings: Finding[] = [];
    for (const section of model.sections) {
      for (let i = 1; i < section.nodes.length; i++)
        findings.push({
          range: section.nodes[i].headerRange,
          message: `[${section.name}] already appears on line ${section.nodes[0].headerRange.start.line + 1}: supervisord merges the two, and a key set in both takes this later value`,
        });
    }
    return findings;
  },
});
