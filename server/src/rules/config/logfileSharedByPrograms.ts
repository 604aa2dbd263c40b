import { writtenLogFiles } from '../../analysis/logFiles';
import type { ConfigModel } from '../../analysis/model';
import { defineRule } from '../define';
import { escapeForValue, replaceInValue } from '../edits';
import type { Finding, Fix, FixMaker, RuleContext } from '../types';
import { fileNameParts, handlersOf, placeOf, rotates, rotation, WrittenLogKeys, type Handler } from './logHandlers';
import { pathFrom } from './shared';
import { perProgram } from '../perProgram';
import { addTo } from '../../util/addTo';

const WORKER = `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info -Q default
stdout_logfile=/var/log/celery/worker.log
redirect_stderr=true
stopwaitsecs=600
`;

export const logfileSharedByPrograms = defineRule({
  id: 'config/logfile-shared-by-programs',
  severity: 'warning',
  summary: 'Two programs writing one log file, which one of them rotates.',
  docs: {
    what: `Two programs whose \`stdout_logfile\` or \`stderr_logfile\` name the same file, while one of them rotates it
(\`*_logfile_maxbytes\`, 50MB unless set, above 0): in one file, the later program is marked; in two files of a
configuration (the main config and what its \`[include]\` reads, such as a conf.d directory), each file's program is
marked, naming the other file. Only file names written without \`%\` are compared, so \`%(program_name)s\` and the like
never collide here; event listeners, \`AUTO\`, \`NONE\`, \`OFF\`, \`syslog\` and devices are left out, and so are copies of one
section in two files, which supervisord merges into one program (\`config/duplicate-section-across-files\`). Within one
program the same problem is \`config/shared-logfile\`.`,
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
      fixed: `[program:web]
command=/srv/app/venv/bin/gunicorn proj.wsgi
stdout_logfile=/var/log/app.log
redirect_stderr=true

[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/var/log/app-worker.log
redirect_stderr=true
stopwaitsecs=600
`,
    },
    {
      title: 'A conf.d file copied from worker.conf, its log file left as it was',
      path: '/etc/supervisor/conf.d/worker-high.conf',
      config: `[program:worker-high]
command=/srv/app/venv/bin/celery -A proj worker -l info -Q high
«stdout_logfile=/var/log/celery/worker.log»
redirect_stderr=true
stopwaitsecs=600
`,
      fixed: `[program:worker-high]
command=/srv/app/venv/bin/celery -A proj worker -l info -Q high
stdout_logfile=/var/log/celery/worker-high.log
redirect_stderr=true
stopwaitsecs=600
`,
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/worker.conf': WORKER,
      },
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
  fixes: { nameAfterProgram: { title: 'Name the log file after its program', safe: false } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const writers = new Map<string, Handler>();
    for (let p = 0; p < model.programs.length; p++) {
      const handlers = writtenHandlers(model.programs[p], model);
      for (let h = 0; h < handlers.length; h++) {
        const handler = handlers[h];
        // A program's stderr in its stdout's file is config/shared-logfile's: each file once per program.
        if (!handler || (h === 1 && handler.path === handlers[0]?.path)) continue;
        const earlier = writers.get(handler.path);
        if (!earlier) writers.set(handler.path, handler);
        else if (earlier.program !== handler.program && (rotates(earlier) || rotates(handler))) {
          findings.push({
            range: placeOf(handler.program, handler.entry),
            message: `[${handler.program.section.name}] writes ${handler.path}, which [${earlier.program.section.name}] writes too, ${splitBy(earlier, handler)}`,
            fixes: fileOfItsOwn(context, handler, earlier, fix.nameAfterProgram),
          });
          continue;
        }
        const elsewhere = context.singleFile ? undefined : writerElsewhere(context, handler);
        if (elsewhere) {
          findings.push({
            range: placeOf(handler.program, handler.entry),
            message: `[${handler.program.section.name}] writes ${handler.path}, which [${elsewhere.handler.program.section.name}] of ${pathFrom(model, elsewhere.model)} writes too, ${splitBy(elsewhere.handler, handler)}`,
            fixes: fileOfItsOwn(context, handler, elsewhere.handler, fix.nameAfterProgram),
          });
        }
      }
    }
    return findings;
  },
});

