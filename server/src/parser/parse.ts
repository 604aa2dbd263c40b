// Reads a supervisord config the way its loader does: Python 3 configparser.RawConfigParser with
// inline_comment_prefixes=(';', '#'), strict=False, delimiters '=' and ':' and blank lines allowed inside
// values (configparser.py `_read`). Unlike the loader it never stops: every problem becomes a SyntaxProblem
// with a precise range and parsing goes on, and it keeps the position of everything it reads.
import { isPythonSpace, skipSpace, splitLines, trimEnd } from './pythonText';
import type { Comment, ConfigFile, Entry, Range, Section, SyntaxProblem } from './types';

const INLINE_COMMENT_PREFIXES = [0x3b, 0x23]; // ';' and '#'

function range(line: number, startChar: number, endChar: number, endLine = line): Range {
  return { start: { line, character: startChar }, end: { line: endLine, character: endChar } };
}

/**
 * Where an inline comment starts in text[start, end), or -1. Mirrors configparser's search exactly: it looks
 * at the n-th occurrence of every prefix in round n and stops at the first round where one of them follows
 * whitespace (or starts the line), so `a#b #c ;d` is cut at `;`, not at the second `#`.
 */
function inlineCommentStart(text: string, start: number, end: number): number {
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
  const lines = splitLines(text);
  const sections: Section[] = [];
  const comments: Comment[] = [];
  const problems: SyntaxProblem[] = [];
  let section: Section | undefined;
  let entry: Entry | undefined; // the loader's `optname`: set while continuation lines may follow
  let indentLevel = 0;
  let reportedMissingHeader = false;

  for (let lineNo = 0; lineNo < lines.length; lineNo++) {
    const { start, end } = lines[lineNo];
    const first = skipSpace(text, start, end);
    const c = text.charCodeAt(first);
    const isCommentLine = first < end && (c === 0x3b || c === 0x23);
    const commentAt = isCommentLine ? first : inlineCommentStart(text, start, end);
    const contentEnd = commentAt === -1 ? end : commentAt;
    const valueStart = skipSpace(text, start, contentEnd);
    const valueEnd = trimEnd(text, valueStart, contentEnd);
    if (commentAt !== -1) {
      const commentEnd = trimEnd(text, commentAt, end);
      comments.push({
        text: text.slice(commentAt, commentEnd),
        range: range(lineNo, commentAt - start, commentEnd - start),
        fullLine: valueStart === valueEnd,
      });
    }

    if (valueStart === valueEnd) {
      // A blank line (not a comment line) inside a value is kept as an empty value line.
      if (commentAt === -1 && entry) entry.valueLines.push({ text: '', offset: 0, range: range(lineNo, 0, 0) });
      continue;
    }

    const indent = first - start;
    if (section && entry && indent > indentLevel) {
      entry.valueLines.push({
        text: text.slice(valueStart, valueEnd),
        offset: 0,
        range: range(lineNo, valueStart - start, valueEnd - start),
      });
      continue;
    }
    indentLevel = indent;

    const closing = text.charCodeAt(valueStart) === 0x5b ? lastIndexWithin(text, 0x5d, valueStart, valueEnd) : -1;
    if (closing > valueStart + 1) {
      finishEntry(entry);
      entry = undefined;
      if (section) finishSection(section);
      section = newSection(text, lineNo, start, valueStart, closing);
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
    const keyRange = range(lineNo, valueStart - start, keyEnd - start);
    if (rawKey === '') {
      problems.push({
        code: 'empty-key',
        message: 'A setting has no key before its delimiter (supervisord refuses the file with "Source contains parsing errors").',
        range: range(lineNo, valueStart - start, valueEnd - start),
      });
    }
    const newEntry: Entry = {
      key: rawKey.toLowerCase(),
      rawKey,
      keyRange,
      delimiter: text[delimiter] as '=' | ':',
      delimiterRange: range(lineNo, delimiter - start, delimiter + 1 - start),
      value: '',
      valueLines: [{ text: text.slice(optvalStart, valueEnd), offset: 0, range: range(lineNo, optvalStart - start, valueEnd - start) }],
      range: keyRange,
    };
    section.entries.push(newEntry);
    // An empty key is stored by the loader but takes no continuation lines (its name is falsy).
    entry = rawKey === '' ? undefined : newEntry;
    if (!entry) finishEntry(newEntry);
  }
  finishEntry(entry);
  if (section) finishSection(section);
  const eol = lines.length > 1 ? text.slice(lines[0].end, lines[1].start) : '\n';
  return { lineLengths: lines.map((l) => l.end - l.start), lineStarts: lines.map((l) => l.start), eol, sections, comments, problems };
}

function newSection(text: string, lineNo: number, lineStart: number, open: number, closing: number): Section {
  const name = text.slice(open + 1, closing);
  const colon = name.indexOf(':');
  const nameStart = open + 1 - lineStart;
  const nameRange = range(lineNo, nameStart, nameStart + name.length);
  const headerRange = range(lineNo, open - lineStart, closing + 1 - lineStart);
  const section: Section = {
    name,
    kind: colon === -1 ? name : name.slice(0, colon),
    headerRange,
    nameRange,
    kindRange: colon === -1 ? nameRange : range(lineNo, nameStart, nameStart + colon),
    range: headerRange,
    entries: [],
  };
  if (colon !== -1) {
    section.arg = name.slice(colon + 1);
    section.argRange = range(lineNo, nameStart + colon + 1, nameStart + name.length);
  }
  return section;
}

/** Joins the value as the loader does ('\n'.join(lines).rstrip()) and drops trailing blank value lines. */
function finishEntry(entry: Entry | undefined): void {
  if (!entry) return;
  const lines = entry.valueLines;
  while (lines.length > 1 && lines[lines.length - 1].text === '') lines.pop();
  let offset = 0;
  for (const line of lines) {
    line.offset = offset;
    offset += line.text.length + 1;
  }
  entry.value = lines.map((l) => l.text).join('\n');
  entry.range = { start: entry.keyRange.start, end: lines[lines.length - 1].range.end };
}

function finishSection(section: Section): void {
  const last = section.entries[section.entries.length - 1];
  if (last) section.range = { start: section.headerRange.start, end: last.range.end };
}
