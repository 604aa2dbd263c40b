import { mayHavePositionalSpec, positionalSpecs } from '../../analysis/expand';
import { readValues } from '../../analysis/sectionValues';
import { insertedNamesProblem } from '../../analysis/valueCheck';
import { valueRange } from '../../parser';
import type { Finding } from '../types';
import { defineRule } from '../define';
import { oncePerEntry } from './shared';
import { unreadWithoutProcesses } from '../mergedSections';

export const percentInsertsMapping = defineRule({
  id: 'config/percent-inserts-mapping',
  severity: 'warning',
  scope: 'section',
  summary: 'A `%s` (no name) in a value supervisord expands: it inserts the whole dictionary of expansion names, not a literal `%s`.',
  docs: {
    what: `One \`%s\`, \`%r\` or \`%a\` without a \`(name)\` (flags and width allowed, as in \`% s\` or \`%10s\`) in a value supervisord
expands, for example \`command=/bin/sh -c 'date +%s'\` or \`stdout_logfile=/var/log/celery/worker-%s.log\`.`,
    why: `supervisord expands values with Python's \`%\` operator and a dictionary of names. Given a dictionary, a single spec
without a name does not fail: Python formats the whole dictionary into its place. The command then really runs as
\`date +{'ENV_HOME': '/root', 'ENV_PATH': …, 'here': '/etc/supervisor', 'program_name': 'stamp', …}\` (supervisord's
environment variables first, then its own names), or the log goes to a file with that name. supervisord
starts without a complaint and the program misbehaves. (Two nameless specs, or a \`%d\`, do fail; that is reported by
\`config/invalid-expansion\`. So does an unquoted \`%s\` in \`environment=\`, whose printed dictionary is no
\`KEY=value\` pairs: \`config/invalid-value\` reports that one.)`,
    fix: `Double the percent sign for a literal one; supervisord turns \`%%\` back into \`%\`:
\`\`\`ini
command=/bin/sh -c 'exec /srv/app/bin/backup > /var/backups/db-$(date +%%s).sql'
\`\`\`
If you meant a supervisord name, name it: \`%(program_name)s\`.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `expand` (the value `%` a dictionary of names), `UnhosedConfigParser.saneget`',
      'CPython `Objects/unicodeobject.c`: `PyUnicode_Format` (a mapping argument given to a format with one unnamed spec is formatted as a whole)',
    ],
  },
  examples: [
    {
      title: 'A shell date format',
      config: "[program:backup]\ncommand=/bin/sh -c 'exec /srv/app/bin/backup > /var/backups/db-$(date +«%s»).sql'\nautorestart=false\n",
      fixed: "[program:backup]\ncommand=/bin/sh -c 'exec /srv/app/bin/backup > /var/backups/db-$(date +%%s).sql'\nautorestart=false\n",
    },
    {
      title: 'A log file name',
      config:
        '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\nstdout_logfile=/var/log/celery/worker-«%s».log\n',
      fixed:
        '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\nstdout_logfile=/var/log/celery/worker-%%s.log\n',
    },
    {
      title: 'A named spec and an escaped percent sign',
      config:
        "[program:backup]\ncommand=/bin/sh -c 'exec /srv/app/bin/backup > /var/backups/%(program_name)s-$(date +%%s).sql'\nautorestart=false\n",
    },
  ],
  fixes: { escape: { title: 'Escape `%` as `%%`', safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const read = readValues(model);
    // Only a value with a `%` of a key the loader expands has an expansion; the rest have no spec to look for.
    for (let j = 0; j < read.expanded.length; j++) {
      const expansion = read.expansions[j];
      // Broken expansions are config/invalid-expansion's.
      if (expansion.kind === 'bad-format' || expansion.kind === 'bad-name') continue;
      const entry = read.entries[read.expanded[j]];
      if (!mayHavePositionalSpec(entry.value)) continue;
      const key = read.keys[read.expanded[j]];
      // Where the printed dictionary breaks environment= pairs, the loader refuses it: config/invalid-value's.
      if (key.type === 'environment' && insertedNamesProblem(entry.value)) continue;
      const section = read.sectionOf(read.expanded[j]);
      if (unreadWithoutProcesses(context, section, key)) continue;
      for (const spec of positionalSpecs(entry.value)) {
        const range = valueRange(entry, spec.start, spec.end);
        findings.push({
          range,
          message: `[${section.name}] ${key.name}: supervisord replaces ${entry.value.slice(spec.start, spec.end)} with its dictionary of expansion names ({'ENV_…': …, 'here': …}); write %% for a literal percent sign`,
          fixes: [fix.escape([{ range: valueRange(entry, spec.start, spec.start), newText: '%' }], { preferred: true })],
        });
      }
    }
    return oncePerEntry(findings);
  },
});
