// How a file writes its entries, so generated text (completions, formatting) matches it.
import type { Section } from '../parser';
import type { ConfigModel } from './model';

/**
 * Entries written `key = value` and `key=value`, per section: the parser hands the next version of a file the same
 * section objects where an edit did not touch them, so a completion after a keystroke counts one section again.
 */
const counts = new WeakMap<Section, { spaced: number; tight: number }>();

function countsOf(node: Section): { spaced: number; tight: number } {
  let known = counts.get(node);
  if (!known) {
    known = { spaced: 0, tight: 0 };
    for (const entry of node.entries) {
      if (entry.delimiterRange.start.character > entry.keyRange.end.character) known.spaced++;
      else known.tight++;
    }
    counts.set(node, known);
  }
  return known;
}

/** Whether most entries of the file write `key = value` rather than `key=value`. */
export function usesSpacedEquals(model: ConfigModel): boolean {
  let spaced = 0;
  let tight = 0;
  for (const node of model.file.sections) {
    const section = countsOf(node);
    spaced += section.spaced;
    tight += section.tight;
  }
  return spaced > tight;
}
