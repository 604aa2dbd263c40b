import { parseByteSize } from '../../analysis/byteSize';
import { insertAfterWord } from '../edits';
import type { Finding } from '../types';
import { defineRule } from '../define';
import { celeryWorkersIn } from '../celery/pools';
import { memmonPrograms } from './listeners';
import { perConfiguration } from '../perProgram';
import type { MemmonLimit } from '../../analysis/memmon';
import type { ConfigModel, Program } from '../../analysis/model';
import { programsByProcessName, type ProgramsByProcessName } from '../../analysis/processIndex';
import { addTo } from '../../util/addTo';

/** The prefork Celery workers of a configuration without a --max-memory-per-child, and which a memmon limit watches. */
class PreforkWorkers {
  readonly all: readonly Program[];
  private readonly place = new Map<Program, number>();
  private byGroup?: Map<string, Program[]>;
  private byName?: ProgramsByProcessName;

  constructor(readingOrder: readonly ConfigModel[]) {
    // Loops, not callbacks: a closure made for each analysis loses its optimised code when the analysis is collected.
    const all: Program[] = [];
    for (const model of readingOrder)
      for (const { program, pool, limitsChildMemory } of celeryWorkersIn(model.programs))
        if (!limitsChildMemory && pool === 'prefork') all.push(program);
    for (let i = 0; i < all.length; i++) this.place.set(all[i], i);
    this.all = all;
  }

  /**
   * The workers `limit` watches, in reading order: those of every name with -a, of its group with -g, with a process
   * of its name with -p (superlance `Memmon.runforever`). Looked up, not each tried: a conf.d may have thousands.
   */
  watchedBy(limit: MemmonLimit): Program[] {
    if (limit.malformed) return [];
    if (limit.kind === 'any') return [...this.all];
    if (limit.name === undefined) return [];
    if (limit.kind === 'group') {
      if (!this.byGroup) {
        this.byGroup = new Map();
        for (const program of this.all) addTo(this.byGroup, program.groupName, program);
      }
      return this.byGroup.get(limit.name) ?? [];
    }
    this.byName ??= programsByProcessName(this.all.filter((program) => program.processNames));
    return this.byName.programsNamed(limit.name).sort((a, b) => this.place.get(a)! - this.place.get(b)!);
  }
}

const preforkWorkers = perConfiguration((readingOrder) => new PreforkWorkers(readingOrder));

export const preforkWithoutCumulative = defineRule({
  id: 'memmon/prefork-without-cumulative',
  severity: 'warning',
  summary: 'memmon without -c watching a prefork Celery worker measures only the parent, not the pool children that grow.',
  docs: {
    what: `A memmon limit (\`-p\`, \`-g\` or \`-a\`) of a listener without \`-c\`/\`--cumulative\` that watches a Celery worker of the
prefork pool (the default) which has no \`--max-memory-per-child\` of its own.`,
    why: `Without \`-c\`, memmon measures the resident memory of the one process supervisord started (\`ps -o rss= -p PID\`). A
prefork worker's main process only receives and dispatches tasks; the tasks run in its pool children, which are the
processes that grow. memmon sees a small, steady parent and never restarts the worker, however large the children
get. With \`-c\`, memmon adds up the resident memory of the process and all its descendants.`,
    fix: `Add \`-c\` to the memmon command, and size the limit for the whole worker (parent plus every child):

\`\`\`ini
[eventlistener:memmon]
command=memmon -c -p worker=2GB
events=TICK_60
\`\`\`

\`-c\` applies to every limit of that listener; give processes that should be measured alone a listener of their own.
Alternatively let Celery recycle each child with \`--max-memory-per-child\` (KiB). Silence this rule when the worker's
app sets \`worker_max_memory_per_child\` instead.`,
    references: [
      'superlance 2.0 `superlance/memmon.py`: `Memmon.calc_rss` (one PID without -c, the process tree with it), `memmon_from_args` (`-c`/`--cumulative`)',
      'Celery 5.4 `celery/bin/worker.py`: `worker()` options (`--pool` defaults to prefork, `--max-memory-per-child`)',
      'billiard 4.2 `billiard/pool.py`: `Worker.workloop` (tasks run in the pool children)',
    ],
  },
  examples: [
    {
      config:
        '[program:worker]\ncommand=celery -A proj worker -l info --concurrency=8\nstopwaitsecs=600\n\n[eventlistener:memmon]\ncommand=memmon -p «worker»=2GB\nevents=TICK_60\n',
      fixed:
        '[program:worker]\ncommand=celery -A proj worker -l info --concurrency=8\nstopwaitsecs=600\n\n[eventlistener:memmon]\ncommand=memmon -c -p worker=2GB\nevents=TICK_60\n',
    },
    {
      title: 'Cumulative, or a worker that recycles its own children',
      config:
        '[program:worker]\ncommand=celery -A proj worker -l info --concurrency=8\nstopwaitsecs=600\n\n[program:io]\ncommand=celery -A proj worker -l info -c 4 --max-memory-per-child=262144\nstopwaitsecs=600\n\n[eventlistener:memmon]\ncommand=memmon --cumulative -p worker=2GB\nevents=TICK_60\n\n[eventlistener:memmon-io]\ncommand=memmon -p io=2GB\nevents=TICK_60\n',
    },
  ],
  fixes: { cumulative: { title: 'Add `-c` (every limit of the listener then counts child processes)', safe: false } },
  check(context, fix) {
    // Most files of a conf.d have no memmon: look at the whole configuration's workers only for those that do.
    const listeners = memmonPrograms(context);
    if (listeners.length === 0) return [];
    const workers = preforkWorkers(context.readingOrder);
    if (workers.all.length === 0) return [];
    return listeners.flatMap(({ command, memmon }) => {
      if (memmon.cumulative || memmon.error) return [];
      const insertion = insertAfterWord(command, memmon.words, memmon.programWordIndex, ' -c');
      const add = insertion && fix.cumulative([insertion], { title: 'Add -c', preferred: true });
      return memmon.limits.flatMap((limit): Finding[] => {
        if (parseByteSize(limit.size) === undefined) return [];
        const watched = workers.watchedBy(limit).map((program) => program.name);
        if (watched.length === 0) return [];
        return [
          {
            range: command.rangeOf(limit.nameStart ?? limit.sizeStart, limit.nameEnd ?? limit.sizeEnd),
            message: `memmon without -c measures only the main process of the prefork Celery worker ${watched.join(', ')}; its pool children, where tasks run and memory grows, are not counted, so this limit never restarts it. Add -c and size the limit for the whole worker.`,
            fixes: add ? [add] : [],
          },
        ];
      });
    });
  },
});
