import type { Finding, Fix } from '../types';
import { defineRule } from '../define';
import { appendToValue, insertLinesAfter } from '../edits';

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
that takes \`process_name\` from \`[DEFAULT]\`.`,
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
  ],
  fixes: { addProcessNum: { title: "Add `_%(process_num)02d` to the program's process name", safe: true } },
  check({ model }, fix) {
    const findings: Finding[] = [];
    // A loop, not flatMap: this runs for every program of the file, and flatMap's callback is never inlined.
    for (let i = 0; i < model.programs.length; i++) {
      const program = model.programs[i];
      if (program.numprocs <= 1) continue;
      const entry = model.lookup(program.section, 'process_name');
      const template = entry?.value ?? DEFAULT_PROCESS_NAME;
      if (template.includes('%(process_num)')) continue;
      const own = program.section.entries.get('process_name');
      const last = program.section.nodes[program.section.nodes.length - 1];
      // A [DEFAULT] process_name names every program's processes: this program gets its own line, on the same
      // template (a multi-line one falls back to the loader's default).
      const base = own || !entry || entry.value.includes('\n') ? DEFAULT_PROCESS_NAME : entry.value;
      const addProcessNum: Fix = own
        ? fix.addProcessNum([appendToValue(own, SUFFIX)], { title: `Append ${SUFFIX} to process_name`, preferred: true })
        : fix.addProcessNum([insertLinesAfter(model.file, last.range.end.line, `process_name=${base}${SUFFIX}`)], {
            title: `Add process_name=${base}${SUFFIX} to [${program.section.name}]`,
            preferred: true,
          });
      // The finding sits in the program's own section, where the fix edits.
      const range = (own ?? program.section.entries.get('numprocs'))?.range ?? program.section.nodes[0].headerRange;
      findings.push({
        range,
        message: `[${program.section.name}] numprocs=${program.numprocs} needs %(process_num) in process_name, so each process gets its own name (e.g. process_name=${base}${SUFFIX})`,
        fixes: [addProcessNum],
      });
    }
    return findings;
  },
});
