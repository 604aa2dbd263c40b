// A run over megabytes of configuration is bound by V8's optimising compiler: on two cores, compiling the analysis
// (about 160 functions, 750 ms of compile time) takes longer than the 600 ms run over 10,000 programs, so most of the
// analysis runs before its optimised code arrives. Inlining less makes each compile shorter and the code arrive
// sooner: whole runs over 10,000 programs 514 -> 465 ms, over 2,000 fragments 457 -> 406 ms, over 500 fragments
// unchanged (alternating runs, see the README's Benchmark section). Small runs keep V8's defaults and never load
// node:v8.
import type * as V8 from 'node:v8';

/** Characters read (targets and the files their configurations include) from which a run counts as large. */
export const LARGE_RUN_CHARACTERS = 512 * 1024;

/** V8 inlines up to 920 bytes of bytecode into one function by default: 100 measured best, 50-200 close. */
const SMALLER_INLINING = '--max-inlined-bytecode-size-cumulative=100';

export class LargeRun {
  private characters = 0;
  /**
   * Whether V8 was tuned. Its code cache then must not be written: V8 checks the flags a cache was made with, and the
   * next run, started with the defaults, would reject it.
   */
  tuned = false;

  constructor(private readonly tune: () => void = inlineLess) {}

  /** Told the length of each text the run reads; tunes V8 once when the total reaches LARGE_RUN_CHARACTERS. */
  read(length: number): void {
    if (this.tuned) return;
    this.characters += length;
    if (this.characters < LARGE_RUN_CHARACTERS) return;
    this.tuned = true;
    this.tune();
  }
}

function inlineLess(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- node:v8 only for a large run, not at every start
  (require('node:v8') as typeof V8).setFlagsFromString(SMALLER_INLINING);
}
