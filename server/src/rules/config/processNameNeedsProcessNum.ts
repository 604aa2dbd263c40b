import type { Finding, Fix } from '../types';
import { defineRule } from '../define';
import { appendToValue, insertLinesAfter } from '../edits';
import { entryRead, ownLine, processCount, writtenWhere, type EntryIn } from '../mergedSections';

/** The loader's process_name when none is set. */
const DEFAULT_PROCESS_NAME = '%(program_name)s';
const SUFFIX = '_%(process_num)02d';

export const processNameNeedsProcessNum = defineRule({
  id: 'config/process-name-needs-process-num',
  severity: 'error',
  scope: 'section',
  summary: '`numprocs` above 1 without `%(process_num)` in `process_name`: the processes would share one name, so supervisord refuses it.',
  docs: {
    what: `A program, fcgi-program or event listener with \`numprocs\` above 1 whose \`process_name\` does not contain
\`%(process_num)\`. That includes a program without \`process_name\`, whose processes are named \`%(program_name)s\`, and one
that takes \`process_name\` from \`[DEFAULT]\`. Copies of the section in several files of a configuration count as supervisord merges them: each key is read from the
last file that sets it. A file reports it when the
\`process_name\` read is its own (or none is set and its \`numprocs\` is read), with the fix, or when only its
\`numprocs\` line is. A \`numprocs=%(ENV_X)s\` counts as supervisord expands it when \`[supervisord] environment=\` sets
X (the main config's, for a conf.d file); set only in the server's environment, it is not judged.`,
    why: `Every process of the program would get the same name, and supervisord tells processes apart by name. The loader
checks the \`process_name\` template before expanding it and refuses the program, so supervisord does not start.`,
    fix: `Put \`%(process_num)\` in the name; \`02d\` pads it to two digits, so the names sort in order:
\`\`\`ini
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)02d@%%h
numprocs=4
process_name=%(program_name)s_%(process_num)02d
\`\`\`
Give each Celery worker its own node name too (\`-n\`), as above, or they all claim the same one.

The quick fix appends \`_%(process_num)02d\` to the program's own \`process_name\`. When the program has none, or takes it
from \`[DEFAULT]\`, it adds a \`process_name\` line to the program's section instead: changing \`[DEFAULT]\` would rename the
processes of every program.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions._processes_from_section` (`process_name` read unexpanded, default `%(program_name)s`; "%(process_num) must be present within process_name when numprocs > 1")',
      'CPython `Lib/configparser.py`: `RawConfigParser.get` (a key missing from a section is read from `[DEFAULT]`)',
    ],
  },
  examples: [
    {
      title: 'No process_name: all four would be called worker',
      config:
        '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)02d@%%h\n«numprocs=4»\nstopwaitsecs=600\n',
      fixed:
        '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)02d@%%h\nnumprocs=4\nstopwaitsecs=600\nprocess_name=%(program_name)s_%(process_num)02d\n',
    },
    {
      title: 'A process_name without the number',
      config:
        '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)02d@%%h\nnumprocs=4\n«process_name=celery-worker»\nstopwaitsecs=600\n',
      fixed:
        '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)02d@%%h\nnumprocs=4\nprocess_name=celery-worker_%(process_num)02d\nstopwaitsecs=600\n',
    },
    {
      title: 'process_name from [DEFAULT]: the fix leaves the other programs alone',
      config:
        '[DEFAULT]\nprocess_name=%(group_name)s-%(program_name)s\n\n[program:beat]\ncommand=/srv/app/venv/bin/celery -A proj beat -l info\n\n[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)02d@%%h\n«numprocs=4»\nstopwaitsecs=600\n',
      fixed:
        '[DEFAULT]\nprocess_name=%(group_name)s-%(program_name)s\n\n[program:beat]\ncommand=/srv/app/venv/bin/celery -A proj beat -l info\n\n[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)02d@%%h\nnumprocs=4\nstopwaitsecs=600\nprocess_name=%(group_name)s-%(program_name)s_%(process_num)02d\n',
    },
    {
      config:
        '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)02d@%%h\nnumprocs=4\nprocess_name=%(program_name)s_%(process_num)02d\nstopwaitsecs=600\n',
    },
    {
      title: "An override file read after the program's own sets the process_name supervisord reads: it is marked there",
      path: '/etc/supervisor/conf.d/worker.override.conf',
      config: '[program:worker]\n«process_name=%(program_name)s»\n',
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/worker.conf':
          '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)02d@%%h\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)02d\nstopwaitsecs=600\n',
      },
      fixed: '[program:worker]\nprocess_name=%(program_name)s_%(process_num)02d\n',
    },
    {
      title: 'numprocs from [supervisord] environment=: supervisord expands it before it counts',
      config:
        '[supervisord]\nenvironment=WORKERS="4"\n\n[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)02d@%%h\n«numprocs=%(ENV_WORKERS)s»\nstopwaitsecs=600\n',
      fixed:
        '[supervisord]\nenvironment=WORKERS="4"\n\n[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n worker%(process_num)02d@%%h\nnumprocs=%(ENV_WORKERS)s\nstopwaitsecs=600\nprocess_name=%(program_name)s_%(process_num)02d\n',
    },
  ],
  fixes: { addProcessNum: { title: "Add `_%(process_num)02d` to the program's process name", safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    // A loop, not flatMap: this runs for every program of the file, and flatMap's callback is never inlined.
    for (let i = 0; i < model.programs.length; i++) {
      const program = model.programs[i];
      const { section } = program;
      // Copies of the section in other files merge with this one: each key is read from the last file that sets it.
      const count = entryRead(context, section, 'numprocs');
      const numprocs = processCount(context, program, count);
      if (numprocs <= 1) continue;
      const name = entryRead(context, section, 'process_name');
      const template = name?.entry.value ?? DEFAULT_PROCESS_NAME;
      if (template.includes('%(process_num)')) continue;
      // Read from this file (or process_name set nowhere): the fix goes here. Else another file's line decides, and
      // that file gets the finding and the fix; this one only when its numprocs line takes part.
      const nameHere = name === undefined || name.model === model;
      if (!nameHere && !ownLine(model, section, count)) continue;
      const own = ownLine(model, section, name) ? name!.entry : undefined;
      const last = section.nodes[section.nodes.length - 1];
      // A [DEFAULT] process_name names every program's processes: this program gets its own line, on the same
      // template (a multi-line one falls back to the loader's default).
      const base = own || !name || name.entry.value.includes('\n') ? DEFAULT_PROCESS_NAME : name.entry.value;
      const fixes: Fix[] = !nameHere
        ? []
        : own
          ? [fix.addProcessNum([appendToValue(own, SUFFIX)], { title: `Append ${SUFFIX} to process_name`, preferred: true })]
          : [
              fix.addProcessNum([insertLinesAfter(model.file, last.range.end.line, `process_name=${base}${SUFFIX}`)], {
                title: `Add process_name=${base}${SUFFIX} to [${section.name}]`,
                preferred: true,
              }),
            ];
      // The finding sits in the program's own section, where the fix edits.
      const range = (own ?? (ownLine(model, section, count) ? count!.entry : undefined))?.range ?? section.nodes[0].headerRange;
      const elsewhere = (found: EntryIn | undefined) => (found && found.model !== model ? writtenWhere(model, found) : '');
      findings.push({
        range,
        message: `[${section.name}] numprocs=${numprocs}${elsewhere(count)} needs %(process_num) in process_name${elsewhere(name)}, so each process gets its own name (e.g. process_name=${base}${SUFFIX})`,
        fixes,
      });
    }
    return findings;
  },
});
