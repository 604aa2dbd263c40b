import type { Entry } from '../../parser';
import { defineRule } from '../define';
import type { RuleContext, TextEdit } from '../types';
import { replaceInValue } from '../edits';
import { processCount, setByLaterCopy } from '../mergedSections';
import { fileNameParts, handlersOf, logKeysIn, placeOf, rotates, rotation, size, type Handler } from './logHandlers';
import type { Finding } from '../types';

/** Two processes of a program, each writing a log file of its own. */
const FILE_PER_PROCESS = `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)s@%%h
process_name=%(program_name)s_%(process_num)02d
numprocs=2
stdout_logfile=/var/log/celery/worker-%(process_num)02d.log
redirect_stderr=true
stopwaitsecs=600
`;

/** The file handlers of each program of the analysed file that has some, in section order (see handlersOf). */
function fileHandlers(context: RuleContext): (Handler | undefined)[][] {
  const keys = logKeysIn(context);
  const programs: (Handler | undefined)[][] = [];
  for (let p = 0; p < keys.programs.length; p++) {
    const handlers = handlersOf(keys.programs[p], keys.of(p));
    if (handlers[0] || handlers[1]) programs.push(handlers);
  }
  return programs;
}

export const sharedLogfile = defineRule({
  id: 'config/shared-logfile',
  severity: 'warning',
  scope: 'section',
  summary: 'One log file written by several handlers that rotate it: stdout and stderr of a program, or its processes (numprocs > 1).',
  docs: {
    what: `A log file that supervisord writes through more than one handler while at least one of them rotates it
(\`*_logfile_maxbytes\`, 50MB unless set, above 0):
- a program's \`stdout_logfile\` and \`stderr_logfile\` naming the same file (and \`redirect_stderr\` not set);
- a program with \`numprocs\` above 1 whose log file name has no \`%(process_num)\`, so that every process writes it.

Event listeners (their stdout is the protocol), \`AUTO\`, \`NONE\`, \`OFF\`, \`syslog\` and devices such as \`/dev/stdout\` are
left out. Two programs writing one file are \`config/logfile-shared-by-programs\`.`,
    why: `supervisord opens one log handler per stream of each process, and each handler rotates the file on its own:
when what it wrote passes \`maxbytes\` it renames the file to \`.1\` (shifting the older backups) and opens a new one.
The other handlers keep writing into the renamed file, until they rotate in turn. After the first rotation the streams
are split across the file and its backups: \`tail -f\` on the file (and \`supervisorctl tail\`) shows one of them,
the backups hold half as much of each, and a stream's last lines sit in a \`.1\` that the next rotation shifts away.
A Celery worker logs to stderr, so with stdout and stderr in one file its own log may be the part that moves out of
sight.`,
    fix: `For stdout and stderr of one program, let supervisord merge them into one stream and one handler:
\`\`\`ini
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/var/log/celery/worker.log
redirect_stderr=true
\`\`\`
Give each process its own file with \`%(process_num)\` (\`stdout_logfile=/var/log/celery/worker-%(process_num)02d.log\`).`,
    references: [
      'Supervisor 4.2.5 `supervisor/dispatchers.py`: `POutputDispatcher._init_normallog` (a handler per stream of each process, with its own maxbytes and backups)',
      'Supervisor 4.2.5 `supervisor/loggers.py`: `RotatingFileHandler.emit` and `doRollover` (renames the file to `.1` and opens a new one; other handlers keep their open file)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.processes_from_section` (`redirect_stderr` drops the stderr log; log file names expanded per process)',
      'Celery 5.4 `celery/app/log.py`: `Logging.setup_handlers` (the worker logs to stderr unless `--logfile` is given)',
    ],
  },
  examples: [
    {
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/var/log/celery/worker.log
«stderr_logfile=/var/log/celery/worker.log»
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/var/log/celery/worker.log
redirect_stderr=true
stopwaitsecs=600
`,
    },
    {
      title: 'Every process of the program writes the one file',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)s@%%h
process_name=%(program_name)s_%(process_num)02d
numprocs=2
«stdout_logfile=/var/log/celery/worker.log»
redirect_stderr=true
stopwaitsecs=600
`,
      fixed: FILE_PER_PROCESS,
    },
    {
      title: 'Without rotation the handlers only append: nothing moves',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/var/log/celery/worker.log
stderr_logfile=/var/log/celery/worker.log
stdout_logfile_maxbytes=0
stderr_logfile_maxbytes=0
stopwaitsecs=600
`,
    },
    {
      title: 'A file per process and one handler per process',
      config: FILE_PER_PROCESS,
    },
  ],
  fixes: {
    redirectStderr: { title: 'Replace stderr_logfile with redirect_stderr=true', safe: false },
    filePerProcess: { title: 'Give each process its own log file: put -%(process_num)02d in the name', safe: false },
  },
  check(context, fix) {
    const findings: Finding[] = [];
    const programs = fileHandlers(context);
    for (let p = 0; p < programs.length; p++) {
      const stdout = programs[p][0];
      const stderr = programs[p][1];
      const program = (stdout ?? stderr)!.program;
      const shared = stdout && stderr && stdout.path === stderr.path;
      // Placed on stderr_logfile: when another file's copy of the section writes it, that file reports it.
      if (shared && !stderr.inOtherCopy && (rotates(stdout) || rotates(stderr))) {
        // Only the section's own line is rewritten (a [DEFAULT] one serves other sections too), and only where no
        // later copy of the section sets redirect_stderr over it.
        const { section } = program;
        const own =
          section.entries.get('stderr_logfile') === stderr.entry &&
          !section.entries.has('redirect_stderr') &&
          !setByLaterCopy(context, section, 'redirect_stderr');
        findings.push({
          range: placeOf(program, stderr.entry),
          message: `[${program.section.name}] writes stdout and stderr to one file, ${stdout.path}, through two handlers that each rotate it (${rotation(stdout, stderr)}): after the first rotation the two streams write different files in turn (the file and its .1), so tail shows only one of them and the backups keep half of each.${program.command?.celery ? ' This Celery worker logs to stderr, so its own log may be the stream that tail no longer shows.' : ''} Set redirect_stderr=true instead of stderr_logfile: one stream, one handler.`,
          fixes: own ? [fix.redirectStderr([{ range: stderr.entry.range, newText: 'redirect_stderr=true' }], { preferred: true })] : [],
        });
      }
      // Each file once: stderr's is stdout's when they share it.
      for (let h = 0; h < 2; h++) {
        const handler = h === 0 ? stdout : shared ? undefined : stderr;
        if (!handler || handler.inOtherCopy) continue;
        if (handler.entry.value.includes('%(process_num)') || !rotates(handler)) continue;
        // As supervisord merges the section: a conf.d override file may set numprocs.
        const numprocs = processCount(context, program);
        if (numprocs > 1) {
          // Only the section's own line is rewritten; a [DEFAULT] one serves other sections too.
          const named = program.section.entries.get(handler.entry.key) === handler.entry ? perProcessName(handler.entry) : undefined;
          findings.push({
            range: placeOf(program, handler.entry),
            message: `[${program.section.name}] runs ${numprocs} processes that all write ${handler.path}, each through a handler of its own that rotates it (${size(handler)}): after the first rotation their output is spread over the file and its backups. Put %(process_num)02d in the file name to give each process its own.`,
            fixes: named
              ? [fix.filePerProcess([named.edit], { title: `Give each process its own log file: ${named.name}`, preferred: true })]
              : [],
          });
        }
      }
    }
    return findings;
  },
});

const PER_PROCESS = '-%(process_num)02d';

/**
 * `-%(process_num)02d` put in a log file name written on one line, before its extension (worker.log ->
 * worker-%(process_num)02d.log), and the name it makes; undefined for a name on several lines.
 */
function perProcessName(entry: Entry): { edit: TextEdit; name: string } | undefined {
  const written = entry.value;
  const { name, extension } = fileNameParts(written);
  const edit = replaceInValue(entry, extension, extension, PER_PROCESS);
  return edit && { edit, name: `${written.slice(name, extension)}${PER_PROCESS}${written.slice(extension)}` };
}
