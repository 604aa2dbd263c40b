// A run that lints hundreds of kilobytes of configuration is bound by V8's optimising compiler: on two cores, compiling
// the analysis (about 160 functions, 750 ms of compile time) takes longer than the 600 ms run over 10,000 programs, so
// most of the analysis runs before its optimised code arrives. Inlining less makes each compile shorter and the code
// arrive sooner: whole runs over 10,000 programs 514 -> 465 ms, over 2,000 fragments 457 -> 406 ms, over 500
// fragments 181 -> 155 ms (alternating runs; below 100 KB linted no run differed). Small runs keep V8's defaults and
// never load node:v8.
import type * as V8 from 'node:v8';

/** Characters linted (the targets, and the files of a main config it lints with it) from which a run counts as large. */
export const LARGE_RUN_CHARACTERS = 128 * 1024;

/** V8 inlines up to 920 bytes of bytecode into one function by default: 100 measured best, 50-200 close. */
const SMALLER_INLINING = '--max-inlined-bytecode-size-cumulative=100';
const DEFAULT_INLINING = '--max-inlined-bytecode-size-cumulative=920';

/** V8 tuned for a large run, and put back to its defaults. */
export interface Tuning {
  tune(): void;
  restore(): void;
}

export class LargeRun {
  private characters = 0;
  /** Whether V8 was tuned (and not put back yet). */
  tuned = false;

  constructor(private readonly tuning: Tuning = lessInlining) {}

  /** Told the length of each text the run lints; tunes V8 once when the total reaches LARGE_RUN_CHARACTERS. */
  linting(length: number): void {
    if (this.tuned) return;
    this.characters += length;
    if (this.characters < LARGE_RUN_CHARACTERS) return;
    this.tuned = true;
    this.tuning.tune();
  }

  /**
   * Puts V8's defaults back, for the code cache: V8 rejects a cache made under other flags than its own, and the next
   * run starts with the defaults. The cache holds bytecode, which inlining does not change.
   */
  restore(): void {
    if (!this.tuned) return;
    this.tuned = false;
    this.tuning.restore();
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- node:v8 only for a large run, not at every start
const v8 = () => require('node:v8') as typeof V8;
const lessInlining: Tuning = {
  tune: () => v8().setFlagsFromString(SMALLER_INLINING),
  restore: () => v8().setFlagsFromString(DEFAULT_INLINING),
};
