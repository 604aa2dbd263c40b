import { defineRule } from '../define';
import { entryRead } from '../mergedSections';
import { insertLinesAfter, replaceValue } from '../edits';
import type { Finding } from '../types';
import { logKeysIn, placeOf } from './logHandlers';

const STREAMS = ['stdout', 'stderr'] as const;

/** A worker's stdout sent to syslog and to no file, as Supervisor 4 writes it. */
const SUPERVISOR_4_SPELLING = `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=NONE
stdout_syslog=true
redirect_stderr=true
stopwaitsecs=600
`;

export const syslogLogfileDeprecated = defineRule({
  id: 'config/syslog-logfile-deprecated',
  severity: 'warning',
  scope: 'section',
  summary: '`stdout_logfile=syslog` (or stderr): deprecated since Supervisor 4, which reads it as `NONE` plus `stdout_syslog=true`.',
  docs: {
    what: `A program, fcgi-program or event listener whose \`stdout_logfile\` or \`stderr_logfile\` is \`syslog\` (in any case,
after expansion), the way Supervisor 3 sent a stream to the system log.`,
    why: `Supervisor 4 still accepts it, but warns at every start that it is deprecated and will be removed, and reads it
as two settings: no log file for the stream (\`NONE\`) and \`stdout_syslog=true\` (or \`stderr_syslog\`). A future
version will refuse the value, or take it for a file named \`syslog\` in supervisord's working directory.`,
    fix: `Write what Supervisor 4 makes of it:
\`\`\`ini
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=NONE
stdout_syslog=true
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.processes_from_section` (a `syslog` log file is rewritten to `None` with `*_syslog` true, with the deprecation warning)',
      'Supervisor 4.2.5 `supervisor/datatypes.py`: `logfile_name` (`syslog` in any case)',
    ],
  },
  examples: [
    {
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
«stdout_logfile=syslog»
redirect_stderr=true
stopwaitsecs=600
`,
      fixed: SUPERVISOR_4_SPELLING,
    },
    {
      title: 'The Supervisor 4 spelling',
      config: SUPERVISOR_4_SPELLING,
    },
  ],
  fixes: { syslogSwitch: { title: 'Write it as `NONE` and `*_syslog=true`', safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const keys = logKeysIn(context);
    for (let p = 0; p < keys.programs.length; p++) {
      const program = keys.programs[p];
      keys.of(p);
      for (let stream = 0; stream < 2; stream++) {
        const entry = keys.entry(stream);
        const value = entry && keys.value(stream);
        // The length first: lower-casing every log file name of a large file is most of this rule's time. Another file's
        // copy of the section writing it reports it.
        if (!entry || value?.length !== 6 || keys.inOtherCopy(stream) || value.toLowerCase() !== 'syslog') continue;
        const name = STREAMS[stream];
        // The section's own line, and no *_syslog to reconcile (its own, [DEFAULT]'s or another copy's): then the fix
        // writes both settings.
        const fixable = program.section.entries.get(entry.key) === entry && !entryRead(context, program.section, `${name}_syslog`);
        const last = entry.valueLines[entry.valueLines.length - 1].line;
        findings.push({
          range: placeOf(program, entry),
          message: `[${program.section.name}] ${name}_logfile=syslog is deprecated: Supervisor 4 warns at every start that it will be removed, and reads it as ${name}_logfile=NONE with ${name}_syslog=true. Write those two instead.`,
          fixes: fixable
            ? [
                fix.syslogSwitch([replaceValue(entry, 'NONE'), insertLinesAfter(model.file, last, `${name}_syslog=true`)], {
                  title: `Write ${name}_logfile=NONE and ${name}_syslog=true`,
                  preferred: true,
                }),
              ]
            : [],
        });
      }
    }
    return findings;
  },
});
