// Minimal, loader-safe text edits shared by the rules' fixes.
import type { CommandLine } from '../analysis/commandLine';
import type { ShellWord } from '../analysis/shellWords';
import { valueLineAt, type ConfigFile, type Entry, type Position, type Section } from '../parser';
import type { TextEdit } from './types';

/**
 * Removes words [first, last] of a command's word list (its service words, say) together with the blanks that separated
 * them from a neighbour on the same line; words that fill a continuation line take the line with them. Undefined when
 * a word sits in a script whose quoting an edit could break.
 */
export function removeWords(file: ConfigFile, command: CommandLine, words: readonly ShellWord[], first: number, last: number): TextEdit[] | undefined {
  if (words.slice(first, last + 1).some((word) => !canEditAround(word))) return undefined;
  // Word by word on their own lines, so the edits never reach across a line and the comment at its end.
  const edits: TextEdit[] = [];
  for (let from = first; from <= last; ) {
    const line = command.positionAt(words[from].start).line;
    let to = from;
    while (to < last && command.positionAt(words[to].end).line === line && command.positionAt(words[to + 1].start).line === line) to++;
    edits.push(removeRun(file, command, words, from, to));
    from = to + 1;
  }
  return edits;
}

/** Removes words [first, last], which start on one line. */
function removeRun(file: ConfigFile, command: CommandLine, words: readonly ShellWord[], first: number, last: number): TextEdit {
  const value = command.entry.value;
  const startOffset = words[first].start;
  const endOffset = words[last].end;
  const start = command.positionAt(startOffset);
  const end = command.positionAt(endOffset);
  const next = words[last + 1];
  if (next && command.positionAt(next.start).line === end.line && isBlank(value, endOffset, next.start)) {
    return { range: { start, end: command.positionAt(next.start) }, newText: '' };
  }
  const previous = words[first - 1];
  if (previous && command.positionAt(previous.end).line === start.line && isBlank(value, previous.end, startOffset)) {
    return { range: { start: command.positionAt(previous.end), end }, newText: '' };
  }
  if (start.line === end.line && fillsContinuationLine(command, startOffset, endOffset)) {
    if (start.line + 1 < file.lineLengths.length) return { range: { start: { line: start.line, character: 0 }, end: { line: start.line + 1, character: 0 } }, newText: '' };
    return { range: { start: { line: start.line - 1, character: file.lineLengths[start.line - 1] }, end: { line: start.line, character: file.lineLengths[start.line] } }, newText: '' };
  }
  // Next to a quote or an escape: take the words alone, their surroundings still split the same way.
  return { range: { start, end }, newText: '' };
}

/**
 * Whether [start, end) is all a continuation line of the value holds, besides a trailing `\` (a script's line
 * continuation, which goes with the line); the comment the loader cut off that line goes too.
 */
function fillsContinuationLine(command: CommandLine, start: number, end: number): boolean {
  const { line, index } = valueLineAt(command.entry, start);
  if (index < 1) return false;
  const { text, offset } = line;
  const after = text.slice(end - offset).trim();
  return start === offset && (after === '' || after === '\\');
}

/** Inserts text (which should start with a space) right after a word of a command's word list. */
export function insertAfterWord(command: CommandLine, words: readonly ShellWord[], index: number, text: string): TextEdit | undefined {
  const word = words[index];
  if (!canEditAround(word)) return undefined;
  const at = command.positionAt(word.end);
  return { range: { start: at, end: at }, newText: text };
}

/** Plain text written over or next to the word reaches the command as written (always, outside a `-c` script). */
export function canEditAround(word: ShellWord): boolean {
  return word.embedded !== 'unquoted';
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] !== ' ' && text[i] !== '\t') return false;
  return true;
}

/**
 * Moves words [first, last] of a word list to just after word `after` (outside that range), with one space before
 * them; undefined when either end sits where an edit could break a script's quoting.
 */
export function moveWords(file: ConfigFile, command: CommandLine, words: readonly ShellWord[], first: number, last: number, after: number): TextEdit[] | undefined {
  // Each word as written, joined by one space even when they stood on separate continuation lines.
  const text = words.slice(first, last + 1).map((w) => command.entry.value.slice(w.start, w.end)).join(' ');
  const removal = removeWords(file, command, words, first, last);
  const insertion = insertAfterWord(command, words, after, ` ${text}`);
  return removal && insertion ? [...removal, insertion] : undefined;
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

/**
 * Adds lines at the end of a section node, indented like its last entry. The loader reads a line indented deeper than
 * the key before it as part of that key's value, so a following header or key indented like that entry (which the
 * loader took as a header or key) must not end up deeper than our line.
 */
export function appendToSection(file: ConfigFile, section: Section, lines: string[]): TextEdit {
  const last = section.entries[section.entries.length - 1];
  const indent = ' '.repeat(last?.keyRange.start.character ?? 0);
  return insertLinesAfter(file, section.range.end.line, lines.map((line) => indent + line).join(file.eol));
}

/** Removes an entry's whole lines (key line through its last continuation line, with any comment on them). */
export function removeEntryLines(file: ConfigFile, entry: Entry): TextEdit {
  const first = entry.range.start.line;
  const last = entry.range.end.line;
  if (last + 1 < file.lineLengths.length) return { range: { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' };
  // The last line of a file without a final line break: take the break before it instead.
  const start = first > 0 ? { line: first - 1, character: file.lineLengths[first - 1] } : { line: 0, character: 0 };
  return { range: { start, end: { line: last, character: file.lineLengths[last] } }, newText: '' };
}
