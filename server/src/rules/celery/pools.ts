import type { CeleryCommand, CeleryOption, CeleryWorker } from '../../analysis/celery';
import type { CommandLine } from '../../analysis/commandLine';
import { entryEnvironmentPairs } from '../../analysis/environmentPairs';
import type { ConfigModel, Program } from '../../analysis/model';
import type { ShellWord } from '../../analysis/shellWords';
import type { Entry } from '../../parser';
import { canEditAround, removeWords } from '../edits';
import { listed, perProgram } from '../perProgram';
import { entryRead, programsRun } from '../mergedSections';
import { pathFrom } from '../config/shared';
import type { RuleContext, TextEdit } from '../types';

/** What the lists of the analysed file's programs are worked out from. */
type RunContext = Parameters<typeof programsRun>[0];

/** Pools that run tasks in the worker's own process: Celery cannot recycle a child, so memory limits do nothing. */
export const NON_PROCESS_POOLS = new Set(['gevent', 'eventlet', 'threads', 'solo']);
/** Green-thread pools whose useful concurrency is far above the CPU count Celery defaults to. */
export const IO_POOLS = new Set(['gevent', 'eventlet']);

export interface WorkerProgram {
  program: Program;
  worker: CeleryWorker;
  // Asked of every worker of a configuration on every analysis: worked out once per program.
  /** worker.pool() */
  pool: string;
  /** Whether the worker sets --max-memory-per-child. */
  limitsChildMemory: boolean;
}

const workerOf = perProgram((program): WorkerProgram | undefined => {
  const worker = program.command?.celery;
  if (!worker || program.kind === 'eventlistener') return undefined;
  return { program, worker, pool: worker.pool(), limitsChildMemory: worker.options.some((o) => o.name === 'maxMemoryPerChild') };
});

// A dozen rules ask for the same lists, built from facts kept per program.
/** The Celery workers among `programs` (another file's too: some rules look at the whole configuration). */
export const celeryWorkersIn = listed(workerOf);
/** The Celery workers of the analysed file whose command supervisord runs (see programsRun). */
export const celeryWorkers = (context: RunContext) => celeryWorkersIn(programsRun(context));

export interface CeleryProgram {
  program: Program;
  command: CommandLine;
  celery: CeleryCommand;
}

/** The Celery command line a program runs, if any. */
export const celeryProgramOf = perProgram((program): CeleryProgram | undefined => {
  const command = program.command;
  const celery = command?.celeryCommand;
  return command && celery && program.kind !== 'eventlistener' ? { program, command, celery } : undefined;
});

const celeryProgramsIn = listed(celeryProgramOf);
/**
 * The analysed file's programs running any `celery` command line (worker, beat, multi, ...) that supervisord runs.
 * Rules loop over them and their options themselves: a callback made for each analysis would lose its optimised code
 * each time the analysis is collected.
 */
export const celeryPrograms = (context: RunContext) => celeryProgramsIn(programsRun(context));

/**
 * The edits removing an option (flag and value) from the Celery command's words, or undefined when it shares its word
 * with other flags or sits where an edit could break a script's quoting.
 */
export function removeOption(
  model: ConfigModel,
  command: CommandLine,
  words: readonly ShellWord[],
  option: CeleryOption,
): TextEdit[] | undefined {
  return option.inCluster ? undefined : removeWords(model.file, command, words, option.firstWord, option.firstWord + option.wordCount - 1);
}

/** Edits removing every occurrence of an option, or undefined when one cannot be removed alone. */
export function removeOptions(
  model: ConfigModel,
  command: CommandLine,
  words: readonly ShellWord[],
  options: readonly CeleryOption[],
): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const option of options) {
    const removal = removeOption(model, command, words, option);
    if (!removal) return undefined;
    edits.push(...removal);
  }
  return edits;
}

/**
 * The edit writing `text` as an option's value, or undefined when the value cannot be rewritten alone (it shares a
 * quoted word with its flag, or sits where an edit could break a script's quoting).
 */