/**
 * The handler's file renamed after its program, where its section writes it on one line of its own and it is not named
 * after the program already: the other program's name in the file name replaced with this one's
 * (`worker.log` -> `worker-high.log`), else this one's added (`app.log` -> `app-worker.log`), so that a program's two
 * streams keep two files. None when a program of the configuration writes the new name.
 */
function fileOfItsOwn(context: RuleContext, { program, entry }: Handler, other: Handler, nameAfterProgram: FixMaker): Fix[] {
  // `[program:]`, as a header is being typed: there is no name to give the file.
  if (program.section.entries.get(entry.key) !== entry || program.name === '') return [];
  const written = entry.value;
  const { name, extension } = fileNameParts(written);
  const stem = written.slice(name, extension);
  const own = escapeForValue(program.name);
  if (wordAt(stem, own) !== -1) return [];
  const theirs = escapeForValue(other.program.name);
  const at = wordAt(stem, theirs);
  const renamed = at === -1 ? `${stem}-${own}` : `${stem.slice(0, at)}${own}${stem.slice(at + theirs.length)}`;
  const path = `${written.slice(0, name)}${renamed}${written.slice(extension)}`;
  if (writtenLogFiles(context.model).has(path) || !context.filesWritingLog(path)[Symbol.iterator]().next().done) return [];
  const edit = replaceInValue(entry, name, extension, renamed);
  return edit ? [nameAfterProgram([edit], { title: `Write ${path.slice(name)} instead`, preferred: true })] : [];
}

/** Where `word` stands in `text` as a word of its own (no letter or digit beside it), or -1; never for no word. */
function wordAt(text: string, word: string): number {
  // indexOf finds '' at every place up to the end, and at the end again whatever it is asked for past it.
  if (word === '') return -1;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!WORD_CHARACTER.test(text[at - 1] ?? '') && !WORD_CHARACTER.test(text[at + word.length] ?? '')) return at;
  }
  return -1;
}
const WORD_CHARACTER = /^[A-Za-z0-9]$/;

const splitBy = (one: Handler, other: Handler) =>
  `each program through handlers of its own (${rotation(one, other)}): after the first rotation their output is spread over the file and its backups. Give each program its own log file.`;

/**
 * The first handler of another file of the configuration that writes the handler's file, when one of the two rotates
 * it. A section with copies in several files is left out: supervisord merges them into one program, whose keys may
 * come from any copy (config/duplicate-section-across-files reports them).
 */
function writerElsewhere(context: RuleContext, handler: Handler): { model: ConfigModel; handler: Handler } | undefined {
  for (const model of context.filesWritingLog(handler.path)) {
    for (const other of handlersByFile(model).get(handler.path) ?? []) {
      if (!(rotates(other) || rotates(handler)) || merged(context, other)) continue;
      return merged(context, handler) ? undefined : { model, handler: other };
    }
  }
  return undefined;
}

const merged = (context: RuleContext, handler: Handler) => context.sectionsNamed(handler.program.section.name).length > 1;

/**
 * A program's handlers as its section and its file's [DEFAULT] write them: worked out once per program (a keystroke
 * in a large file leaves all but one of its programs as they were).
 */
const writtenHandlers = perProgram((program, model: ConfigModel) => handlersOf(program, new WrittenLogKeys(model).of(program)));

const byFile = new WeakMap<ConfigModel, Map<string, Handler[]>>();

/** The handlers of a model's programs by the file they write (memoised: each file of a conf.d asks about the others). */
function handlersByFile(model: ConfigModel): Map<string, Handler[]> {
  let files = byFile.get(model);
  if (!files) {
    files = new Map();
    for (const program of model.programs) {
      for (const handler of writtenHandlers(program, model)) {
        if (!handler) continue;
        addTo(files, handler.path, handler);
      }
    }
    byFile.set(model, files);
  }
  return files;
}
