// How many tasks a Celery worker runs at once, and what --max-memory-per-child adds up to over its children
// (limit × children × processes), as hover and the code lens both show them.
import type { CeleryWorker } from './celery';
import type { Program } from './model';
import { parsePythonInt } from './pythonInt';

export interface Autoscale {
  max: number;
  min: number;
}

export interface WorkerMemory {
  perChildKiB: number;
  /** The most pool children at once (see workerConcurrency), or undefined when Celery takes the CPU count. */
  children?: number;
  /** The children come from `--autoscale`'s maximum rather than `--concurrency`. */
  autoscaled: boolean;
  processes: number;
  /** perChildKiB × children × processes, when the number of children is known. */
  totalKiB?: number;
}

/**
 * `--autoscale` as Celery's option type reads it: one number is the maximum (minimum 0); of two, the larger is the
 * maximum whatever the order. Undefined when absent or unreadable.
 */
export function workerAutoscale(worker: CeleryWorker): Autoscale | undefined {
  const value = worker.get('autoscale')?.value;
  if (value === undefined) return undefined;
  const parts = value.split(',').map((part) => parsePythonInt(part));
  if (parts.length > 2 || parts.some((n) => n === undefined)) return undefined;
  const [a, b = 0] = parts as number[];
  return { max: Math.max(a, b), min: Math.min(a, b) };
}

/**
 * The most tasks a worker runs at once: 1 for the solo pool (it ignores `--concurrency`), else `--autoscale`'s maximum
 * (the pool is sized by autoscale, `--concurrency` is then ignored), else `--concurrency`; undefined when Celery takes
 * the CPU count (no option, or 0).
 */
export function workerConcurrency(worker: CeleryWorker): number | undefined {
  if (worker.pool() === 'solo') return 1;
  const autoscale = workerAutoscale(worker);
  if (autoscale) return autoscale.max || undefined;
  return parsePythonInt(worker.get('concurrency')?.value ?? '') || undefined;
}

/**
 * What a prefork worker's memory limit adds up to over its children (the last --max-memory-per-child wins): a recycling
 * threshold each child is checked against after a task, not a cap. Undefined without one,
 * and for other pools: they have no child processes to replace, so the limit is never applied.
 */
/** `numprocs`: the program's processes (its own section's unless told, e.g. merged across files). */
export function workerMemory(program: Program, numprocs = program.numprocs): WorkerMemory | undefined {
  const worker = program.command?.celery;
  if (!worker || worker.pool() !== 'prefork') return undefined;
  const perChildKiB = parsePythonInt(worker.get('maxMemoryPerChild')?.value ?? '');
  if (perChildKiB === undefined) return undefined;
  const children = workerConcurrency(worker);
  const processes = Math.max(numprocs, 1);
  return {
    perChildKiB,
    children,
    autoscaled: workerAutoscale(worker) !== undefined,
    processes,
    totalKiB: children === undefined ? undefined : perChildKiB * children * processes,
  };
}
