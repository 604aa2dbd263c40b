import type { CeleryOption, CeleryWorker } from '../../analysis/celery';
import { parseEnvironmentPairs } from '../../analysis/environmentPairs';
import type { ConfigModel, Program } from '../../analysis/model';
import type { Entry } from '../../parser';
import type { RuleContext } from '../types';

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

/** Range offsets of an option as written: flag through value. */
export function optionSpan(option: CeleryOption): [number, number] {
  return [option.flagStart, option.valueEnd ?? option.flagEnd];
}

export interface EnvironmentSetting {
  /** The `environment=` line that sets it. */
  entry: Entry;
  /** The section that line is in: the program's own, `DEFAULT` or `supervisord`. */
  section: string;
  /** The file that line is in: [supervisord] may sit in another file of the configuration. */
  model: ConfigModel;
  value: string;
}

/**
 * A variable of a program's environment as supervisord builds it: the program's `environment=` (falling back to
 * [DEFAULT]) over the `environment=` of [supervisord].
 */
export function programEnvironment(context: RuleContext, program: Program, key: string): EnvironmentSetting | undefined {
  const own = context.model.lookup(program.section, 'environment');
  const main = context.configuration.find((model) => model.section('supervisord'));
  const sources: Omit<EnvironmentSetting, 'value'>[] = [];
  if (own) sources.push({ entry: own, model: context.model, section: program.section.entries.has('environment') ? program.section.name : 'DEFAULT' });
  const global = main?.lookup(main.section('supervisord')!, 'environment');
  if (global) sources.push({ entry: global, model: main!, section: 'supervisord' });
  for (const source of sources) {
    const parsed = parseEnvironmentPairs(source.entry.value);
    const pair = parsed.ok ? parsed.pairs.findLast((p) => p.key === key) : undefined;
    if (pair) return { ...source, value: pair.value };
  }
  return undefined;
}
