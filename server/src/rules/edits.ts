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

/** Moves words [first, last] of a command to just after word `after` (outside that range), with one space before them. */
export function moveWords(file: ConfigFile, command: CommandLine, first: number, last: number, after: number): TextEdit[] {
  const words = command.split.words;
  // Each word as written, joined by one space even when they stood on separate continuation lines.
  const text = words.slice(first, last + 1).map((w) => command.entry.value.slice(w.start, w.end)).join(' ');
  return [removeWords(file, command, first, last), insertAfterWord(command, after, ` ${text}`)];
}

/** Inserts whole lines after line `line` (text without a trailing line break). */
export function insertLinesAfter(file: ConfigFile, line: number, text: string): TextEdit {
  if (line + 1 < file.lineLengths.length) {
    const at: Position = { line: line + 1, character: 0 };
    return { range: { start: at, end: at }, newText: `${text}${file.eol}` };
  }
  const at: Position = { line, character: file.lineLengths[line] };
  return { range: { start: at, end: at }, newText: `${file.eol}${text}` };
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
