import type { CeleryOption } from '../../analysis/celery';
import { memmonWatch } from '../../analysis/memmonWatch';
import type { ConfigModel, Program } from '../../analysis/model';
import { parsePythonInt } from '../../analysis/pythonInt';
import { insertAfterWord, insertLinesAfter } from '../edits';
import type { Fix, FixMaker, RuleContext, TextEdit } from '../types';
import { defineRule } from '../define';
import { configurationPrograms, memmonProgramsIn, watchTargets, watchText, type MemmonProgram } from '../memmon/listeners';
import { needsLogin, supervisordServer } from '../memmon/rpcServer';
import { celeryWorkers, NON_PROCESS_POOLS, optionSpan, removeOptions, type WorkerProgram } from './pools';

/** The worker sets --max-memory-per-child with a pool that has no child processes to recycle. */
const limitIgnored = ({ pool, limitsChildMemory }: WorkerProgram) => limitsChildMemory && NON_PROCESS_POOLS.has(pool);

export const maxMemoryPerChildIgnored = defineRule({
  id: 'celery/max-memory-per-child-ignored',
  severity: 'warning',
  summary: '--max-memory-per-child on a gevent, eventlet, threads or solo pool: Celery never enforces it there.',
  docs: {
    what: `A Celery worker started with \`--max-memory-per-child\` while its pool is \`gevent\`, \`eventlet\`, \`threads\` or \`solo\`.`,
    why: `\`--max-memory-per-child\` (in KiB) is handed to the pool as an option and only billiard's prefork pool reads it: after
each task a prefork child compares its peak resident memory with the limit and exits so that a fresh child replaces
it. The green-thread, thread and solo pools run every task inside the one worker process; they accept the option
and never look at it. A leaking worker then grows until the kernel's OOM killer or a human steps in.`,
    fix: `Remove the option. For a memory ceiling, let supervisord enforce it from outside with superlance's \`memmon\` event
listener, which restarts a process (with its \`stopsignal\`, so a warm shutdown) when its resident memory exceeds the
size you give:

\`\`\`ini
[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info --pool=gevent --concurrency=10

[eventlistener:memmon]
command=/srv/venv/bin/memmon -p worker=512MB
events=TICK_60
\`\`\`

How memmon names the program's processes (it matches \`-p\` against process names in any group, \`-g\` against
supervisord group names):
- one process (\`numprocs=1\`), grouped or not: \`-p\` with its process name;
- several processes of a program that no \`[group:x]\` lists: \`-g\` with the program's name, which is its group;
- several processes of a program listed in a \`[group:x]\`: \`-g x\` when it is the group's only program, else one
  \`-p\` per process name (\`-g program\` would match nothing, and \`-g x\` would also watch the group's other programs).

The memmon quick fixes do this with the old KiB value converted to MB: they add the limit to the memmon listener of
the same file, or add a listener when the configuration has none and memmon can reach supervisord (an HTTP server
without a login, and \`[rpcinterface:supervisor]\`). When memmon already watches the program, only the removal is
offered.`,
    references: [
      'Celery 5.4 `celery/worker/components.py`: `Pool.create` (the limit is a pool option)',
      'Celery 5.4 `celery/concurrency/base.py`: `BasePool.__init__`; `celery/concurrency/gevent.py`, `eventlet.py`, `thread.py`, `solo.py` never read it',
      'billiard 4.2 `billiard/pool.py`: `Worker.workloop` (the per-child check after each task)',
      'superlance 2.0 `superlance/memmon.py`: `Memmon.runforever` (how `-p`, `-g` and `-a` match processes)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.process_groups_from_parser` (a grouped program belongs to its [group:x])',
    ],
  },
  examples: [
    {
      title: 'A gevent worker with a per-child limit',
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info -P gevent -c 100 «--max-memory-per-child=262144»
stopwaitsecs=600

[eventlistener:memmon]
command=/srv/venv/bin/memmon -p api=300MB
events=TICK_60
`,
      fixed: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info -P gevent -c 100
stopwaitsecs=600

[eventlistener:memmon]
command=/srv/venv/bin/memmon -p api=300MB
events=TICK_60
`,
      alsoFixed: [
        {
          title: 'memmon restart worker above 256MB',
          fixed: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info -P gevent -c 100
stopwaitsecs=600

[eventlistener:memmon]
command=/srv/venv/bin/memmon -p api=300MB -p worker=256MB
events=TICK_60
`,
        },
      ],
    },
    {
      title: 'Several threads workers and no memmon yet: a listener is added with -g',
      config: `[supervisord]

[unix_http_server]
file=/run/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface

[program:worker]
command=celery -A proj worker -l info --pool threads «--max-memory-per-child 524288»
numprocs=2
process_name=%(program_name)s_%(process_num)d
stopwaitsecs=600
`,
      fixed: `[supervisord]

[unix_http_server]
file=/run/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface

[program:worker]
command=celery -A proj worker -l info --pool threads
numprocs=2
process_name=%(program_name)s_%(process_num)d
stopwaitsecs=600
`,
      alsoFixed: [
        {
          title: 'memmon restart worker above 512MB',
          fixed: `[supervisord]

[unix_http_server]
file=/run/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface

[program:worker]
command=celery -A proj worker -l info --pool threads
numprocs=2
process_name=%(program_name)s_%(process_num)d
stopwaitsecs=600

[eventlistener:memmon]
command=memmon -g worker=512MB
events=TICK_60
`,
        },
      ],
    },
    {
      title: 'Several processes of a program in a [group:x] with other programs: each process is named',
      config: `[group:celery]
programs=worker,beat

[program:worker]
command=celery -A proj worker -l info -P eventlet «--max-memory-per-child=204800»
numprocs=2
process_name=worker_%(process_num)d
stopwaitsecs=600

[program:beat]
command=celery -A proj beat -l info

[eventlistener:memmon]
command=memmon -p beat=100MB
events=TICK_60
`,
      fixed: `[group:celery]
programs=worker,beat

[program:worker]
command=celery -A proj worker -l info -P eventlet
numprocs=2
process_name=worker_%(process_num)d
stopwaitsecs=600

[program:beat]
command=celery -A proj beat -l info

[eventlistener:memmon]
command=memmon -p beat=100MB
events=TICK_60
`,
      alsoFixed: [
        {
          title: 'memmon restart worker above 200MB',
          fixed: `[group:celery]
programs=worker,beat

[program:worker]
command=celery -A proj worker -l info -P eventlet
numprocs=2
process_name=worker_%(process_num)d
stopwaitsecs=600

[program:beat]
command=celery -A proj beat -l info

[eventlistener:memmon]
command=memmon -p beat=100MB -p worker_0=200MB -p worker_1=200MB
events=TICK_60
`,
        },
      ],
    },
    {
      config: '[program:worker]\ncommand=celery -A proj worker -l info --max-memory-per-child=262144\nstopwaitsecs=600\n',
      title: 'The prefork pool enforces it',
    },
  ],
  fixes: {
    remove: { title: 'Remove the option', safe: true },
    extendMemmon: { title: 'Remove the option and add the same limit to the memmon listener of this file', safe: true },
    addMemmon: { title: 'Remove the option and add a memmon listener with the same limit', safe: false },
  },
  check(context, fix) {
    const { model } = context;
    const offending = celeryWorkers(context).filter(limitIgnored);
    // Most files of a conf.d have no such worker: look at the whole configuration's memmon only for those that do.
    if (offending.length === 0) return [];
    const { configuration, complete } = context;
    const programs = configurationPrograms(configuration);
    const watchOf = memmonWatch(programs);
    const listeners = memmonProgramsIn(programs).filter((l) => l.program.kind === 'eventlistener');
    return offending.flatMap(({ program, worker }) => {
      const pool = worker.pool();
      const options = worker.options.filter((o) => o.name === 'maxMemoryPerChild');
      // One finding per worker, on the occurrence Celery would use; its fixes remove every occurrence.
      const option = options[options.length - 1];
      const command = program.command!;
      const removals = removeOptions(model, command, worker.words, options);
      const watched = watchOf(program);
      const advice = watched
        ? `Remove it: memmon already restarts this program above ${watched.text}.`
        : 'Remove it and let memmon (superlance) restart this program when it grows too large.';
      const message = `${option.flag} has no effect with the ${pool} pool: Celery only replaces worker child processes of the prefork pool. ${advice}`;
      const range = command.rangeOf(...optionSpan(option));
      // No fix where removing the option could break the quoting of a shell script around it.
      if (!removals) return [{ range, message }];
      const memmon: MemmonFixContext = { model, configuration, context, complete, listeners, program, option, removals };
      return [
        {
          range,
          message,
          fixes: [fix.remove(removals, { title: `Remove ${option.flag}`, preferred: true }), ...(watched ? [] : memmonFix(memmon, fix))],
        },
      ];
    });
  },
});

interface MemmonFixContext {
  model: ConfigModel;
  configuration: readonly ConfigModel[];
  /** Where the supervisord server's sections are looked for. */
  context: Pick<RuleContext, 'firstSection'>;
  complete: boolean;
  /** The memmon listeners of the whole configuration. */
  listeners: MemmonProgram[];
  program: Program;
  option: CeleryOption;
  removals: TextEdit[];
}

function memmonSize(option: CeleryOption): string {
  const kib = parsePythonInt(option.value ?? '');
  return kib && kib > 0 ? `${Math.ceil(kib / 1024)}MB` : '512MB';
}

function uniqueSectionName(model: ConfigModel): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'eventlistener:memmon' : `eventlistener:memmon-${n}`;
    if (!model.section(name)) return name;
  }
}

/**
 * Moves the limit to memmon: into the memmon listener of this file when there is one (a second memmon would measure
 * and restart on its own), or into a new listener when the configuration has none and memmon could reach supervisord
 * there without a login. A listener in another file cannot be edited from here, so then there is no memmon fix.
 */
function memmonFix(
  { model, configuration, context, complete, listeners, program, option, removals }: MemmonFixContext,
  fix: Record<'extendMemmon' | 'addMemmon', FixMaker>,
): Fix[] {
  const size = memmonSize(option);
  const targets = watchTargets(program, configuration);
  if (!targets) return [];
  const options = watchText(targets, size);
  const title = `Remove ${option.flag} and let memmon restart ${program.name} above ${size}`;
  const here = listeners.find((l) => model.programs.includes(l.program) && !l.memmon.error);
  if (here) {
    const insert = insertAfterWord(here.command, here.memmon.words, here.memmon.lastOptionWord, ` ${options}`);
    return insert ? [fix.extendMemmon([...removals, insert], { title })] : [];
  }
  if (listeners.length > 0 || !complete) return [];
  const server = supervisordServer(context);
  if (server.kind !== 'server' || needsLogin(server)) return [];
  const lastLine = program.section.nodes[program.section.nodes.length - 1].range.end.line;
  const section = ['', `[${uniqueSectionName(model)}]`, `command=memmon ${options}`, 'events=TICK_60'].join(model.file.eol);
  return [fix.addMemmon([...removals, insertLinesAfter(model.file, lastLine, section)], { title })];
}
