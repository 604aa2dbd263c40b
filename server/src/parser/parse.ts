// Reads a supervisord config the way its loader does: Python 3 configparser.RawConfigParser with
// inline_comment_prefixes=(';', '#'), strict=False, delimiters '=' and ':' and blank lines allowed inside
// values (configparser.py `_read`). Unlike the loader it never stops: every problem becomes a SyntaxProblem
// with a precise range and parsing goes on, and it keeps the position of everything it reads.
import { CommentNode, EntryNode, range, SectionNode, ValueLineNode } from './nodes';
import { isPythonSpace, lineTable, skipSpace, trimEnd } from './pythonText';
import type { ConfigFile, SyntaxProblem } from './types';

const INLINE_COMMENT_PREFIXES = [0x3b, 0x23]; // ';' and '#'

/**
 * Where an inline comment starts in text[start, end), or -1. Mirrors configparser's search exactly: it looks
 * at the n-th occurrence of every prefix in round n and stops at the first round where one of them follows
 * whitespace (or starts the line), so `a#b #c ;d` is cut at `;`, not at the second `#`.
 */
function inlineCommentStart(text: string, start: number, end: number): number {
  // Most lines hold neither prefix: one scan answers them without the rounds below.
  let any = false;
  for (let i = start; i < end && !any; i++) {
    const c = text.charCodeAt(i);
    any = c === 0x3b || c === 0x23;
  }
  if (!any) return -1;
  let candidates = INLINE_COMMENT_PREFIXES.map((prefix) => ({ prefix, index: start - 1 }));
  while (candidates.length > 0) {
    let found = -1;
    const next: typeof candidates = [];
    for (const { prefix, index } of candidates) {
      const at = indexWithin(text, prefix, index + 1, end);
      if (at === -1) continue;
      next.push({ prefix, index: at });
      if ((at === start || isPythonSpace(text.charCodeAt(at - 1))) && (found === -1 || at < found)) found = at;
    }
    if (found !== -1) return found;
    candidates = next;
  }
  return -1;
}

/** First occurrence of a character in text[from, end), or -1 (indexOf would scan on to the end of the file). */
function indexWithin(text: string, code: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
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

export function parseConfig(text: string): ConfigFile {
  const { starts, ends } = lineTable(text);
  const parsed = parseLines(text, starts, ends, 0);
  const lineLengths = starts.map((lineStart, i) => ends[i] - lineStart);
  return { lineLengths, lineStarts: starts, eol: firstLineBreak(text, starts, lineLengths), ...parsed };
}

/** The file's first line break, `\n` when it has none. */
export function firstLineBreak(text: string, lineStarts: number[], lineLengths: number[]): string {
  return lineStarts.length > 1 ? text.slice(lineStarts[0] + lineLengths[0], lineStarts[1]) : '\n';
}

interface ParsedLines {
  sections: SectionNode[];
  comments: CommentNode[];
  problems: SyntaxProblem[];
}

/**
 * Parses the lines given by starts/ends (document lines firstLine, firstLine + 1, ...) from the loader's initial
 * state: the start of the file, or a section header at column 0, after which the loader remembers nothing of the
 * lines before it.
 */
export function parseLines(text: string, starts: number[], ends: number[], firstLine: number): ParsedLines {
  const sections: SectionNode[] = [];
  const comments: CommentNode[] = [];
  const problems: SyntaxProblem[] = [];
  let section: SectionNode | undefined;
  let entry: EntryNode | undefined; // the loader's `optname`: set while continuation lines may follow
  let indentLevel = 0;
  let reportedMissingHeader = false;

  for (let index = 0; index < starts.length; index++) {
    const lineNo = firstLine + index;
    const start = starts[index];
    const end = ends[index];
    const first = skipSpace(text, start, end);
    const c = text.charCodeAt(first);
    const isCommentLine = first < end && (c === 0x3b || c === 0x23);
    const commentAt = isCommentLine ? first : inlineCommentStart(text, start, end);
    const contentEnd = commentAt === -1 ? end : commentAt;
    const valueStart = skipSpace(text, start, contentEnd);
    const valueEnd = trimEnd(text, valueStart, contentEnd);
    if (commentAt !== -1) {
      const commentEnd = trimEnd(text, commentAt, end);
      comments.push(new CommentNode(text.slice(commentAt, commentEnd), valueStart === valueEnd, lineNo, commentAt - start));
    }

    if (valueStart === valueEnd) {
      // A blank line (not a comment line) inside a value is kept as an empty value line.
      if (commentAt === -1 && entry) entry.valueLines.push(new ValueLineNode('', 0, lineNo, 0, 0));
      continue;
    }

    const indent = first - start;
    if (section && entry && indent > indentLevel) {
      entry.valueLines.push(new ValueLineNode(text.slice(valueStart, valueEnd), 0, lineNo, valueStart - start, valueEnd - start));
      continue;
    }
    indentLevel = indent;

    const closing = text.charCodeAt(valueStart) === 0x5b ? lastIndexWithin(text, 0x5d, valueStart, valueEnd) : -1;
    if (closing > valueStart + 1) {
      finishEntry(entry);
      entry = undefined;
      section = new SectionNode(text.slice(valueStart + 1, closing), lineNo, valueStart - start);
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

    const delimiter = firstDelimiter(text, valueStart, valueEnd);
    if (delimiter === -1) {
      problems.push({
        code: 'invalid-line',
        message: `Not a setting: a line inside a section must be "key = value" or "key: value" (supervisord refuses the file with "Source contains parsing errors").`,
        range: range(lineNo, valueStart - start, valueEnd - start),
      });
      continue; // like the loader, the previous key may still take continuation lines
    }
    finishEntry(entry);
    const keyEnd = trimEnd(text, valueStart, delimiter);
    const optvalStart = skipSpace(text, delimiter + 1, valueEnd);
    const rawKey = text.slice(valueStart, keyEnd);
    if (rawKey === '') {
      problems.push({
        code: 'empty-key',
        message: 'A setting has no key before its delimiter (supervisord refuses the file with "Source contains parsing errors").',
        range: range(lineNo, valueStart - start, valueEnd - start),
      });
    }
    const newEntry = new EntryNode(
      rawKey.toLowerCase(),
      rawKey,
      lineNo,
      valueStart - start,
      keyEnd - start,
      text[delimiter] as '=' | ':',
      delimiter - start,
      new ValueLineNode(text.slice(optvalStart, valueEnd), 0, lineNo, optvalStart - start, valueEnd - start),
    );
    section.entries.push(newEntry);
    // An empty key is stored by the loader but takes no continuation lines (its name is falsy).
    entry = rawKey === '' ? undefined : newEntry;
    if (!entry) finishEntry(newEntry);
  }
  finishEntry(entry);
  return { sections, comments, problems };
}

/** Joins the value as the loader does ('\n'.join(lines).rstrip()) and drops trailing blank value lines. */
function finishEntry(entry: EntryNode | undefined): void {
  if (!entry) return;
  const lines = entry.valueLines;
  while (lines.length > 1 && lines[lines.length - 1].text === '') lines.pop();
  let offset = 0;
  for (const line of lines) {
    line.offset = offset;
    offset += line.text.length + 1;
  }
  entry.value = lines.length === 1 ? lines[0].text : lines.map((l) => l.text).join('\n');
}
