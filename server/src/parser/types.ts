/** Zero-based line and UTF-16 column, the same shape LSP uses. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** One physical piece of a value: the first line's text after the delimiter, or a continuation line. */
export interface ValueLine {
  /** Text as the loader keeps it (inline comment removed, surrounding whitespace stripped). */
  text: string;
  /** Offset of this line's text within Entry.value. */
  offset: number;
  /** Where that text sits in the document (empty range for a blank line inside a value); made on each read. */
  readonly range: Range;
  /** The same as numbers, which cost nothing to read: the document line and the text's first and end columns. */
  readonly line: number;
  readonly startChar: number;
  readonly endChar: number;
}

export interface Entry {
  /** Key as the loader folds it: right-stripped and lower-cased. */
  key: string;
  /** Key exactly as written. */
  rawKey: string;
  keyRange: Range;
  delimiter: '=' | ':';
  delimiterRange: Range;
  /** The value as the loader sees it: lines joined with '\n', trailing whitespace removed. */
  value: string;
  valueLines: ValueLine[];
  /** From the key to the end of the last value line. */
  range: Range;
}

export interface Section {
  /** Everything between '[' and the last ']' of the header line: the loader's section name. */
  name: string;
  /** Part before the first ':' (`program` for `program:web`), or the whole name. */
  kind: string;
  /** Part after the first ':', undefined when the name has none. */
  arg?: string;
  /** The header's line. */
  readonly line: number;
  /** The `[...]` header. */
  headerRange: Range;
  nameRange: Range;
  kindRange: Range;
  argRange?: Range;
  /** From the header to the end of the section's last non-blank line. */
  range: Range;
  entries: Entry[];
  /**
   * True when no key is set twice in this section. False when one may be: a key set again, or written with a capital
   * (another spelling may fold to it), so that a section read key by key needs a map only then.
   */
  readonly distinctKeys: boolean;
}

export interface Comment {
  text: string;
  range: Range;
  /** True for a whole comment line, false for a comment after a value or header. */
  fullLine: boolean;
}

export type SyntaxProblemCode = 'missing-section-header' | 'invalid-line' | 'empty-key';

export interface SyntaxProblem {
  code: SyntaxProblemCode;
  message: string;
  range: Range;
}

export interface ConfigFile {
  /** Length of every line (without its line break), so edits can address line ends. */
  lineLengths: number[];
  /** Offset in the text where every line starts. */
  lineStarts: number[];
  /** The file's line break (its first one; `\n` when it has none), for edits that add lines. */
  eol: string;
  /** Sections in the order their headers appear; a repeated header gives a second node. */
  sections: Section[];
  comments: Comment[];
  problems: SyntaxProblem[];
}
