// Stops work that never ends. Analysis runs on the process's only thread, so a loop without end in one rule (a bug,
// found on input nobody foresaw) would hang the language server or the CLI for good. V8 can stop running JavaScript
// from outside, and Node exposes that safely in one place only: a vm script's `timeout`, which stops the script and
// whatever it calls, then lets the thread carry on. The stopped work's own `finally` blocks do not run, so what it
// leaves must be state that a later run starts afresh or finds complete (see lint.ts).
import { Script } from 'node:vm';
import { now } from './clock';

/** Work stopped at its deadline. */
export class Overrun extends Error {
  constructor(readonly limitMs: number) {
    super(`did not finish within ${limitMs / 1000} s`);
  }
}

/** Where the script finds the work: a global symbol, as the script runs in this context but sees no module scope. */
const WORK_KEY = 'vscode-supervisor.deadlineWork';
const WORK = Symbol.for(WORK_KEY);
type Holder = Record<symbol, (() => unknown) | undefined>;
/** The script that calls the work: one for the process, compiled once. */
let caller: Script | undefined;

/**
 * Runs `work` and returns what it returns, or throws Overrun when it is still running after `limitMs` (wall time).
 * Each call starts a timer thread (about 0.1 ms): callers with many small pieces of work use eachWithin.
 */
export function runWithin<T>(limitMs: number, work: () => T): T {
  caller ??= new Script(`globalThis[Symbol.for(${JSON.stringify(WORK_KEY)})]()`, { filename: 'deadline' });
  const holder = globalThis as unknown as Holder;
  const outer = holder[WORK];
  holder[WORK] = work;
  try {
    // displayErrors off: an error of the work's own goes through unchanged.
    return caller.runInThisContext({ timeout: Math.max(1, Math.ceil(limitMs)), displayErrors: false }) as T;
  } catch (error) {
    if ((error as { code?: unknown })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new Overrun(limitMs);
    throw error;
  } finally {
    holder[WORK] = outer;
  }
}

/**
 * How long one timer serves eachWithin's steps before it ends its turn after a step: long enough that the timer's cost
 * vanishes, short enough that a step that never ends is stopped soon after its own limit.
 */
const TURN_MS = 1_000;

/**
 * Calls `step(i)` for i = 0, 1, ... while i < count() (which may grow as steps run), each step limited to `limitMs`: one
 * that is still running then is stopped, `overran(i, overrun)` is called in its place, and the steps go on with the
 * next. The steps share a timer for up to TURN_MS at a time, each one given at least `limitMs`.
 */
export function eachWithin(
  count: () => number,
  limitMs: number,
  step: (i: number) => void,
  overran: (i: number, overrun: Overrun) => void,
): void {
  let next = 0;
  while (next < count()) {
    const turn = now();
    try {
      runWithin(TURN_MS + limitMs, () => {
        while (next < count()) {
          step(next);
          next++;
          if (now() - turn > TURN_MS) return;
        }
      });
    } catch (error) {
      if (!(error instanceof Overrun)) throw error;
      overran(next, new Overrun(limitMs));
      next++;
    }
  }
}
