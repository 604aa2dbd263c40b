// Reads a supervisord config the way its loader does: Python 3 configparser.RawConfigParser with
// inline_comment_prefixes=(';', '#'), strict=False, delimiters '=' and ':' and blank lines allowed inside
// values (configparser.py `_read`). Unlike the loader it never stops: every problem becomes a SyntaxProblem
// with a precise range and parsing goes on, and it keeps the position of everything it reads.
import { CommentNode, EntryLayout, EntryNode, range, SectionNode, ValueLineNode } from './nodes';
import { isPythonSpace, nextOccurrence, skipSpace, trimEnd } from './pythonText';
import type { ConfigFile, SyntaxProblem } from './types';
import { internalized } from '../util/internalized';

/**
 * Where an inline comment starts in text[start, end), or -1. Mirrors configparser's search exactly: it looks
 * at the n-th occurrence of every prefix (';' and '#') in round n and stops at the first round where one of them
 * follows whitespace (or starts the line), so `a#b #c ;d` is cut at `;`, not at the second `#`.
 */
function inlineCommentStart(text: string, start: number, end: number): number {
  let semicolon = start - 1;
  let hash = start - 1;
  while (semicolon < end || hash < end) {
    if (semicolon < end) semicolon = nextWithin(text, 0x3b, semicolon + 1, end);
    if (hash < end) hash = nextWithin(text, 0x23, hash + 1, end);
    const bySemicolon = startsComment(text, start, end, semicolon);
    const byHash = startsComment(text, start, end, hash);
    if (bySemicolon || byHash) return bySemicolon && (!byHash || semicolon < hash) ? semicolon : hash;
  }
  return -1;
}

function startsComment(text: string, lineStart: number, lineEnd: number, at: number): boolean {
  return at < lineEnd && (at === lineStart || isPythonSpace(text.charCodeAt(at - 1)));
}

/** First occurrence of a character in text[from, end), or `end` (indexOf would scan on to the end of the file). */
function nextWithin(text: string, code: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === code) return i;
  return end;
}

/** Last occurrence of a character in text[from, end), or -1. */
function lastIndexWithin(text: string, code: number, from: number, end: number): number {
  for (let i = end - 1; i >= from; i--) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** First '=' or ':' in text[start, end), or -1: the loader's option pattern is lazy, so the first one wins. */
function firstDelimiter(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d || c === 0x3a) return i;
  }
  return -1;
}

/**
 * A spelling of a key, kept once with its key folded once: keys repeat in every section, and a slice kept per entry
 * survives the young generation (140 000 of them in a 6 MB file). The kept key also carries its hash for the model's
 * maps. `next` is the spelling met after it last time: sections tend to repeat their keys in the same order, so the
 * next key is usually recognised in place, without slicing it and hashing the slice for the map.
 */
interface Spelling {
  key: string;
  written: string;
  next: Spelling | undefined;
  /** The layout of the last entry written so, which the next one usually shares. */
  layout: EntryLayout | undefined;
  /** The number of the last section that set it (see `sectionCount`): met again in that section, the key repeats. */
  seenIn: number;
}

/**
 * The spellings met by every parse, not each parse's own: the files of a configuration write the same few dozen keys,
 * so a conf.d fragment's keys are recognised in place as a large file's are, and all their models share one string
 * per spelling. Emptied before a parse when full, so that files of ever new keys cannot grow it without end (an entry
 * keeps its key's strings, not its spelling); never during one, so that a parse meets one spelling per written key
 * (a repeated key is known by its spelling's `seenIn`).
 */
const spellings = new Map<string, Spelling>();
const SPELLINGS_KEPT = 4096;
/** Sections made by all parses: numbers for `seenIn` (a section object there would keep its text alive). */
let sectionCount = 0;

/**
 * Keys and their spellings are kept as property names are (see internalized): the rules look keys up by literals, so
 * a key met in a section is found in its short list by comparing references (see analysis/sections.ts); a key that
 * nothing folds is the very string of its spelling; and the table, which outlives the parse, keeps no view of a
 * closed document's text.
 */
function addSpelling(slice: string): Spelling {
  const written = internalized(slice);
  const spelling = { key: internalized(foldKey(written)), written, next: undefined, layout: undefined, seenIn: 0 };
  spellings.set(written, spelling);
  return spelling;
}

/**
 * The delimiter of the line whose content starts at `at` and ends at `end`, when its key is written `written`, or -1.
 * A written key holds no delimiter and does not end with whitespace, so the first delimiter follows it after spaces.
 */
function delimiterAfter(text: string, at: number, end: number, written: string): number {
  if (!text.startsWith(written, at)) return -1;
  const delimiter = skipSpace(text, at + written.length, end);
  const c = delimiter < end ? text.charCodeAt(delimiter) : 0;
  return c === 0x3d || c === 0x3a ? delimiter : -1;
}

