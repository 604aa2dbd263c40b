import type { CeleryOption, CeleryWorker } from '../../analysis/celery';
import type { Program } from '../../analysis/model';

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
