// The parser's nodes keep a line number and columns instead of Range objects: a 6 MB config has hundreds of
// thousands of ranges nobody asks for, and building them eagerly made parsing allocation-bound. A range is made
// when a rule or a feature reads it (each read gives a fresh object, so callers may keep or change it).
// `line` is writable only for reparseConfig, which moves the nodes after an edit that adds or removes lines
// (the parser's public types keep it readonly).
import type { Comment, Entry, Position, Range, Section, ValueLine } from './types';

export function range(line: number, startChar: number, endChar: number, endLine = line): Range {
  return { start: { line, character: startChar }, end: { line: endLine, character: endChar } };
}

export class ValueLineNode implements ValueLine {
  constructor(
    public text: string,
    public offset: number,
    public line: number,
    readonly startChar: number,
    readonly endChar: number,
  ) {}

  get range(): Range {
    return range(this.line, this.startChar, this.endChar);
  }
}

/**
 * An entry keeps eight fields: a 6 MB config has 140 000 entries, all alive until the analysis ends, and the
 * young generation copies every field of each. So what can be derived is (the key's end, the first line's end),
 * the delimiter is packed with its column, and one field holds the continuation lines, then all value lines.
 */
export class EntryNode implements Entry {
  /** The first line's text until finish(), then the value as the loader joins it. */
  value: string;
  /**
   * The lines after the first (blank ones inside the value included) until valueLines is first read, then every
   * value line: few entries are ever asked. Undefined for the usual one-line value that nobody asked about.
   */
  private lines: ValueLineNode[] | undefined = undefined;

  constructor(
    readonly key: string,
    readonly rawKey: string,
    public line: number,
    readonly keyStart: number,
    /** The delimiter's column times two, plus one for ':' (a field less than column and character apart). */
    private readonly delimiterAt: number,
    firstText: string,
    /** Column of the first line's text, on the key's line. */
    private readonly valueStart: number,
  ) {
    this.value = firstText;
  }

  addLine(line: ValueLineNode): void {
    (this.lines ??= []).push(line);
  }

  /** Drops trailing blank lines and joins the value as the loader does ('\n'.join(lines).rstrip()). Once. */
  finish(): void {
    const rest = this.lines;
    if (!rest) return;
    while (rest.length > 0 && rest[rest.length - 1].text === '') rest.pop();
    if (rest.length === 0) {
      this.lines = undefined;
      return;
    }
    const texts = [this.value];
    let offset = this.value.length + 1;
    for (const line of rest) {
      line.offset = offset;
      offset += line.text.length + 1;
      texts.push(line.text);
    }
    this.value = texts.join('\n');
  }

  get valueLines(): ValueLineNode[] {
    // Continuation lines lie below the key's line: `lines` starts with the first line once this was read.
    if (this.lines?.[0].line !== this.line) {
      const rest = this.lines ?? [];
      const firstText = rest.length === 0 ? this.value : this.value.slice(0, rest[0].offset - 1);
      const first = new ValueLineNode(firstText, 0, this.line, this.valueStart, this.valueStart + firstText.length);
      this.lines = [first, ...rest];
    }
    return this.lines!;
  }

  get delimiter(): '=' | ':' {
    return this.delimiterAt & 1 ? ':' : '=';
  }

  get delimiterChar(): number {
    return this.delimiterAt >> 1;
  }

  get keyEnd(): number {
    return this.keyStart + this.rawKey.length;
  }

  get keyRange(): Range {
    return range(this.line, this.keyStart, this.keyEnd);
  }

  get delimiterRange(): Range {
    return range(this.line, this.delimiterChar, this.delimiterChar + 1);
  }

  /** From the key to the end of the last value line. */
  get range(): Range {
    const end = this.end;
    return range(this.line, this.keyStart, end.character, end.line);
  }

  get end(): Position {
    const lines = this.lines;
    const last = lines?.[lines.length - 1];
    if (last) return { line: last.line, character: last.endChar };
    return { line: this.line, character: this.valueStart + this.value.length };
  }

  shiftLines(delta: number): void {
    this.line += delta;
    for (const valueLine of this.lines ?? []) valueLine.line += delta;
  }
}

export class SectionNode implements Section {
  readonly entries: EntryNode[] = [];
  readonly kind: string;
  declare readonly arg?: string;
  private readonly colon: number;

  constructor(
    readonly name: string,
    public line: number,
    /** Column of '[' (the name starts one after it). */
    readonly open: number,
  ) {
    this.colon = name.indexOf(':');
    this.kind = this.colon === -1 ? name : name.slice(0, this.colon);
    if (this.colon !== -1) this.arg = name.slice(this.colon + 1);
  }

  get headerRange(): Range {
    return range(this.line, this.open, this.open + this.name.length + 2);
  }

  get nameRange(): Range {
    return range(this.line, this.open + 1, this.open + 1 + this.name.length);
  }

  get kindRange(): Range {
    return range(this.line, this.open + 1, this.open + 1 + this.kind.length);
  }

  get argRange(): Range | undefined {
    return this.colon === -1 ? undefined : range(this.line, this.open + this.colon + 2, this.open + 1 + this.name.length);
  }

  /** From the header to the end of the section's last non-blank line. */
  get range(): Range {
    const last = this.entries[this.entries.length - 1];
    return last ? { start: { line: this.line, character: this.open }, end: last.end } : this.headerRange;
  }

  shiftLines(delta: number): void {
    this.line += delta;
    for (const entry of this.entries) entry.shiftLines(delta);
  }
}

export class CommentNode implements Comment {
  constructor(
    readonly text: string,
    readonly fullLine: boolean,
    public line: number,
    readonly startChar: number,
  ) {}

  get range(): Range {
    return range(this.line, this.startChar, this.startChar + this.text.length);
  }
}
