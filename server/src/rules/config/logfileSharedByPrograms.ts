import { defineRule } from '../define';
import type { Finding } from '../types';
import { handlersOf, placeOf, rotates, rotation, WrittenLogKeys, type Handler } from './logHandlers';

export const logfileSharedByPrograms = defineRule({
  id: 'config/logfile-shared-by-programs',
  severity: 'warning',
  summary: 'Two programs of a file writing one log file, which one of them rotates.',
  docs: {
    what: `Two programs of the same file whose \`stdout_logfile\` or \`stderr_logfile\` name the same file, while one of
them rotates it (\`*_logfile_maxbytes\`, 50MB unless set, above 0). Only file names written without \`%\` are compared,
so \`%(program_name)s\` and the like never collide here; event listeners, \`AUTO\`, \`NONE\`, \`syslog\` and devices are
left out, and so are programs in other files of the configuration. Within one program the same problem is
\`config/shared-logfile\`.`,
    why: `supervisord gives each program (each of its processes, each stream) a log handler of its own, and each
handler rotates the file on its own: it renames the file to \`.1\` and opens a new one, while the other programs'
handlers keep writing into the renamed file until they rotate in turn. After the first rotation the programs' output
is spread over the file and its backups, \`tail -f\` shows one program's lines, and each keeps only part of the
backups.`,
    fix: `Give each program its own file, for example with its name:
\`\`\`ini
[program:worker_emails]
command=/srv/app/venv/bin/celery -A proj worker -Q emails -n emails@%%h
stdout_logfile=/var/log/celery/%(program_name)s.log
redirect_stderr=true
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/dispatchers.py`: `POutputDispatcher._init_normallog` (a handler per stream of each process, with its own maxbytes and backups)',
      'Supervisor 4.2.5 `supervisor/loggers.py`: `RotatingFileHandler.emit` and `doRollover` (renames the file to `.1` and opens a new one; other handlers keep their open file)',
    ],
  },
  examples: [
    {
      config: `[program:web]
command=/srv/app/venv/bin/gunicorn proj.wsgi
stdout_logfile=/var/log/app.log
redirect_stderr=true

[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
«stdout_logfile=/var/log/app.log»
redirect_stderr=true
stopwaitsecs=600
`,
    },
    {
      title: 'A file per program',
      config: `[program:web]
command=/srv/app/venv/bin/gunicorn proj.wsgi
stdout_logfile=/var/log/%(program_name)s.log
redirect_stderr=true

[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/var/log/%(program_name)s.log
redirect_stderr=true
stopwaitsecs=600
`,
    },
  ],
  check({ model }) {
    const findings: Finding[] = [];
    const writers = new Map<string, Handler>();
    const keys = new WrittenLogKeys(model);
    for (let p = 0; p < model.programs.length; p++) {
      const handlers = handlersOf(model.programs[p], keys.of(model.programs[p]));
      for (let h = 0; h < handlers.length; h++) {
        const handler = handlers[h];
        // A program's stderr in its stdout's file is config/shared-logfile's: each file once per program.
        if (!handler || (h === 1 && handler.path === handlers[0]?.path)) continue;
        const earlier = writers.get(handler.path);
        if (!earlier) writers.set(handler.path, handler);
        else if (earlier.program !== handler.program && (rotates(earlier) || rotates(handler))) {
          findings.push({
            range: placeOf(handler.program, handler.entry),
            message: `[${handler.program.section.name}] writes ${handler.path}, which [${earlier.program.section.name}] writes too, each program through handlers of its own (${rotation(earlier, handler)}): after the first rotation their output is spread over the file and its backups. Give each program its own log file.`,
          });
        }
      }
    }
    return findings;
  },
});
