// Incremental parsing. After a section header line the parser's state is that line's alone (its section, no key,
// its indentation), and whether a line is a header depends only on the text above it. So an edit is re-parsed from
// the last header whose line lies wholly before it, up to the first header at column 0 that lies wholly after it:
// unchanged text that still opens a section there (a line at column 0 can never continue a value, that needs more
// indentation than the key), so the parse from it on is the previous one, moved. An indented header is no end:
// after an edited key it may have become a continuation line.
import type { CommentNode, SectionNode } from './nodes';
import { configFile, lineEnd, parseLines } from './parse';
import type { ConfigFile, SyntaxProblem } from './types';

/** The edit as offsets: text[start, oldEnd) of the previous text is what changed (the rest is common). */
interface ChangedSpan {
  start: number;
  oldEnd: number;
}

/**
 * parseConfig(text), computed from `previous` = parseConfig(previousText) by re-parsing only the sections the edit
 * touches. Sections (and comments) outside them are the same objects as in `previous`, so callers may key caches
 * by section identity; those after an edit that adds or removes lines are moved in place, and the line table is
 * patched in place. So `previous` is consumed: it must not be used afterwards (an unchanged text returns it).
 */
export function reparseConfig(previous: ConfigFile, previousText: string, text: string): ConfigFile {
  if (previousText === text) return previous;
  const span = changedSpan(previousText, text);
  const sections = previous.sections as SectionNode[];
  const { lineStarts } = previous;

  // Sections [first, last) are parsed again: from the header line of the first (or the file's start) to the last.
  const first = lastBoundaryBefore(sections, previousText, lineStarts, span.start);
  const last = firstBoundaryAfter(sections, lineStarts, span.oldEnd, first + 1);
  const fromLine = first === -1 ? 0 : sections[first].line;
  const toLine = last === sections.length ? lineStarts.length : sections[last].line;
  const offsetDelta = text.length - previousText.length;
  const stop = toLine === lineStarts.length ? -1 : lineStarts[toLine] + offsetDelta;

  const parsed = parseLines(text, lineStarts[fromLine], fromLine, stop);
  const lineDelta = parsed.lineStarts.length - (toLine - fromLine);
  const keptSections = sections.slice(last);
  if (lineDelta !== 0) for (const section of keptSections) section.shiftLines(lineDelta);

  const comments = previous.comments as CommentNode[];
  const commentsFrom = firstAtOrAfter(comments, fromLine, (c) => c.line);
  const commentsTo = firstAtOrAfter(comments, toLine, (c) => c.line);
  const keptComments = comments.slice(commentsTo);
  if (lineDelta !== 0) for (const comment of keptComments) comment.line += lineDelta;

  const { problems } = previous;
  const problemsFrom = firstAtOrAfter(problems, fromLine, (p) => p.range.start.line);
  const problemsTo = firstAtOrAfter(problems, toLine, (p) => p.range.start.line);

  replaceLines(lineStarts, fromLine, toLine, parsed.lineStarts, offsetDelta);
  return configFile(
    text,
    lineStarts,
    sections.slice(0, first === -1 ? 0 : first).concat(parsed.sections, keptSections),
    comments.slice(0, commentsFrom).concat(parsed.comments, keptComments),
    problems.slice(0, problemsFrom).concat(
      parsed.problems,
      problems.slice(problemsTo).map((problem) => shiftProblem(problem, lineDelta)),
    ),
  );
}

/**
 * The common prefix and suffix, found by comparing slices: slices of flat strings compare as memory, far faster than
 * charCodeAt. The slices halve in length from 64 KB down to one character, so a keystroke in a 1 MB file takes some
 * forty comparisons, not thousands (the first keystrokes run before V8 has optimised this loop).
 */
const LONGEST_SLICE = 1 << 16;

function changedSpan(before: string, after: string): ChangedSpan {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  for (let step = LONGEST_SLICE; step >= 1; step >>= 1)
    while (start + step <= shorter && before.slice(start, start + step) === after.slice(start, start + step)) start += step;
  const most = shorter - start; // the common suffix may not overlap the common prefix
  let suffix = 0;
  for (let step = LONGEST_SLICE; step >= 1; step >>= 1)
    while (
      suffix + step <= most &&
      before.slice(before.length - suffix - step, before.length - suffix) ===
        after.slice(after.length - suffix - step, after.length - suffix)
    )
      suffix += step;
  return { start, oldEnd: before.length - suffix };
}

/**
 * Index of the last section whose header line, up to its line break, lies before offset `start` (so the edit
 * leaves it a header where it was), or -1: parsing then starts at the top of the file.
 */
function lastBoundaryBefore(sections: SectionNode[], text: string, lineStarts: number[], start: number): number {
  return firstAtOrAfter(sections, start, (section) => lineEnd(text, lineStarts, section.line)) - 1;
}

/**
 * Index of the first column-0 section from `from` on that starts after offset `oldEnd`, or sections.length. Its
 * line and the break before it are unchanged text, so it is still a column-0 header and the parse from it on is
 * the previous one, moved.
 */
function firstBoundaryAfter(sections: SectionNode[], lineStarts: number[], oldEnd: number, from: number): number {
  let index = Math.max(
    from,
    firstAtOrAfter(sections, oldEnd + 1, (section) => lineStarts[section.line]),
  );
  while (index < sections.length && sections[index].open !== 0) index++;
  return index;
}

/**
 * Puts `lines` in place of array[from, to) and adds `delta` to the items after them, in one pass over the array
 * and without allocating: a 1 MB file has some 30 000 lines, and copying them on every keystroke showed.
 */
function replaceLines(array: number[], from: number, to: number, lines: number[], delta: number): void {
  const oldLength = array.length;
  const shift = lines.length - (to - from);
  if (shift > 0) {
    for (let i = 0; i < shift; i++) array.push(0); // grow without holes, which would slow every later read
    for (let i = oldLength - 1; i >= to; i--) array[i + shift] = array[i] + delta;
  } else {
    for (let i = to; i < oldLength; i++) array[i + shift] = array[i] + delta;
    array.length = oldLength + shift;
  }
  for (let i = 0; i < lines.length; i++) array[from + i] = lines[i];
}

/** Binary search in items sorted by key: the first index whose key is >= value (items.length if none). */
function firstAtOrAfter<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (key(items[mid]) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function shiftProblem(problem: SyntaxProblem, lineDelta: number): SyntaxProblem {
  if (lineDelta === 0) return problem;
  const { start, end } = problem.range;
  return {
    ...problem,
    range: {
      start: { line: start.line + lineDelta, character: start.character },
      end: { line: end.line + lineDelta, character: end.character },
    },
  };
}
