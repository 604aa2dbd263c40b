import { namesAFile } from '../../analysis/logFiles';
import { pythonBoolean } from '../../analysis/valueCheck';
import { defineRule } from '../define';
import { removeEntryLines, replaceValue } from '../edits';
import type { Finding } from '../types';
import { logKeysIn, placeOf, REDIRECT } from './logHandlers';

const STDERR = 1;

export const stderrLogfileIgnored = defineRule({
  id: 'config/stderr-logfile-ignored',
  severity: 'warning',
  scope: 'section',
  summary:
    '`stderr_logfile` set to a file with `redirect_stderr=true`: supervisord ignores the file and writes stderr into the stdout log.',
  docs: {
    what: `A program or fcgi-program with \`redirect_stderr=true\` whose \`stderr_logfile\` names a file (not \`AUTO\`, \`NONE\`,
\`OFF\` or \`syslog\`). Event listeners are \`config/eventlistener-redirect-stderr\`'s: supervisord refuses
\`redirect_stderr\` there. The section is read as supervisord merges it: a conf.d override file that sets
\`redirect_stderr=true\` for a program another file defines makes that file's \`stderr_logfile\` ignored.`,
    why: `With \`redirect_stderr=true\` the process's stderr is its stdout: supervisord makes no stderr log at all, warns at
start that "the filename has been ignored", and the file stays empty (or keeps what an older config wrote into it).
Whoever reads it for errors finds none, while they are in the stdout log; a Celery worker logs there.`,
    fix: `Keep one of the two: delete \`stderr_logfile\` (both streams in the stdout log, as now), or set \`redirect_stderr=false\`
to give stderr its file.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.processes_from_section` (with `redirect_stderr` a stderr log file name is dropped, with a warning)',
      'Supervisor 4.2.5 `supervisor/process.py`: `Subprocess.spawn` (`redirect_stderr` makes the child write stderr to the stdout pipe)',
    ],
  },
  examples: [
    {
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/var/log/celery/worker.log
«stderr_logfile=/var/log/celery/worker.err»
redirect_stderr=true
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/var/log/celery/worker.log
redirect_stderr=true
stopwaitsecs=600
`,
      alsoFixed: [
        {
          title: 'redirect_stderr=false',
          fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/var/log/celery/worker.log
stderr_logfile=/var/log/celery/worker.err
redirect_stderr=false
stopwaitsecs=600
`,
        },
      ],
    },
    {
      title: 'redirect_stderr=true in an override file read after the program',
      path: '/etc/supervisor/conf.d/worker.conf',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/var/log/celery/worker.log
«stderr_logfile=/var/log/celery/worker.err»
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/var/log/celery/worker.log
stopwaitsecs=600
`,
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/worker.override.conf': '[program:worker]\nredirect_stderr=true\n',
      },
    },
    {
      title: 'One log for both streams',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/var/log/celery/worker.log
redirect_stderr=true
stopwaitsecs=600
`,
    },
  ],
  fixes: {
    removeStderrLogfile: { title: 'Delete the stderr_logfile supervisord ignores', safe: true },
    ownStderrLog: { title: 'Give stderr its file: set redirect_stderr=false', safe: false },
  },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const keys = logKeysIn(context);
    for (let p = 0; p < keys.programs.length; p++) {
      const program = keys.programs[p];
      if (program.kind === 'eventlistener') continue;
      keys.of(p);
      const file = keys.entry(STDERR);
      const redirect = keys.entry(REDIRECT);
      const path = file && keys.value(STDERR);
      // A stderr_logfile of another file's copy of the section: that file reports it.
      if (!redirect || !path || keys.inOtherCopy(STDERR) || !namesAFile(path) || pythonBoolean(keys.value(REDIRECT) ?? '') !== true)
        continue;
      // Only the section's own lines are edited; a [DEFAULT] one serves other sections too.
      const own = (entry: typeof file) => program.section.entries.get(entry.key) === entry;
      const where = keys.writtenElsewhere(REDIRECT);
      findings.push({
        range: placeOf(program, file),
        message: `[${program.section.name}] stderr_logfile=${path} is ignored: with redirect_stderr=true${where ? ` (${where})` : ''} stderr goes into the stdout log, and supervisord makes no stderr log (it warns so at start). Delete stderr_logfile, or set redirect_stderr=false to give stderr this file.`,
        fixes: [
          ...(own(file) ? [fix.removeStderrLogfile(removeEntryLines(model.file, file), { preferred: true })] : []),
          ...(own(redirect) ? [fix.ownStderrLog([replaceValue(redirect, 'false')])] : []),
        ],
      });
    }
    return findings;
  },
});
