// Minimal, loader-safe text edits shared by the rules' fixes.
import type { CommandLine } from '../analysis/commandLine';
import type { ShellWord } from '../analysis/shellWords';
import { valueLineAt, type Comment, type ConfigFile, type Entry, type Position, type Section } from '../parser';
import type { TextEdit } from './types';
import { wholeFile } from './fileView';
import { lastAtOrBefore } from '../util/lastAtOrBefore';

/**
 * Removes words [first, last] of a command's word list (its service words, say) together with the blanks that separated
 * them from a neighbour on the same line; words that fill a continuation line take the line with them. Undefined when
 * a word sits in a script whose quoting an edit could break.
 */
export function removeWords(
  file: ConfigFile,
  command: CommandLine,
  words: readonly ShellWord[],
  first: number,
  last: number,
): TextEdit[] | undefined {
  if (words.slice(first, last + 1).some((word) => !canEditAround(word))) return undefined;
  // Word by word on their own lines, so the edits never reach across a line and the comment at its end.
  const edits: TextEdit[] = [];
  for (let from = first; from <= last;) {
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
    // The user's comment on that line stays: alone on an indented line, the loader skips it inside the value.
    const comment = inlineCommentOn(file, start.line);
    if (comment) return { range: { start, end: comment.range.start }, newText: '' };
    if (start.line + 1 < file.lineLengths.length)
      return { range: { start: { line: start.line, character: 0 }, end: { line: start.line + 1, character: 0 } }, newText: '' };
    return {
      range: {
        start: { line: start.line - 1, character: file.lineLengths[start.line - 1] },
        end: { line: start.line, character: file.lineLengths[start.line] },
      },
      newText: '',
    };
  }
  // Next to a quote or an escape: take the words alone, their surroundings still split the same way.
  return { range: { start, end }, newText: '' };
}

const inlineComments = new WeakMap<ConfigFile, Map<number, Comment>>();

