// The parser's nodes keep a line number and columns instead of Range objects: a 6 MB config has hundreds of
// thousands of ranges nobody asks for, and building them eagerly made parsing allocation-bound. A range is made
// when a rule or a feature reads it (each read gives a fresh object, so callers may keep or change it).
// `line` is writable only for reparseConfig, which moves the nodes after an edit that adds or removes lines
// (the parser's public types keep it readonly).
import type { Comment, Entry, Position, Range, Section, ValueLine } from './types';
import { keepShape } from '../util/keepShape';

export function range(line: number, startChar: number, endChar: number, endLine = line): Range {
  return { start: { line, character: startChar }, end: { line: endLine, character: endChar } };
}

/**
 * A line of an entry's value: its line follows its entry's, so that moving the entry (reparseConfig) moves it.
 * `below` is how many lines below the key it sits (0 for the first).
 */
export class ValueLineNode implements ValueLine {
  offset = 0; // of a line after the first: set when the entry's value is joined

  constructor(
    private readonly entry: EntryNode,
    readonly text: string,
    private readonly below: number,
    readonly startChar: number,
    readonly endChar: number,
  ) {}

  get line(): number {
    return this.entry.line + this.below;
  }

  get range(): Range {
    return range(this.line, this.startChar, this.endChar);
  }
}

/**
 * An entry's key, how it is written, and where it and its delimiter sit on the line: the same for most entries of a
 * key in a file, so entries share one, and an entry keeps three fields. A 6 MB config has 140 000 entries, all alive
 * until the analysis ends, and the young generation copies every field of each (twice before they are old).
 */
export class EntryLayout {
  constructor(
    /** The key as the loader folds it, and as written. */
    readonly key: string,
    readonly rawKey: string,
    readonly keyStart: number,
    /** The delimiter's column; `colon` is true for ':'. */
    readonly delimiter: number,
    readonly colon: boolean,
    /** Column of the first line's text. */
    readonly valueStart: number,
  ) {}

  fits(keyStart: number, delimiter: number, colon: boolean, valueStart: number): boolean {
    return this.keyStart === keyStart && this.delimiter === delimiter && this.colon === colon && this.valueStart === valueStart;
  }
}

/** Every value line of the entries whose value goes on below the key's line (few do). */
const severalLines = new WeakMap<EntryNode, ValueLineNode[]>();

export class EntryNode implements Entry {
  constructor(
    private readonly layout: EntryLayout,
    public line: number,
    /** The first line's text until finish(), then the value as the loader joins it. */
    public value: string,
  ) {}

  get key(): string {
    return this.layout.key;
  }

  get rawKey(): string {
    return this.layout.rawKey;
  }

  get keyStart(): number {
    return this.layout.keyStart;
  }

  get keyEnd(): number {
    return this.layout.keyStart + this.layout.rawKey.length;
  }

  get delimiterChar(): number {
    return this.layout.delimiter;
  }

  get delimiter(): '=' | ':' {
    return this.layout.colon ? ':' : '=';
  }

  /**
   * Joins the value with the lines after the first, as the loader does ('\n'.join(lines).rstrip()). Once, when the
   * entry ends; its last line is never blank (the parser adds blank lines only when a line follows them).
   */
  finish(rest: ValueLineNode[]): void {
    const first = this.firstLine();
    const texts = [this.value];
    let offset = this.value.length + 1;
    for (const line of rest) {
      line.offset = offset;
      offset += line.text.length + 1;
      texts.push(line.text);
    }
    this.value = texts.join('\n');
    severalLines.set(this, [first, ...rest]);
  }

  /**
   * A value on one line makes its line when asked (few entries are ever asked), a new array on each read; the lines
   * of a value on several lines are kept, since callers look offsets up in them once per word.
   */
  get valueLines(): ValueLine[] {
    return severalLines.get(this) ?? [this.firstLine()];
  }

  /** The value's line on the key's line: made for a value on one line, or by finish() before it joins the rest. */
  private firstLine(): ValueLineNode {
    const valueStart = this.layout.valueStart;
    return new ValueLineNode(this, this.value, 0, valueStart, valueStart + this.value.length);
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
    const lines = severalLines.get(this);
    const last = lines?.[lines.length - 1];
    if (last) return { line: last.line, character: last.endChar };
    return { line: this.line, character: this.layout.valueStart + this.value.length };
  }
}
// A value line lives as long as the rule or feature that asked for it (see keepShape).
keepShape(new EntryNode(new EntryLayout('key', 'key', 0, 3, false, 4), 0, 'value').valueLines[0]);

export class SectionNode implements Section {
  readonly entries: EntryNode[] = [];
  distinctKeys = true; // until the parser meets a key that may repeat
  readonly kind: string;
  /** Set on every section (undefined without ':'), so that all sections share one shape for the code reading them. */
  readonly arg: string | undefined;

  constructor(
    readonly name: string,
    public line: number,
    /** Column of '[' (the name starts one after it). */
    readonly open: number,
    /** The section before it in the file, whose kind it shares when it has the same: one string for most kinds. */
    previous: SectionNode | undefined,
  ) {
    const colon = name.indexOf(':');
    const kind = previous?.kind;
    const sameKind = kind !== undefined && kind.length === (colon === -1 ? name.length : colon) && name.startsWith(kind);
    this.kind = sameKind ? kind : colon === -1 ? name : name.slice(0, colon);
    this.arg = colon === -1 ? undefined : name.slice(colon + 1);
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
    return this.arg === undefined ? undefined : range(this.line, this.open + this.kind.length + 2, this.open + 1 + this.name.length);
  }

  /** From the header to the end of the section's last non-blank line. */
  get range(): Range {
    const last = this.entries[this.entries.length - 1];
    return last ? { start: { line: this.line, character: this.open }, end: last.end } : this.headerRange;
  }

  /** Moves the section and its entries (and so their value lines) by `delta` lines. */
  shiftLines(delta: number): void {
    this.line += delta;
    for (const entry of this.entries) entry.line += delta;
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
