// What rules ask of each program on every analysis. The model of a file's next version keeps the very Program objects
// of the sections an edit did not touch (analysis/model.ts buildModel), so a fact that depends on the program alone
// is worked out once per program, not once per keystroke for every program of a large file.
import type { Program } from '../analysis/model';

/** Stands for a fact that is undefined, so that a known fact takes one lookup. */
const NONE = Symbol('none');

/** `fact` memoised per program. */
export function perProgram<T>(fact: (program: Program) => T): (program: Program) => T {
  const known = new WeakMap<Program, T | typeof NONE>();
  return (program) => {
    const kept = known.get(program);
    if (kept !== undefined) return (kept === NONE ? undefined : kept) as T;
    const value = fact(program);
    known.set(program, value === undefined ? NONE : value);
    return value;
  };
}

/** The programs' facts that are not undefined, in program order. */
export function collect<T>(programs: readonly Program[], fact: (program: Program) => T | undefined): T[] {
  const found: T[] = [];
  for (const program of programs) {
    const value = fact(program);
    if (value !== undefined) found.push(value);
  }
  return found;
}