/** The comment after a value on a line, if any (looked up through a per-file index, so many fixes stay linear). */
function inlineCommentOn(file: ConfigFile, line: number): Comment | undefined {
  let byLine = inlineComments.get(file);
  if (!byLine) {
    byLine = new Map(file.comments.filter((c) => !c.fullLine).map((c) => [c.range.start.line, c]));
    inlineComments.set(file, byLine);
  }
  return byLine.get(line);
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

/**
 * Replaces words [first, last] of a command's word list with `text`. Words spread over continuation lines are taken
 * line by line: the text goes where the first line's words were, the words on later lines are deleted, and the
 * comments at the ends of those lines stay (a line left with only a comment, or blank, is skipped by the loader).
 */
export function replaceWords(command: CommandLine, words: readonly ShellWord[], first: number, last: number, text: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let from = first; from <= last;) {
    const line = command.positionAt(words[from].start).line;
    let to = from;
    while (to < last && command.positionAt(words[to + 1].start).line === line) to++;
    edits.push({ range: command.rangeOf(words[from].start, words[to].end), newText: from === first ? text : '' });
    from = to + 1;
  }
  return edits;
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
export function moveWords(
  file: ConfigFile,
  command: CommandLine,
  words: readonly ShellWord[],
  first: number,
  last: number,
  after: number,
): TextEdit[] | undefined {
  // Each word as written, joined by one space even when they stood on separate continuation lines.
  const text = words
    .slice(first, last + 1)
    .map((w) => command.entry.value.slice(w.start, w.end))
    .join(' ');
  const removal = removeWords(file, command, words, first, last);
  const insertion = insertAfterWord(command, words, after, ` ${text}`);
  return removal && insertion ? [...removal, insertion] : undefined;
}

/**
 * How far lines inserted after `line` must be indented so ConfigParser reads them as their own keys and headers and
 * reads what follows exactly as before. A line indented deeper than the last key line continues that key's value,
 * even when it looks like a header (blank and comment lines in between change nothing). So the new lines take the
 * indent of the key line whose value they follow (never deeper, or they would continue it), and never less than the
 * next header or key line (or it would continue the new value: `stopwaitsecs=600` in front of `  [program:b]` makes
 * the header part of `600`).
 */
function insertionIndent(view: ConfigFile, line: number): number {
  // Among the whole file's headers and keys, also for a view of some sections (the next header may lie outside it).
  const { sections } = wholeFile(view);
  const at = lastAtOrBefore(sections, line, (s) => s.line);
  let next: number | undefined;
  if (at >= 0) {
    // After a key line, its indent; else the indent of the next header or key line, never less.
    let keyIndent: number | undefined;
    for (const entry of sections[at].entries) {
      const key = entry.keyRange.start;
      if (key.line > line) {
        next = key.character;
        break;
      }
      keyIndent = key.character;
    }
    if (keyIndent !== undefined) return keyIndent;
  }
  next ??= sections[at + 1]?.headerRange.start.character;
  return next ?? (at >= 0 ? sections[at].headerRange.start.character : 0);
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

/** Replaces [start, end) of an entry's value written on one line; undefined for a value on several lines. */
export function replaceInValue(entry: Entry, start: number, end: number, text: string): TextEdit | undefined {
  const lines = entry.valueLines;
  if (lines.length !== 1) return undefined;
  const { line, startChar } = lines[0];
  return { range: { start: { line, character: startChar + start }, end: { line, character: startChar + end } }, newText: text };
}

/** Inserts text right after the end of an entry's value. */
export function appendToValue(entry: Entry, text: string): TextEdit {
  const at = entry.valueLines[entry.valueLines.length - 1].range.end;
  return { range: { start: at, end: at }, newText: text };
}

/** Adds lines at the end of a section node (insertLinesAfter indents them so the loader reads them as keys). */
export function appendToSection(file: ConfigFile, section: Section, lines: string[]): TextEdit {
  return insertLinesAfter(file, section.range.end.line, lines.join(file.eol));
}

/**
 * Edits that delete an entry's lines (its key line and every continuation line, blank ones included) and nothing
 * else: a comment line or any other line between its continuation lines stays where it is.
 */
export function removeEntryLines(file: ConfigFile, entry: Entry): TextEdit[] {
  const lines = [entry.keyRange.start.line, ...entry.valueLines.map((v) => v.range.start.line)].filter(
    (line, i, all) => i === 0 || line !== all[i - 1],
  );
  const runs: [number, number][] = [];
  for (const line of lines) {
    const last = runs[runs.length - 1];
    if (last && last[1] + 1 === line) last[1] = line;
    else runs.push([line, line]);
  }
  return runs.map(([first, last]) => removeLines(file, first, last));
}

/**
 * An edit that deletes the lines of a section node (its header, its entries and what lies between them) and the
 * empty lines after it, which separated it from the next section.
 */
export function removeSectionLines(file: ConfigFile, section: Section): TextEdit {
  let last = section.range.end.line;
  while (last + 1 < file.lineLengths.length && file.lineLengths[last + 1] === 0) last++;
  return removeLines(file, section.line, last);
}

/** Deletes lines first..last with their line break. */
function removeLines(file: ConfigFile, first: number, last: number): TextEdit {
  if (last + 1 < file.lineLengths.length) return lineSpan(first, 0, last + 1, 0);
  // The lines end the file (no line break after them): take the break before them instead.
  if (first > 0) return lineSpan(first - 1, file.lineLengths[first - 1], last, file.lineLengths[last]);
  return lineSpan(first, 0, last, file.lineLengths[last]);
}

const lineSpan = (startLine: number, startCharacter: number, endLine: number, endCharacter: number): TextEdit => ({
  range: { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } },
  newText: '',
});

/**
 * Text (a program name, a path) as it must be written inside a value so that supervisord reads it back unchanged:
 * supervisord %-formats every value it reads (`%%` is one `%`; a lone `%` makes it refuse the file). Section headers
 * are not expanded: write names there as they are.
 */
export function escapeForValue(text: string): string {
  return text.replaceAll('%', '%%');
}
