// Formatting that cannot change what supervisord reads: `=` spacing on key lines, trailing whitespace, one blank
// line before each section (above the comments that lead it). Values, comment text, continuation content and order
// stay as they are.
import type { TextEdit } from 'vscode-languageserver';
import type { ConfigModel } from '../analysis/model';
import { usesSpacedEquals } from '../analysis/style';
import type { Range } from '../parser';
import type { SpaceAroundEquals } from '../settings';

export interface FormatOptions {
  /** `key = value` (always), `key=value` (never), or the file's dominant style (keep). */
  equals: SpaceAroundEquals;
  /** Only lines in this range are touched (range formatting). */
  range?: Range;
}

export function formatDocument(model: ConfigModel, options: FormatOptions): TextEdit[] {
  const { lineStarts, lineLengths } = model.file;
  const lines = lineStarts.map((start, i) => model.text.slice(start, start + lineLengths[i]));
  const style =
    options.equals === 'keep' ? (usesSpacedEquals(model) ? 'spaced' : 'tight') : options.equals === 'always' ? 'spaced' : 'tight';
  const first = options.range?.start.line ?? 0;
  const last = options.range?.end.line ?? lines.length - 1;
  const inRange = (line: number) => line >= first && line <= last;
  const edits: TextEdit[] = [];
  // Key lines whose delimiter edit already runs to the line's end (an empty value with trailing whitespace).
  const delimiterToEnd = new Set<number>();
  // A line supervisord cannot parse stays exactly as written: respacing could turn it into a continuation line.
  const brokenLines = new Set(model.file.problems.map((p) => p.range.start.line));

  for (const node of model.file.sections) {
    for (const entry of node.entries) {
      const line = entry.keyRange.start.line;
      if (!inRange(line) || brokenLines.has(line)) continue;
      const text = lines[line];
      // From the end of the key over the delimiter to the first value character on this line (or the line's end).
      let end = entry.delimiterRange.end.character;
      while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
      const hasValue = end < text.length;
      // Whitespace decides whether a ';' or '#' starts a comment: never add it before one, never remove it.
      const marker = text[end] === ';' || text[end] === '#';
      const spaceAfter = marker ? end > entry.delimiterRange.end.character : hasValue && style === 'spaced';
      const wanted = `${style === 'spaced' ? ' ' : ''}${entry.delimiter}${spaceAfter ? ' ' : ''}`;
      const start = entry.keyRange.end.character;
      if (text.slice(start, end) === wanted) continue;
      edits.push({ range: { start: { line, character: start }, end: { line, character: end } }, newText: wanted });
      if (end === text.length) delimiterToEnd.add(line);
    }
  }

  lines.forEach((text, line) => {
    if (!inRange(line)) return;
    // A scan from the end: a regex anchored at $ would retry from every space of a long run (quadratic).
    let end = text.length;
    while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    if (end < text.length && !delimiterToEnd.has(line)) {
      edits.push({ range: { start: { line, character: end }, end: { line, character: text.length } }, newText: '' });
    }
  });

  // Exactly one blank line before each section after the first, above the comment lines that lead it.
  const fullLineComments = new Set(model.file.comments.filter((c) => c.fullLine).map((c) => c.range.start.line));
  const blank = (line: number) => lines[line].trim() === '';
  // Lines a blank-line removal deletes whole: no other edit may touch them.
  const removedLines = new Set<number>();
  model.file.sections.forEach((node, index) => {
    if (index === 0) return;
    let top = node.headerRange.start.line;
    while (top - 1 >= 0 && fullLineComments.has(top - 1)) top--;
    let gapStart = top;
    while (gapStart - 1 >= 0 && blank(gapStart - 1)) gapStart--;
    if (gapStart === 0 || !inRange(top)) return;
    const blanks = top - gapStart;
    if (blanks === 1) return;
    if (blanks === 0)
      edits.push({ range: { start: { line: top, character: 0 }, end: { line: top, character: 0 } }, newText: model.file.eol });
    else {
      // Keep the first blank line, drop the others (with any whitespace on them).
      edits.push({ range: { start: { line: gapStart + 1, character: 0 }, end: { line: top, character: 0 } }, newText: '' });
      for (let line = gapStart + 1; line < top; line++) removedLines.add(line);
    }
  });

  // Drop trailing-whitespace edits on lines a removal already covers.
  return edits.filter((e) => e.range.end.line > e.range.start.line || !removedLines.has(e.range.start.line));
}
