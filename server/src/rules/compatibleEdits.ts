// Which fixes can be applied in one go (fix-all in the editor, --fix in the CLI): a pure function of their edits, kept
// apart from the LSP features so the CLI does not load the language server library.
import type { Range } from '../parser';
import type { TextEdit } from './types';

export function compare(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}

function isEmpty(range: Range): boolean {
  return compare(range.start, range.end) === 0;
}

/** By start; at one point insertions come first (so they apply before a replacement there). Stable for the rest. */
function byPosition(a: Range, b: Range): number {
  return compare(a.start, b.start) || Number(!isEmpty(a)) - Number(!isEmpty(b));
}

/**
 * The edits of the fixes that can be applied together, sorted for applying. Fixes whose edits share text (directly
 * or through other fixes) form a cluster, and only each cluster's first fix is taken: the others wait for the next
 * fix-all. Touching ranges share no text, and neither does an insertion at either end of a range. One sort, then one
 * sweep with a union-find: O(n log n) in the number of edits.
 */
export function compatibleEdits(fixes: TextEdit[][]): TextEdit[] {
  const placed = fixes.flatMap((edits, fix) => edits.map((edit) => ({ edit, fix })));
  placed.sort((a, b) => byPosition(a.edit.range, b.edit.range));
  // Each cluster's root is its smallest fix index.
  const parent = fixes.map((_, fix) => fix);
  const root = (fix: number): number => {
    while (parent[fix] !== fix) fix = parent[fix] = parent[parent[fix]];
    return fix;
  };
  const join = (a: number, b: number) => {
    const [ra, rb] = [root(a), root(b)];
    parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  // The non-empty edit reaching furthest right so far. It starts at or before the current edit, so the current edit
  // shares text with an earlier one exactly when it starts before this one's end (an insertion then lies strictly
  // inside it: non-empty edits at the insertion's own point come after it in this order).
  let reach: (typeof placed)[number] | undefined;
  for (const current of placed) {
    const { range } = current.edit;
    if (reach && compare(range.start, reach.edit.range.end) < 0) join(current.fix, reach.fix);
    if (!isEmpty(range) && (!reach || compare(range.end, reach.edit.range.end) > 0)) reach = current;
  }
  return placed.filter(({ fix }) => root(fix) === fix).map(({ edit }) => edit);
}
