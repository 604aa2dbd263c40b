// A large CLI run is bound by V8's optimising compiler: on two cores, compiling the analysis takes longer than a run over
// 10,000 programs, so most of the analysis runs before its optimised code arrives. So a run of 32 KB or more inlines
// less (each compile is shorter: 10,000 programs 514 -> 465 ms) and, up to 3 MB, waits longer before optimising a
// function (500 fragments 141.3 -> 131.2 ms, 200 fragments 110.2 -> 91.3 ms); past 3 MB waiting cost 4-13%, so a huge
// run optimises as early as by default. Smaller runs keep V8's defaults and never load node:v8. The measurements, and
// what else was tried: the README's Benchmark section.
import type * as V8 from 'node:v8';

/** Characters linted (the targets, and the files of a main config it lints with it) from which a run counts as large. */
export const LARGE_RUN_CHARACTERS = 32 * 1024;
/** Characters from which a large run counts as huge: it optimises as early as V8 does by default. */
export const HUGE_RUN_CHARACTERS = 3 * 1024 * 1024;

export type RunSize = 'large' | 'huge';

/** V8 inlines up to 920 bytes of bytecode into one function by default: 100 measured best, 50-200 close. */
const LESS_INLINING = '--max-inlined-bytecode-size-cumulative=100';
const DEFAULT_INLINING = '--max-inlined-bytecode-size-cumulative=920';

/**
 * How much bytecode a function runs between V8's looks at whether to optimise it: its default in V8 11.3 (Node 20), and
 * three times that (130,000 and 300,000 measured within a point of it over 500 fragments). Another V8 keeps its own:
 * a value put back wrong would change the flags the code cache is keyed to.
 */
const DEFAULT_TIER_UP_BUDGET = process.versions.v8.startsWith('11.3.') ? 67_584 : undefined;
const LATER_TIER_UP = 3;
const tierUp = (factor: number) => (DEFAULT_TIER_UP_BUDGET === undefined ? '' : ` --interrupt-budget=${DEFAULT_TIER_UP_BUDGET * factor}`);

/** V8 tuned for a large or a huge run, and put back to its defaults. */
export interface Tuning {
  tune(size: RunSize): void;
  restore(): void;
}

export class LargeRun {
  private characters = 0;
  /** The size V8 is tuned for; undefined when it has its defaults. */
  tunedFor: RunSize | undefined;

  constructor(private readonly tuning: Tuning = v8Tuning) {}

  /** Told the length of each text the run lints; tunes V8 when the total reaches a size, once for each. */
  linting(length: number): void {
    if (this.tunedFor === 'huge') return;
    this.characters += length;
    const size = this.characters >= HUGE_RUN_CHARACTERS ? 'huge' : this.characters >= LARGE_RUN_CHARACTERS ? 'large' : undefined;
    if (size === undefined || size === this.tunedFor) return;
    this.tunedFor = size;
    this.tuning.tune(size);
  }

  /**
   * Puts V8's defaults back, for the code cache: V8 rejects a cache made under other flags than its own, and the next
   * run starts with the defaults. The cache holds bytecode, which neither flag changes.
   */
  restore(): void {
    if (this.tunedFor === undefined) return;
    this.tunedFor = undefined;
    this.tuning.restore();
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- node:v8 only for a large run, not at every start
const v8 = () => require('node:v8') as typeof V8;
const v8Tuning: Tuning = {
  tune: (size) => v8().setFlagsFromString(LESS_INLINING + tierUp(size === 'large' ? LATER_TIER_UP : 1)),
  restore: () => v8().setFlagsFromString(DEFAULT_INLINING + tierUp(1)),
};
