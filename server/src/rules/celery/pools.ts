import type { CeleryCommand, CeleryOption, CeleryWorker } from '../../analysis/celery';
import type { CommandLine } from '../../analysis/commandLine';
import type { ConfigModel, Program } from '../../analysis/model';
import { removeWords } from '../edits';
import type { TextEdit } from '../types';

/** Pools that run tasks in the worker's own process: Celery cannot recycle a child, so memory limits do nothing. */
export const NON_PROCESS_POOLS = new Set(['gevent', 'eventlet', 'threads', 'solo']);
/** Green-thread pools whose useful concurrency is far above the CPU count Celery defaults to. */
export const IO_POOLS = new Set(['gevent', 'eventlet']);

export interface WorkerProgram {
  program: Program;
  worker: CeleryWorker;
}

export function celeryWorkers(programs: readonly Program[]): WorkerProgram[] {
  return programs.flatMap((program) => {
    const worker = program.command?.celery;
    return worker && program.kind !== 'eventlistener' ? [{ program, worker }] : [];
  });
}

export interface CeleryProgram {
  program: Program;
  command: CommandLine;
  celery: CeleryCommand;
}

/** Programs running any `celery` command line (worker, beat, multi, ...). */
export function celeryPrograms(programs: readonly Program[]): CeleryProgram[] {
  return programs.flatMap((program) => {
    const command = program.command;
    const celery = command?.celeryCommand;
    return command && celery && program.kind !== 'eventlistener' ? [{ program, command, celery }] : [];
  });
}

/** The edit removing an option (flag and value), or undefined when it shares its word with other flags. */
export function removeOption(model: ConfigModel, command: CommandLine, option: CeleryOption): TextEdit | undefined {
  return option.inCluster ? undefined : removeWords(model.file, command, option.firstWord, option.firstWord + option.wordCount - 1);
}

/** Edits removing every occurrence of an option, or undefined when one cannot be removed alone. */
export function removeOptions(model: ConfigModel, command: CommandLine, options: readonly CeleryOption[]): TextEdit[] | undefined {
  const edits = options.map((o) => removeOption(model, command, o));
  return edits.every((e) => e !== undefined) ? (edits as TextEdit[]) : undefined;
}

/**
 * The edit writing `text` as an option's value, or undefined when the value cannot be rewritten alone (it shares a
 * quoted word with its flag).
 */
export function replaceOptionValue(command: CommandLine, option: CeleryOption, text: string): TextEdit | undefined {
  if (option.valueStart === undefined) return undefined;
  const shared = option.wordCount === 1 && !command.split.words[option.firstWord].verbatim;
  return shared ? undefined : { range: command.rangeOf(option.valueStart, option.valueEnd!), newText: text };
}

/** Range offsets of an option as written: flag through value. */
export function optionSpan(option: CeleryOption): [number, number] {
  return [option.flagStart, option.valueEnd ?? option.flagEnd];
}
