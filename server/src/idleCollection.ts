// One full garbage collection once the server has been idle for a few seconds after analysing. Each analysis of a
// large file leaves its predecessor's model in V8's old generation, and V8 hands that memory back to the system only
// when its memory reducer runs, which some collections start and others do not: the same 100 edits of a 1 MB file
// left the server at 72 MB after 15 s idle in one run and at 186 MB for as long as it stayed idle in the next.
import type * as V8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/** After this long without analysing, the server collects (a full collection of a 1 MB file's heap: about 5-10 ms). */
const IDLE_COLLECTION_DELAY_MS = 5000;

export class IdleCollection {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly collect: () => void = fullCollection,
    private readonly delayMs = IDLE_COLLECTION_DELAY_MS,
  ) {}

  /** Work was done: collect once nothing more is done for the delay. Cheap enough for every keystroke. */
  worked(): void {
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect();
    }, this.delayMs);
    // A pending collection never keeps the process alive.
    this.timer.unref();
  }
}

let gc: (() => void) | undefined;

/**
 * V8's collector, exposed when first needed rather than by a launch flag, so that every client's start gets it and
 * the flags that key the code cache stay those of a plain start (the cache is written at the first diagnostics,
 * before any collection is due). Freed pages go back to the system as V8's concurrent sweeping ends, within a second.
 */
export function fullCollection(): void {
  if (!gc) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- node:v8 is needed here only: not at every start
    (require('node:v8') as typeof V8).setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
