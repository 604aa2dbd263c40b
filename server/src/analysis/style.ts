// How a file writes its entries, so generated text (completions, formatting) matches it.
import type { ConfigModel } from './model';

/** Whether most entries of the file write `key = value` rather than `key=value`. */
export function usesSpacedEquals(model: ConfigModel): boolean {
  let spaced = 0;
  let tight = 0;
  for (const node of model.file.sections) {
    for (const entry of node.entries) {
      if (entry.delimiterRange.start.character > entry.keyRange.end.character) spaced++;
      else tight++;
    }
  }
  return spaced > tight;
}
