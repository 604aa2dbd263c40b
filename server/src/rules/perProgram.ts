// What rules ask of each program on every analysis. The model of a file's next version keeps the very Program objects
// of the sections an edit did not touch (analysis/model.ts buildModel), so a fact that depends on the program alone
// is worked out once per program, not once per keystroke for every program of a large file.
import type { ConfigModel, Program } from '../analysis/model';

/** Stands for a fact that is undefined, so that a known fact takes one lookup. */
const NONE = Symbol('none');

/** How many facts are memoised: each has its place in every program's `facts`. */
let places = 0;

/**
 * `fact` memoised per program, in the program's own `facts` rather than a WeakMap per fact: a WeakMap entry per
 * program and fact cost a hashed lookup on every ask and ephemeron work at every garbage collection. `args` are read
 * the first time only: the same for a program whenever it is asked (its model: a model keeps a program only while its
 * [DEFAULT] stays the same). A fact outlives edits that move its section's lines: it keeps nodes and offsets in a
 * value, which move with the text, never a Range worked out when it was made.
 */
export function perProgram<T, A extends unknown[] = []>(fact: (program: Program, ...args: A) => T): (program: Program, ...args: A) => T {
  const place = places++;
  return (program, ...args) => {
    const facts = program.facts;
    const kept = facts[place];
    if (kept !== undefined) return (kept === NONE ? undefined : kept) as T;
    const value = fact(program, ...args);
    facts[place] = value === undefined ? NONE : value;
    return value;
  };
}

/**
 * The facts of a list of programs that are not undefined, in program order: listed once per program list (a model's
 * programs, which rules never change), however many rules ask.
 */
export function listed<T>(fact: (program: Program) => T | undefined): (programs: readonly Program[]) => readonly T[] {
  const lists = new WeakMap<readonly Program[], readonly T[]>();
  return (programs) => {
    let list = lists.get(programs);
    if (!list) {
      const found: T[] = [];
      for (let i = 0; i < programs.length; i++) {
        const value = fact(programs[i]);
        if (value !== undefined) found.push(value);
      }
      lists.set(programs, (list = found));
    }
    return list;
  };
}

/**
 * `fact` memoised per configuration, by its files in reading order (RuleContext.readingOrder): every file of a
 * configuration analysed as the configuration read it gets the configuration's own list, so what a rule works out
 * from the whole configuration is worked out once for a conf.d of thousands of files, not once per file.
 */
export function perConfiguration<T>(fact: (readingOrder: readonly ConfigModel[]) => T): (readingOrder: readonly ConfigModel[]) => T {
  const facts = new WeakMap<readonly ConfigModel[], { value: T }>();
  return (readingOrder) => {
    let kept = facts.get(readingOrder);
    if (!kept) facts.set(readingOrder, (kept = { value: fact(readingOrder) }));
    return kept.value;
  };
}