export function replaceOptionValue(
  command: CommandLine,
  words: readonly ShellWord[],
  option: CeleryOption,
  text: string,
): TextEdit | undefined {
  if (option.valueStart === undefined) return undefined;
  const word = words[option.firstWord + option.wordCount - 1];
  const shared = option.wordCount === 1 && !word.verbatim;
  return shared || !canEditAround(word) ? undefined : { range: command.rangeOf(option.valueStart, option.valueEnd!), newText: text };
}

/** Range offsets of an option as written: flag through value. */
export function optionSpan(option: CeleryOption): [number, number] {
  return [option.flagStart, option.valueEnd ?? option.flagEnd];
}

export interface EnvironmentSetting {
  /** The line that sets it: an `environment=` line, or the `command=` whose wrappers set it (`env NAME=VALUE`, `export`). */
  entry: Entry;
  /** The file that line is in: [supervisord] may sit in another file of the configuration. */
  model: ConfigModel;
  value: string;
  /** Where it is set, for messages: e.g. `the environment of [supervisord]`, `the command of [program:worker]`. */
  where: string;
}

/**
 * A variable of a program's environment as the service finally gets it: what the command's wrappers set (`env
 * NAME=VALUE`, `export`, `NAME=VALUE cmd` in a script) over the program's `environment=` (falling back to [DEFAULT])
 * over the `environment=` of [supervisord] (`global`, see supervisordEnvironment); a wrapper that unsets it (`env -u`,
 * `unset`, `env -i`) hides the latter two.
 */
export function programEnvironment(
  context: RuleContext,
  program: Program,
  key: string,
  global: SupervisordEnvironment | undefined,
): EnvironmentSetting | undefined {
  const command = program.command;
  if (command) {
    const { environment, removed } = command.service;
    const value = environment.get(key);
    if (value !== undefined)
      return { entry: command.entry, model: context.model, value, where: `the command of [${program.section.name}]` };
    if (removed === 'all' || removed.has(key)) return undefined;
  }
  // As supervisord merges the section: a conf.d override file's environment= replaces this file's.
  const own = entryRead(context, program.section, 'environment');
  const ownValue = own ? variableIn(own.entry, key) : undefined;
  if (own && ownValue !== undefined) {
    const section = own.section.name === 'DEFAULT' ? 'DEFAULT' : program.section.name;
    const where = own.model === context.model ? '' : ` in ${pathFrom(context.model, own.model)}`;
    return { entry: own.entry, model: own.model, value: ownValue, where: `the environment of [${section}]${where}` };
  }
  const globalValue = global ? variableIn(global.entry, key) : undefined;
  if (global && globalValue !== undefined)
    return { entry: global.entry, model: global.model, value: globalValue, where: 'the environment of [supervisord]' };
  return undefined;
}

/** The `environment=` line of the configuration's [supervisord], and the file that has it. */
export interface SupervisordEnvironment {
  entry: Entry;
  model: ConfigModel;
}

/**
 * The environment= line of the configuration's [supervisord], which rules look up once per check and hand to
 * programEnvironment for each worker. Not memoised by rule context: optimised code that looked a per-analysis context
 * up in a WeakMap was thrown away after each analysis ('weak objects', see util/keepShape.ts).
 */
export function supervisordEnvironment(context: RuleContext): SupervisordEnvironment | undefined {
  const main = context.firstSection('supervisord');
  const entry = main?.model.lookup(main.section, 'environment');
  return main && entry ? { entry, model: main.model } : undefined;
}

/** The value an `environment=` line gives a variable (the last pair naming it), undefined when none or unreadable. */
function variableIn(entry: Entry, key: string): string | undefined {
  const parsed = entryEnvironmentPairs(entry);
  if (!parsed.ok) return undefined;
  // A plain loop, not findLast with a callback: two rules ask this of every Celery worker.
  for (let i = parsed.pairs.length - 1; i >= 0; i--) if (parsed.pairs[i].key === key) return parsed.pairs[i].value;
  return undefined;
}
