// Removing one id from a `supervisor-lint: disable=` comment without touching anything else: the other ids, the
// rest of the comment's words, and the config on the line are kept.
import type { ConfigModel } from '../../analysis/model';
import type { Position } from '../../parser';
import type { SuppressionUse, TextEdit } from '../types';

const at = (line: number, character: number): Position => ({ line, character });

/** The text of a line, without its line break. */
function lineText(model: ConfigModel, line: number): string {
  const start = model.file.lineStarts[line];
  return model.text.slice(start, start + model.file.lineLengths[line]);
}

/** A whole line, line break included (or the break before it, on the last line). */
function removeLine(model: ConfigModel, line: number): TextEdit {
  if (line + 1 < model.file.lineLengths.length) return { range: { start: at(line, 0), end: at(line + 1, 0) }, newText: '' };
  if (line === 0) return { range: { start: at(0, 0), end: at(0, model.file.lineLengths[0]) }, newText: '' };
  return { range: { start: at(line - 1, model.file.lineLengths[line - 1]), end: at(line, model.file.lineLengths[line]) }, newText: '' };
}

const trimmedEnd = (text: string, end: number) => {
  let i = end;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i;
};

export function removeSuppression(model: ConfigModel, use: SuppressionUse): TextEdit {
  const { line } = use.range.start;
  const index = use.siblings.findIndex((r) => r.start.character === use.range.start.character);
  // One id among several: it goes with the comma before it (or after it, for the first).
  if (use.siblings.length > 1) {
    const range =
      index > 0 ? { start: use.siblings[index - 1].end, end: use.range.end } : { start: use.range.start, end: use.siblings[1].start };
    return { range, newText: '' };
  }
  const text = lineText(model, line);
  const commentStart = use.comment.range.start.character;
  const commentEnd = use.comment.range.end.character;
  const before = text
    .slice(commentStart, use.directive.start.character)
    .replace(/^[;#]+/, '')
    .trim();
  const after = text.slice(use.directive.end.character, commentEnd).trim();
  // Nothing else in the comment: the comment goes, and with a comment line, the line.
  if (!before && !after) {
    if (use.comment.fullLine) return removeLine(model, line);
    return { range: { start: at(line, trimmedEnd(text, commentStart)), end: at(line, commentEnd) }, newText: '' };
  }
  // Other words stay: remove the directive with the blanks that separated it from them.
  if (before) return { range: { start: at(line, trimmedEnd(text, use.directive.start.character)), end: use.directive.end }, newText: '' };
  let end = use.directive.end.character;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return { range: { start: use.directive.start, end: at(line, end) }, newText: '' };
}
