import type { CeleryCommand } from '../../analysis/celery';
import type { CommandLine } from '../../analysis/commandLine';
import { mergedPrograms, type ConfigModel, type Program } from '../../analysis/model';
import { defineRule } from '../define';
import { programsRun } from '../mergedSections';
import { listed, perConfiguration, perProgram } from '../perProgram';
import { celeryProgramOf, optionSpan } from './pools';
import { formatNumber } from '../../util/formatNumber';

interface BeatProgram {
  program: Program;
  command: CommandLine;
  /**
   * Where the program asks for beat (the `beat` subcommand or the worker's `-B`), as offsets in the command value: a
   * fact outlives the edits that leave its section alone but move its lines, so its range is made when reported.
   */
  start: number;
  end: number;
}

/** Where a command line starts the beat scheduler, if it does, as offsets in its value. */
function beatSpan(celery: CeleryCommand): readonly [number, number] | undefined {
  if (celery.subcommand === 'beat') {
    const word = celery.words[celery.subcommandIndex!];
    return [word.start, word.end];
  }
  const embedded = celery.subcommand === 'worker' ? celery.get('beat') : undefined;
  return embedded?.placement === 'after' ? optionSpan(embedded) : undefined;
}

const beatOf = perProgram((program): BeatProgram | undefined => {
  const found = celeryProgramOf(program);
  const span = found && beatSpan(found.celery);
  return span && { program, command: found.command, start: span[0], end: span[1] };
});

const beatPrograms = listed(beatOf);

/**
 * The beats supervisord runs in a configuration (its files in reading order), one per program: a section copied into
 * several files (a conf.d override file) is one program, running the command= of the last copy that sets one, with the
 * processes of the merged section.
 */
const configurationBeats = perConfiguration((configuration) => new ConfigurationBeats(beatsIn(configuration)));

interface RunningBeat {
  beat: BeatProgram;
  count: number;
}

/** A configuration's beats, with what every finding says of them. */
class ConfigurationBeats {
  /** How many processes run a beat. */
  readonly total: number;
  /** The beats' processes, by the program's section name. */
  readonly counts: ReadonlyMap<string, number>;
  private listed?: string;
  constructor(readonly all: readonly RunningBeat[]) {
    this.total = all.reduce((sum, b) => sum + b.count, 0);
    this.counts = new Map(all.map(({ beat, count }) => [beat.program.section.name, count]));
  }
  /** `[beat], [worker] ×2`: the first LISTED_BEATS, and how many more. */
  get list(): string {
    if (this.listed === undefined) {
      const { all } = this;
      const named = all.slice(0, LISTED_BEATS).map(({ beat, count }) => `[${beat.program.section.name}]${count > 1 ? ` ×${count}` : ''}`);
      if (all.length > LISTED_BEATS) named.push(`${formatNumber(all.length - LISTED_BEATS)} more programs`);
      this.listed = named.join(', ');
    }
    return this.listed;
  }
}

function beatsIn(configuration: readonly ConfigModel[]): RunningBeat[] {
  const merged = new Map(mergedPrograms(configuration).map((program) => [program.section.name, program]));
  const running = new Map<string, Program>();
  for (const model of configuration)
    for (const program of model.programs) {
      const name = program.section.name;
      if (!running.has(name) || program.section.entries.has('command')) running.set(name, program);
    }
  const beats: RunningBeat[] = [];
  for (const program of running.values()) {
    const beat = beatOf(program);
    // A merged numprocs=0 starts no beat, whatever a copy says.
    const count = (merged.get(program.section.name) ?? program).numprocs;
    if (beat && count > 0) beats.push({ beat, count });
  }
  return beats;
}

const processes = (n: number) => `${formatNumber(n)} process${n === 1 ? '' : 'es'}`;

/** Beats a finding names before it counts the rest: every finding names them, and a file may have thousands. */
const LISTED_BEATS = 10;

