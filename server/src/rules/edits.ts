// Minimal, loader-safe text edits shared by the rules' fixes.
import type { CommandLine } from '../analysis/commandLine';
import type { ConfigFile, Entry, Position } from '../parser';
import type { TextEdit } from './types';

/** Removes words [first, last] of a command together with the whitespace that separated them from a neighbour. */
export function removeWords(file: ConfigFile, command: CommandLine, first: number, last: number): TextEdit {
  const words = command.split.words;
  const start = command.positionAt(words[first].start);
  const end = command.positionAt(words[last].end);
  const next = words[last + 1] && command.positionAt(words[last + 1].start);
  const previous = words[first - 1] && command.positionAt(words[first - 1].end);
  if (next && next.line === end.line) return { range: { start, end: next }, newText: '' };
  if (previous && previous.line === start.line) return { range: { start: previous, end }, newText: '' };
  // The words fill whole continuation lines: drop those lines.
  if (end.line + 1 < file.lineLengths.length) {
    return { range: { start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } }, newText: '' };
  }
  return { range: { start: previous ?? start, end }, newText: '' };
}

/** Inserts text (which should start with a space) right after a word of a command. */
export function insertAfterWord(command: CommandLine, index: number, text: string): TextEdit {
  const at = command.positionAt(command.split.words[index].end);
  return { range: { start: at, end: at }, newText: text };
}

/** A line that sets ConfigParser's indent level: a section header or the key line of an entry. */
interface IndentAnchor {
  line: number;
  indent: number;
  /** A key line: deeper-indented lines after it continue its value. */
  opensValue: boolean;
}

const anchorCache = new WeakMap<ConfigFile, IndentAnchor[]>();

function indentAnchors(file: ConfigFile): IndentAnchor[] {
  let anchors = anchorCache.get(file);
  if (!anchors) {
    anchors = file.sections.flatMap((section) => [
      { line: section.headerRange.start.line, indent: section.headerRange.start.character, opensValue: false },
      ...section.entries.map((entry) => ({ line: entry.keyRange.start.line, indent: entry.keyRange.start.character, opensValue: true })),
    ]);
    anchorCache.set(file, anchors);
  }
  return anchors;
}

/** Index of the first anchor after `line` (anchors are in line order). */
function firstAnchorAfter(anchors: IndentAnchor[], line: number): number {
  let low = 0;
  let high = anchors.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (anchors[middle].line <= line) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * How far lines inserted after `line` must be indented so ConfigParser reads them as their own keys and headers and
 * reads what follows exactly as before. A line indented deeper than the last key line continues that key's value,
 * even when it looks like a header (blank and comment lines in between change nothing). So the new lines take the
 * indent of the key line whose value they follow (never deeper, or they would continue it), and never less than the
 * next header or key line (or it would continue the new value: `stopwaitsecs=600` in front of `  [program:b]` makes
 * the header part of `600`).
 */
function insertionIndent(file: ConfigFile, line: number): number {
  const anchors = indentAnchors(file);
  const next = firstAnchorAfter(anchors, line);
  const previous = anchors[next - 1];
  if (previous?.opensValue) return previous.indent;
  return anchors[next]?.indent ?? previous?.indent ?? 0;
}

/**
 * Inserts whole lines after line `line` (text without a trailing line break), indented so that neither they nor the
 * lines after them change meaning. `line` must not be followed by continuation lines of its entry (pass the last line
 * of an entry or section).
 */
export function insertLinesAfter(file: ConfigFile, line: number, text: string): TextEdit {
  const indent = ' '.repeat(insertionIndent(file, line));
  const lines = indent ? text.replace(/^(?=[^\r\n])/gm, indent) : text;
  if (line + 1 < file.lineLengths.length) {
    const at: Position = { line: line + 1, character: 0 };
    return { range: { start: at, end: at }, newText: `${lines}${file.eol}` };
  }
  const at: Position = { line, character: file.lineLengths[line] };
  return { range: { start: at, end: at }, newText: `${file.eol}${lines}` };
}

/** Replaces an entry's whole value (every continuation line of it) with `text`. */
export function replaceValue(entry: Entry, text: string): TextEdit {
  const first = entry.valueLines[0].range.start;
  const last = entry.valueLines[entry.valueLines.length - 1].range.end;
  return { range: { start: first, end: last }, newText: text };
}

/** Inserts text right after the end of an entry's value. */
export function appendToValue(entry: Entry, text: string): TextEdit {
  const at = entry.valueLines[entry.valueLines.length - 1].range.end;
  return { range: { start: at, end: at }, newText: text };
}

/**
 * Text (a program name, a path) as it must be written inside a value so that supervisord reads it back unchanged:
 * supervisord %-formats every value it reads (`%%` is one `%`; a lone `%` makes it refuse the file). Section headers
 * are not expanded: write names there as they are.
 */
export function escapeForValue(text: string): string {
  return text.replaceAll('%', '%%');
}