/** The key as the loader folds it (optionxform: str.lower); most keys are lower-case ASCII already. */
function foldKey(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c >= 0x80) return raw.toLowerCase();
  }
  return raw;
}

export function parseConfig(text: string): ConfigFile {
  const { lineStarts, sections, comments, problems } = parseLines(text, 0, 0);
  return configFile(text, lineStarts, sections, comments, problems);
}

/**
 * The parse of a text. One line table: the lines' lengths follow from their starts and are worked out when first
 * read, which most analyses never do (a push per line into a second table cost some 5% of a parse). A getter: a
 * spread of the file would work them out (a view of it copies the other fields: see rules/reuse.ts).
 */
export function configFile(
  text: string,
  lineStarts: number[],
  sections: SectionNode[],
  comments: CommentNode[],
  problems: SyntaxProblem[],
): ConfigFile {
  let lengths: number[] | undefined;
  return {
    lineStarts,
    get lineLengths() {
      return (lengths ??= lineStarts.map((start, line) => lineEnd(text, lineStarts, line) - start));
    },
    eol: lineStarts.length > 1 ? text.slice(lineEnd(text, lineStarts, 0), lineStarts[1]) : '\n',
    sections,
    comments,
    problems,
  };
}

/** Where a line ends, before its line break (\r\n, \r or \n), found from the line table. */
export function lineEnd(text: string, lineStarts: readonly number[], line: number): number {
  if (line + 1 >= lineStarts.length) return text.length;
  const next = lineStarts[line + 1];
  return next - (text.charCodeAt(next - 1) === 0x0a && text.charCodeAt(next - 2) === 0x0d ? 2 : 1);
}

interface ParsedLines {
  /** Where the parsed lines start in the text. */
  lineStarts: number[];
  sections: SectionNode[];
  comments: CommentNode[];
  problems: SyntaxProblem[];
}

/**
 * Parses the lines from offset `from` (the start of document line `firstLine`) up to the line starting at `stop`,
 * or to the end of the text when `stop` is not a line start after `from`, from the loader's initial state: the
 * start of the file, or a section header at column 0, after which the loader remembers nothing of the lines above.
 * Lines are split the way Python's universal newlines do: \r\n, \r, \n.
 */