export const beatMultipleInstances = defineRule({
  id: 'celery/beat-multiple-instances',
  severity: 'error',
  summary:
    'Celery beat (`celery beat` or a worker with -B) in more than one process of the configuration: every periodic task is sent several times.',
  docs: {
    what: `\`celery beat\`, or a \`celery worker\` with \`-B\`/\`--beat\`, in a program with \`numprocs\` above 1, or in
several programs of the same supervisord configuration (this file and the files it includes or that include it). Each
program taking part is reported. A section copied into several files (a conf.d override file) is one program, as
supervisord merges it: the \`command=\` of the last copy that sets one runs, as many times as the merged \`numprocs\`.`,
    why: `Beat is the scheduler: each beat process reads the schedule and sends a task message whenever an entry is
due. Celery has no lock between beat processes, so with two of them every periodic task is queued twice, with three
three times, and so on: reports are mailed twice, invoices charged twice, cleanups race each other.

This holds for an embedded beat (\`-B\`) too: every worker process started with \`-B\` runs its own scheduler.`,
    fix: `Run exactly one beat for the schedule: a single \`[program:beat]\` with \`numprocs=1\` (the default), and no
\`-B\` on the workers.

\`\`\`ini
[program:beat]
command=/srv/venv/bin/celery -A proj beat -l info

[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
\`\`\`

A program that is meant to stand by (\`autostart=false\`) is still reported: silence it there with a comment if that
is what you want.`,
    references: [
      'Celery 5.4 `celery/bin/beat.py`: `beat()`; `celery/beat.py`: `Service`, `Scheduler.tick` (each beat sends the due entries itself)',
      'Celery 5.4 `celery/bin/worker.py`: `worker()` option `-B/--beat`; `celery/worker/components.py`: `Beat` (an embedded beat service per worker)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.processes_from_section` (one process per `numprocs`)',
    ],
  },
  examples: [
    {
      title: 'Two beat processes from one program',
      config: '[program:beat]\ncommand=celery -A proj «beat» -l info\nprocess_name=%(program_name)s_%(process_num)d\nnumprocs=2\n',
    },
    {
      title: 'A beat program, and a worker that embeds another beat',
      config:
        '[program:beat]\ncommand=celery -A proj «beat» -l info\n\n[program:worker]\ncommand=celery -A proj worker -l info «-B»\nstopwaitsecs=600\n',
    },
    {
      title: 'The other beat is in another file of the configuration',
      config: '[program:scheduler]\ncommand=/srv/venv/bin/celery -A proj «beat» -l info\n',
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/old.conf': '[program:celerybeat]\ncommand=/srv/venv/bin/celery -A proj beat\n',
      },
    },
    {
      title: 'One beat, any number of workers',
      config:
        '[program:beat]\ncommand=celery -A proj beat -l info\n\n[program:worker]\ncommand=celery -A proj worker -l info -n worker%(process_num)s@%%h\nprocess_name=%(program_name)s_%(process_num)d\nnumprocs=4\nstopwaitsecs=600\n',
    },
  ],
  check(context) {
    // The file's beats whose command= runs (not one a later file's copy of the section replaces).
    const mine = beatPrograms(programsRun(context));
    // Most files run no beat: the rest of the configuration is read only for those that do.
    if (mine.length === 0) return [];
    const { total, counts, list } = configurationBeats(context.readingOrder);
    if (total <= 1) return [];
    return mine.flatMap(({ program, command, start, end }) => {
      // Not among the beats that run: its merged section starts no process.
      const here = counts.get(program.section.name);
      if (here === undefined) return [];
      return {
        range: command.rangeOf(start, end),
        message: `Celery beat runs in ${processes(total)} of this configuration (${list}): each one sends every periodic task, so each task is queued ${formatNumber(total)} times. Keep a single beat process${here > 1 ? (program.numprocs > 1 ? ' (numprocs=1 here)' : ' (numprocs=1 in the file that sets it)') : ''}.`,
      };
    });
  },
});
