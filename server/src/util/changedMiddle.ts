// Two versions of a list whose unchanged items are the same objects, in the same order (the parser keeps the sections
// an edit leaves alone, the model their programs): what changed lies between their common start and common end.

/** before[first, beforeEnd) became after[first, afterEnd); the items outside are the same, in the same places. */
interface ChangedMiddle {
  first: number;
  beforeEnd: number;
  afterEnd: number;
}

/** Compares items from each end (a keystroke in a 1 MB file: one section of 1,800 differs). */
export function changedMiddle<T>(before: readonly T[], after: readonly T[]): ChangedMiddle {
  let first = 0;
  while (first < before.length && first < after.length && before[first] === after[first]) first++;
  let beforeEnd = before.length;
  let afterEnd = after.length;
  while (beforeEnd > first && afterEnd > first && before[beforeEnd - 1] === after[afterEnd - 1]) {
    beforeEnd--;
    afterEnd--;
  }
  return { first, beforeEnd, afterEnd };
}
