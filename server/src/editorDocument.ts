// The server's copy of an open document. It answers exactly as vscode-languageserver-textdocument's TextDocument does
// (the same positions, line ends and clamping), but moves the lines after an edit lazily: that TextDocument adds the
// edit's length to the start of every later line, some 15,000 numbers per keystroke in the middle of a 1 MB file, in
// code V8 has not optimised on the first keystrokes. Here later lines carry one pending shift, which the next edit on
// the same line adds to, and an edit elsewhere applies only between the two places.
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

const CR = 13;
const LF = 10;
const isEOL = (code: number) => code === CR || code === LF;

/** Where each line of `text` starts (the first only when `atLineStart`), counted from `offset`. */
function lineStartsOf(text: string, atLineStart: boolean, offset = 0): number[] {
  const starts = atLineStart ? [offset] : [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isEOL(code)) continue;
    if (code === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
    starts.push(offset + i + 1);
  }
  return starts;
}

const wellFormed = (range: Range): Range =>
  range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)
    ? { start: range.end, end: range.start }
    : range;

/** Past this many new lines, the line table is rebuilt rather than spliced (too many arguments for one call). */
const MOST_SPLICED = 10_000;

export class EditorDocument implements TextDocument {
  private content: string;
  private versionNumber: number;
  /** Where each line starts, but that the lines from `shiftFrom` on start `shift` later; worked out when first asked. */
  private starts: number[] | undefined = undefined;
  private shiftFrom = 0;
  private shift = 0;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    content: string,
  ) {
    this.versionNumber = version;
    this.content = content;
  }

  get version(): number {
    return this.versionNumber;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  getText(range?: Range): string {
    return range ? this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : this.content;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.content.length), 0);
    // The table always has the first line's start, so there is a line to find.
    let low = 0;
    let high = this.lineStarts().length;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (this.startOf(middle) > offset) high = middle;
      else low = middle + 1;
    }
    const line = low - 1;
    const start = this.startOf(line);
    return { line, character: this.beforeEOL(offset, start) - start };
  }

  offsetAt(position: Position): number {
    const count = this.lineStarts().length;
    if (position.line >= count) return this.content.length;
    if (position.line < 0) return 0;
    const start = this.startOf(position.line);
    if (position.character <= 0) return start;
    const next = position.line + 1 < count ? this.startOf(position.line + 1) : this.content.length;
    return this.beforeEOL(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    const count = this.lineStarts().length;
    if (line >= count) {
      const last = count - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - this.startOf(last) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = this.startOf(line);
    const next = line + 1 < count ? this.startOf(line + 1) : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEOL(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const count = this.lineStarts().length;
    if (line >= count || line < 0) return '';
    const next = line + 1 < count ? this.startOf(line + 1) : this.content.length;
    return this.content.substring(this.beforeEOL(next, this.startOf(line)), next);
  }

  /** Applies the changes of one `didChange`, in order, as TextDocument.update does. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      const { text, range, rangeLength } = change as { text?: unknown; range?: Range; rangeLength?: unknown };
      if (typeof text !== 'string') throw new Error('Unknown change event received');
      if (range !== undefined && (rangeLength === undefined || typeof rangeLength === 'number')) this.replace(wellFormed(range), text);
      else if (range === undefined && rangeLength === undefined) {
        this.content = text;
        this.starts = undefined;
      } else throw new Error('Unknown change event received');
    }
    this.versionNumber = version;
  }

  private replace(range: Range, text: string): void {
    const startOffset = this.offsetAt(range.start);
    const endOffset = this.offsetAt(range.end);
    // The lines of the offsets, not of the range as sent: the same for a range within the document, and a range past
    // its last line cannot leave the table inconsistent (TextDocument then writes past the end of its own).
    const startLine = this.positionAt(startOffset).line;
    const endLine = this.positionAt(endOffset).line;
    const before = this.content;
    this.content = before.substring(0, startOffset) + text + before.substring(endOffset, before.length);
    // A line end split or joined between \r and \n: the lines are counted again when next asked. The characters around
    // the change are read from the text before it and the inserted text, not from the new text, which is not flat yet.
    const insertedEnd = startOffset + text.length;
    const at = (offset: number) =>
      offset < startOffset
        ? before.charCodeAt(offset)
        : offset < insertedEnd
          ? text.charCodeAt(offset - startOffset)
          : before.charCodeAt(offset - insertedEnd + endOffset);
    if ((at(startOffset - 1) === CR && at(startOffset) === LF) || (at(insertedEnd - 1) === CR && at(insertedEnd) === LF)) {
      this.starts = undefined;
      return;
    }
    const starts = this.starts!;
    const added = lineStartsOf(text, false, startOffset);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) this.setStart(startLine + 1 + i, added[i]);
    } else {
      this.settle();
      if (added.length < MOST_SPLICED) starts.splice(startLine + 1, endLine - startLine, ...added);
      else this.starts = starts.slice(0, startLine + 1).concat(added, starts.slice(endLine + 1));
    }
    const moved = text.length - (endOffset - startOffset);
    if (moved !== 0) this.shiftLines(startLine + 1 + added.length, moved);
  }

  private lineStarts(): number[] {
    if (this.starts === undefined) {
      this.starts = lineStartsOf(this.content, true);
      this.shiftFrom = 0;
      this.shift = 0;
    }
    return this.starts;
  }

  private startOf(line: number): number {
    return this.starts![line] + (line >= this.shiftFrom ? this.shift : 0);
  }

  private setStart(line: number, start: number): void {
    this.starts![line] = start - (line >= this.shiftFrom ? this.shift : 0);
  }

  /** Lines from `from` on start `by` later. */
  private shiftLines(from: number, by: number): void {
    const starts = this.starts!;
    if (this.shift === 0) this.shiftFrom = from;
    else if (from > this.shiftFrom) {
      // The lines between the pending shift and this one take the pending shift alone.
      for (let i = this.shiftFrom; i < Math.min(from, starts.length); i++) starts[i] += this.shift;
      this.shiftFrom = from;
    } else for (let i = from; i < Math.min(this.shiftFrom, starts.length); i++) starts[i] += by;
    this.shift += by;
  }

  /** Applies the pending shift to every line it concerns. */
  private settle(): void {
    const starts = this.starts!;
    if (this.shift !== 0) for (let i = this.shiftFrom; i < starts.length; i++) starts[i] += this.shift;
    this.shift = 0;
  }

  private beforeEOL(offset: number, lineStart: number): number {
    while (offset > lineStart && isEOL(this.content.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/** What the connection's document manager makes and updates documents with. */
export const EDITOR_DOCUMENTS = {
  create: (uri: string, languageId: string, version: number, content: string) => new EditorDocument(uri, languageId, version, content),
  update(document: EditorDocument, changes: TextDocumentContentChangeEvent[], version: number): EditorDocument {
    document.update(changes, version);
    return document;
  },
};
