import type { CeleryOption } from '../../analysis/celery';
import type { CommandLine } from '../../analysis/commandLine';
import type { ConfigModel, Program } from '../../analysis/model';
import { parsePythonInt } from '../../analysis/pythonInt';
import { insertAfterWord, insertLinesAfter, removeWords } from '../edits';
import type { Fix, FixMaker, TextEdit } from '../types';
import { defineRule } from '../define';
import { celeryWorkers, NON_PROCESS_POOLS, optionSpan } from './pools';

export const maxMemoryPerChildIgnored = defineRule({
  id: 'celery/max-memory-per-child-ignored',
  severity: 'warning',
  summary: '--max-memory-per-child on a gevent, eventlet, threads or solo pool: Celery never enforces it there.',
  docs: {
    what: `A Celery worker started with \`--max-memory-per-child\` while its pool is \`gevent\`, \`eventlet\`, \`threads\` or \`solo\`.`,
    why: `\`--max-memory-per-child\` tells Celery to replace a *child process* once it has grown past the limit (in KiB). Only the
default \`prefork\` pool has child processes. The green-thread and thread pools run every task inside the one worker
process, so the option is accepted on the command line and then silently never applies: a leaking worker grows until
the kernel's OOM killer or a human steps in.`,
    fix: `Remove the option, and if you want a memory ceiling, let supervisord enforce it from outside with superlance's
\`memmon\` event listener, which restarts the program (gracefully, with its \`stopsignal\`) when its resident memory
exceeds the size you give:

\`\`\`ini
[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info --pool=gevent --concurrency=10

[eventlistener:memmon]
command=/srv/venv/bin/memmon -p worker=512MB
events=TICK_60
\`\`\`

The second quick fix does exactly this, converting the old KiB value to MB.`,
    references: [],
  },
  examples: [],
  fixes: {
    remove: { title: 'Remove the option', safe: true },
    memmon: { title: 'Remove the option and let memmon restart the program above the same size', safe: true },
  },
  check({ model }, fix) {
    // Found once for all workers: the listener to extend, if the config already runs memmon.
    const listener = model.programs.find((p) => p.kind === 'eventlistener' && p.command?.memmon)?.command;
    return celeryWorkers(model.programs).flatMap(({ program, worker }) => {
      const pool = worker.pool();
      if (!NON_PROCESS_POOLS.has(pool)) return [];
      const options = worker.options.filter((o) => o.name === 'maxMemoryPerChild');
      if (options.length === 0) return [];
      // One finding per worker, on the occurrence Celery would use; its fixes remove every occurrence.
      const option = options[options.length - 1];
      const command = program.command!;
      const removals = options.map((o) => removeWords(model.file, command, o.firstWord, o.firstWord + o.wordCount - 1));
      return [
        {
          range: command.rangeOf(...optionSpan(option)),
          message:
            `${option.flag} has no effect with the ${pool} pool: Celery only replaces worker child processes of the ` +
            'prefork pool. Remove it and let memmon (superlance) restart this program when it grows too large.',
          fixes: [
            fix.remove(removals, { title: `Remove ${option.flag}`, preferred: true }),
            ...memmonFix(model, listener, program, option, removals, fix.memmon),
          ],
        },
      ];
    });
  },
});

/** memmon's arguments that watch every process of a program. */
function memmonTargets(program: Program, size: string): string | undefined {
  if (program.groupName === program.name) {
    return program.numprocs === 1 && program.processNames ? `-p ${program.processNames[0]}=${size}` : `-g ${program.name}=${size}`;
  }
  return program.processNames?.map((name) => `-p ${program.groupName}:${name}=${size}`).join(' ');
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

function memmonFix(
  model: ConfigModel,
  listener: CommandLine | undefined,
  program: Program,
  option: CeleryOption,
  removals: TextEdit[],
  memmon: FixMaker,
): Fix[] {
  const size = memmonSize(option);
  const targets = memmonTargets(program, size);
  if (!targets) return [];
  const title = `Remove ${option.flag} and let memmon restart ${program.name} above ${size}`;
  if (listener?.memmon) {
    return [memmon([...removals, insertAfterWord(listener, listener.memmon.words.length - 1, ` ${targets}`)], { title })];
  }
  const lastLine = program.section.nodes[program.section.nodes.length - 1].range.end.line;
  const section = ['', `[${uniqueSectionName(model)}]`, `command=memmon ${targets}`, 'events=TICK_60'].join(model.file.eol);
  return [memmon([...removals, insertLinesAfter(model.file, lastLine, section)], { title })];
}
