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

/** Where an entry's key, delimiter and first value text sit on its line; `colon` is true for ':'. */
interface EntryColumns {
  keyStart: number;
  delimiter: number;
  valueStart: number;
  colon: boolean;
}

/** Columns packed into one small integer: the key's column (under 2**12) and the two gaps around the delimiter. */
const KEY_COLUMNS = 2 ** 12;
const GAP = 2 ** 8;

/** The key as written, for the few entries whose key the loader folds (upper case): most entries need no field. */
const writtenKeys = new WeakMap<EntryNode, string>();
/** The columns of the few entries whose columns do not pack (deep indentation, long runs of spaces). */
const wideColumns = new WeakMap<EntryNode, EntryColumns>();

/**
 * An entry keeps five fields: a 6 MB config has 140 000 entries, all alive until the analysis ends, and the young
 * generation copies every field of each. So what can be derived is (the key's end, the first line's end), the key
 * as written is kept aside when it differs, the columns are packed into one number, and one field holds the
 * continuation lines, then all value lines.
 */
export class EntryNode implements Entry {
  /** The first line's text until finish(), then the value as the loader joins it. */
  value: string;
  /**
   * The lines after the first (blank ones inside the value included) until valueLines is first read, then every
   * value line: few entries are ever asked. Undefined for the usual one-line value that nobody asked about.
   */
  private lines: ValueLineNode[] | undefined = undefined;
  /** ((keyStart * GAP + spaces before the delimiter) * GAP + spaces after it) * 2 + 1 for ':', or -1: wideColumns. */
  private readonly packed: number;

  constructor(
    readonly key: string,
    rawKey: string,
    public line: number,
    keyStart: number,
    delimiter: number,
    colon: boolean,
    /** The first line's text and its column. */
    firstText: string,
    valueStart: number,
  ) {
    this.value = firstText;
    if (rawKey !== key) writtenKeys.set(this, rawKey);
    const before = delimiter - keyStart - rawKey.length;
    const after = valueStart - delimiter - 1;
    if (keyStart < KEY_COLUMNS && before < GAP && after < GAP)
      this.packed = ((keyStart * GAP + before) * GAP + after) * 2 + (colon ? 1 : 0);
    else {
      this.packed = -1;
      wideColumns.set(this, { keyStart, delimiter, valueStart, colon });
    }
  }

  get rawKey(): string {
    return writtenKeys.get(this) ?? this.key;
  }

  get keyStart(): number {
    return this.packed === -1 ? wideColumns.get(this)!.keyStart : Math.floor(this.packed / (2 * GAP * GAP));
  }

  get keyEnd(): number {
    return this.keyStart + this.rawKey.length;
  }

  get delimiterChar(): number {
    return this.packed === -1 ? wideColumns.get(this)!.delimiter : this.keyEnd + (Math.floor(this.packed / (2 * GAP)) % GAP);
  }

  get delimiter(): '=' | ':' {
    const colon = this.packed === -1 ? wideColumns.get(this)!.colon : this.packed % 2 === 1;
    return colon ? ':' : '=';
  }

  /** Column of the first line's text, on the key's line. */
  private get valueStart(): number {
    return this.packed === -1 ? wideColumns.get(this)!.valueStart : this.delimiterChar + 1 + (Math.floor(this.packed / 2) % GAP);
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
      const valueStart = this.valueStart;
      const first = new ValueLineNode(firstText, 0, this.line, valueStart, valueStart + firstText.length);
      this.lines = [first, ...rest];
    }
    return this.lines!;
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
  /** Set on every section (undefined without ':'), so that all sections share one shape for the code reading them. */
  readonly arg: string | undefined;
  private readonly colon: number;

  constructor(
    readonly name: string,
    public line: number,
    /** Column of '[' (the name starts one after it). */
    readonly open: number,
  ) {
    this.colon = name.indexOf(':');
    this.kind = this.colon === -1 ? name : name.slice(0, this.colon);
    this.arg = this.colon === -1 ? undefined : name.slice(this.colon + 1);
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
