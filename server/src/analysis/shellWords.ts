// Splits a command line into words exactly as Python's shlex.split (POSIX mode, no comments) does, which is
// what supervisord runs on `command=` before exec. Each word keeps the offsets of its raw text.

export interface ShellWord {
  /** The word after quote and escape removal. */
  value: string;
  /** Offsets of the raw text (quotes included) in the split string. */
  start: number;
  end: number;
  /** Written without quotes or escapes, so offsets inside the word map 1:1 to its value. */
  verbatim: boolean;
}

export interface ShellSplit {
  words: ShellWord[];
  /** shlex's complaint when the line cannot be split (supervisord then refuses to start the program). */
  error?: { message: string; offset: number };
}

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

export function splitShellWords(text: string): ShellSplit {
  const words: ShellWord[] = [];
  let i = 0;
  while (i < text.length) {
    if (WHITESPACE.has(text[i])) {
      i++;
      continue;
    }
    const start = i;
    let value = '';
    while (i < text.length && !WHITESPACE.has(text[i])) {
      const c = text[i];
      if (c === '\\') {
        if (i + 1 >= text.length) return { words, error: { message: 'No escaped character', offset: i } };
        value += text[i + 1];
        i += 2;
      } else if (c === "'" || c === '"') {
        const close = c === "'" ? readSingleQuoted(text, i + 1) : readDoubleQuoted(text, i + 1);
        if (typeof close === 'string') return { words, error: { message: close, offset: i } };
        value += close.value;
        i = close.end;
      } else {
        value += c;
        i++;
      }
    }
    // Quotes and escapes always remove characters, so equal lengths mean the raw text is the value.
    words.push({ value, start, end: i, verbatim: i - start === value.length });
  }
  return { words };
}

interface Quoted {
  value: string;
  /** Offset just after the closing quote. */
  end: number;
}

/** The quoted text, or shlex's error message. */
function readSingleQuoted(text: string, from: number): Quoted | string {
  const close = text.indexOf("'", from);
  return close < 0 ? 'No closing quotation' : { value: text.slice(from, close), end: close + 1 };
}

/** Inside double quotes a backslash escapes only `"` and another backslash, as in shlex's escapedquotes. */
function readDoubleQuoted(text: string, from: number): Quoted | string {
  let value = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return { value, end: i + 1 };
    if (c !== '\\') {
      value += c;
    } else if (i + 1 >= text.length) {
      return 'No escaped character';
    } else if (text[i + 1] === '"' || text[i + 1] === '\\') {
      value += text[++i];
    } else {
      value += c;
    }
  }
  return 'No closing quotation';
}
