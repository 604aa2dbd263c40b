// The worst-case memory of a Celery worker under --max-memory-per-child: limit × children × processes, as hover
// and the code lens both show it.
import type { Program } from './model';
import { parsePythonInt } from './pythonInt';

export interface WorkerMemory {
  perChildKiB: number;
  /** `--concurrency`, or undefined when Celery takes the CPU count. */
  concurrency?: number;
  processes: number;
  /** perChildKiB × concurrency × processes, when the concurrency is known. */
  totalKiB?: number;
}

/** A Celery worker's --concurrency, or undefined when it takes the CPU count. */
export const workerConcurrency = (program: Program) => parsePythonInt(program.command?.celery?.get('concurrency')?.value ?? '');

/** The worker's effective memory limit (the last --max-memory-per-child wins), or undefined without one. */
export function workerMemory(program: Program): WorkerMemory | undefined {
  const perChildKiB = parsePythonInt(program.command?.celery?.get('maxMemoryPerChild')?.value ?? '');
  if (perChildKiB === undefined) return undefined;
  const concurrency = workerConcurrency(program);
  const processes = Math.max(program.numprocs, 1);
  return { perChildKiB, concurrency, processes, totalKiB: concurrency === undefined ? undefined : perChildKiB * concurrency * processes };
}