export function parseLines(text: string, from: number, firstLine: number, stop = -1): ParsedLines {
  if (spellings.size >= SPELLINGS_KEPT) spellings.clear();
  const lineStarts: number[] = [];
  // The next line break and comment prefix at or after the current line's start, each searched for natively once.
  let newline = -1;
  let carriageReturn = -1;
  let semicolon = -1;
  let hash = -1;
  const sections: SectionNode[] = [];
  const comments: CommentNode[] = [];
  const problems: SyntaxProblem[] = [];
  let section: SectionNode | undefined;
  // The entries of the section before: most sections repeat many of its values, line for line, and an entry that
  // shares its twin's string keeps no string of its own (one object less to survive per entry).
  let twins: EntryNode[] = [];
  let entry: EntryNode | undefined; // the loader's `optname`: set while continuation lines may follow
  let rest: ValueLineNode[] | undefined; // the entry's lines after its first, if any
  // Blank lines after the entry's last line, blankLines[0, blanks): part of its value only if a continuation line
  // follows, which is rare, so they are added then (the loader drops trailing ones). The array is never emptied by its
  // length, which would give up its room and allocate it again for the blank line after every section.
  const blankLines: number[] = [];
  let blanks = 0;
  let spelling: Spelling | undefined; // the last entry's key
  let indentLevel = 0;
  let reportedMissingHeader = false;

  let next = from;
  for (let lineNo = firstLine; next <= text.length && next !== stop; lineNo++) {
    const start = next;
    if (newline < start) newline = nextOccurrence(text, '\n', start, text.length);
    if (carriageReturn < start) carriageReturn = nextOccurrence(text, '\r', start, text.length);
    const end = Math.min(newline, carriageReturn);
    // Never read past the text: the optimised loop would be thrown away at the last line of every file.
    next = end + (end + 1 < text.length && text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
    lineStarts.push(start);
    const first = skipSpace(text, start, end);
    const c = first < end ? text.charCodeAt(first) : 0;
    const isCommentLine = c === 0x3b || c === 0x23;
    // Most lines hold neither prefix: the next ones found natively answer them without inlineCommentStart.
    if (semicolon < start) semicolon = nextOccurrence(text, ';', start, text.length);
    if (hash < start) hash = nextOccurrence(text, '#', start, text.length);
    const anyPrefix = Math.min(semicolon, hash) < end;
    const commentAt = isCommentLine ? first : anyPrefix ? inlineCommentStart(text, start, end) : -1;
    const contentEnd = commentAt === -1 ? end : commentAt;
    const valueStart = skipSpace(text, start, contentEnd);
    const valueEnd = trimEnd(text, valueStart, contentEnd);
    if (commentAt !== -1) {
      const commentEnd = trimEnd(text, commentAt, end);
      comments.push(new CommentNode(text.slice(commentAt, commentEnd), valueStart === valueEnd, lineNo, commentAt - start));
    }

    if (valueStart === valueEnd) {
      // A blank line (not a comment line) inside a value is kept as an empty value line.
      if (commentAt === -1 && entry) blankLines[blanks++] = lineNo;
      continue;
    }

    const indent = first - start;
    if (section && entry && indent > indentLevel) {
      rest ??= [];
      for (let i = 0; i < blanks; i++) rest.push(new ValueLineNode(entry, '', blankLines[i] - entry.line, 0, 0));
      blanks = 0;
      const below = lineNo - entry.line;
      rest.push(new ValueLineNode(entry, text.slice(valueStart, valueEnd), below, valueStart - start, valueEnd - start));
      continue;
    }
    indentLevel = indent;

    const closing = text.charCodeAt(valueStart) === 0x5b ? lastIndexWithin(text, 0x5d, valueStart, valueEnd) : -1;
    if (closing > valueStart + 1) {
      if (rest) entry!.finish(rest);
      rest = undefined;
      entry = undefined;
      blanks = 0;
      if (section) twins = section.entries;
      section = new SectionNode(text.slice(valueStart + 1, closing), lineNo, valueStart - start, section);
      sectionCount++;
      sections.push(section);
      continue;
    }

    if (!section) {
      // The loader gives up here (MissingSectionHeaderError); we report the first such line and read on.
      if (!reportedMissingHeader) {
        problems.push({
          code: 'missing-section-header',
          message:
            'File contains no section headers: every setting must come after a section header such as [supervisord] or [program:name].',
          range: range(lineNo, valueStart - start, valueEnd - start),
        });
        reportedMissingHeader = true;
      }
      continue;
    }

    const expected = spelling?.next;
    let delimiter = expected ? delimiterAfter(text, valueStart, valueEnd, expected.written) : -1;
    let found = delimiter === -1 ? undefined : expected;
    if (!found) delimiter = firstDelimiter(text, valueStart, valueEnd);
    if (delimiter === -1) {
      problems.push({
        code: 'invalid-line',
        message: `Not a setting: a line inside a section must be "key = value" or "key: value" (supervisord refuses the file with "Source contains parsing errors").`,
        range: range(lineNo, valueStart - start, valueEnd - start),
      });
      continue; // like the loader, the previous key may still take continuation lines
    }
    if (rest) entry!.finish(rest);
    rest = undefined;
    blanks = 0;
    const optvalStart = skipSpace(text, delimiter + 1, valueEnd);
    if (!found) {
      const written = text.slice(valueStart, trimEnd(text, valueStart, delimiter));
      found = spellings.get(written) ?? addSpelling(written);
      if (spelling) spelling.next = found;
    }
    spelling = found;
    const { key, written: rawKey } = found;
    // Another spelling may fold to a key written with a capital: then the section may repeat it under two spellings.
    if (found.seenIn === sectionCount || key !== rawKey) section.distinctKeys = false;
    found.seenIn = sectionCount;
    if (rawKey === '') {
      problems.push({
        code: 'empty-key',
        message: 'A setting has no key before its delimiter (supervisord refuses the file with "Source contains parsing errors").',
        range: range(lineNo, valueStart - start, valueEnd - start),
      });
    }
    const keyStart = valueStart - start;
    const colon = text.charCodeAt(delimiter) === 0x3a;
    let layout = found.layout;
    if (layout === undefined || !layout.fits(keyStart, delimiter - start, colon, optvalStart - start))
      found.layout = layout = new EntryLayout(key, rawKey, keyStart, delimiter - start, colon, optvalStart - start);
    const { entries } = section;
    // Only values shorter than 13 characters are shared: V8 copies them when slicing (a longer slice is a 32-byte view
    // of the text), and the copy kept is a flat string that startsWith compares natively. Comparing a longer value
    // (a view) would cost more than the view.
    const twin = entries.length < twins.length ? twins[entries.length].value : '';
    const same = twin.length < 13 && twin.length === valueEnd - optvalStart && text.startsWith(twin, optvalStart);
    const newEntry = new EntryNode(layout, lineNo, same ? twin : text.slice(optvalStart, valueEnd));
    entries.push(newEntry);
    // An empty key is stored by the loader but takes no continuation lines (its name is falsy).
    entry = rawKey === '' ? undefined : newEntry;
  }
  if (rest) entry!.finish(rest);
  return { lineStarts, sections, comments, problems };
}
