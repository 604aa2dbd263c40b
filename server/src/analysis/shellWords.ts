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
  /**
   * Only on a word split out of a script inside another word (`sh -c '...'`). `quoted`: its raw text lies unbroken
   * inside quotes at every level, so plain text (no quote, backslash, `$` or backquote) written over it or next to it
   * in the config reaches the script as written. `unquoted`: an edit there could change how the outer line splits.
   */
  embedded?: 'quoted' | 'unquoted';
}

export interface ShellSplit {
  words: ShellWord[];
  /** shlex's complaint when the line cannot be split (supervisord then refuses to start the program). */
  error?: { message: string; offset: number };
}

/** Told, for each character of a word's value in turn, the raw text [from, to) it came from and whether quotes enclosed it. */
export type CharTrace = (from: number, to: number, quoted: boolean) => void;

interface ReadWord {
  value: string;
  /** Offset just after the word's raw text. */
  end: number;
}

interface SplitError {
  message: string;
  offset: number;
}

// Tested by character code: these loops see every character of every command line.
/** shlex's whitespace: space, tab, carriage return, newline. */
const isWhitespace = (code: number) => code === 32 || code === 9 || code === 13 || code === 10;
/** Characters that end a run of plain characters in a word: whitespace, `\\`, `'` and `"`. */
const isWordSpecial = (code: number) => isWhitespace(code) || code === 92 || code === 39 || code === 34;

export function splitShellWords(text: string): ShellSplit {
  return QUOTES_ESCAPES_OR_BREAKS.test(text) ? readShlexWords(text) : { words: spaceSeparated(text) };
}

/** What makes shlex do more than cut a line at its spaces: quotes, a backslash, or whitespace other than spaces. */
const QUOTES_ESCAPES_OR_BREAKS = /["'\\\t\r\n]/;

/** The words of a line with only spaces to split at: each run between spaces, found natively, is its own value. */
function spaceSeparated(text: string): ShellWord[] {
  const words: ShellWord[] = [];
  for (let i = 0; ;) {
    // Never read past the text: V8 throws the optimised loop away at the first line that ends in a word.
    while (i < text.length && text.charCodeAt(i) === 32) i++;
    // Kept at its exact size: grown by push from empty, the array would keep room for 17 words.
    if (i >= text.length) return words.slice();
    let end = text.indexOf(' ', i);
    if (end < 0) end = text.length;
    words.push({ value: text.slice(i, end), start: i, end, verbatim: true });
    i = end;
  }
}

/** The general case, a word at a time. */
function readShlexWords(text: string): ShellSplit {
  const words: ShellWord[] = [];
  let i = 0;
  while (i < text.length) {
    if (isWhitespace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    // Most words are plain characters up to whitespace: their value is their raw text.
    let end = i;
    while (end < text.length && !isWordSpecial(text.charCodeAt(end))) end++;
    if (end > i && (end === text.length || isWhitespace(text.charCodeAt(end)))) {
      words.push({ value: text.slice(i, end), start: i, end, verbatim: true });
      i = end;
      continue;
    }
    const word = readShlexWord(text, i);
    if ('message' in word) return { words, error: word };
    // Quotes and escapes always remove characters, so equal lengths mean the raw text is the value.
    words.push({ value: word.value, start: i, end: word.end, verbatim: word.end - i === word.value.length });
    i = word.end;
  }
  return { words };
}

/** Reads the shlex word whose raw text starts at `start`, telling `trace` where each character of its value came from. */
export function readShlexWord(text: string, start: number, trace?: CharTrace): ReadWord | SplitError {
  let value = '';
  let i = start;
  while (i < text.length && !isWhitespace(text.charCodeAt(i))) {
    const c = text[i];
    if (c === '\\') {
      if (i + 1 >= text.length) return { message: 'No escaped character', offset: i };
      value += text[i + 1];
      trace?.(i, i + 2, false);
      i += 2;
    } else if (c === "'" || c === '"') {
      const close = c === "'" ? readSingleQuoted(text, i + 1, trace) : readDoubleQuoted(text, i + 1, trace);
      if (typeof close === 'string') return { message: close, offset: i };
      value += close.value;
      i = close.end;
    } else {
      // A run of plain characters goes in as one slice.
      let end = i + 1;
      while (end < text.length && !isWordSpecial(text.charCodeAt(end))) end++;
      value += text.slice(i, end);
      traceRun(trace, i, end, false);
      i = end;
    }
  }
  return { value, end: i };
}

/** Traces each character of [from, to) as coming from itself. */
export function traceRun(trace: CharTrace | undefined, from: number, to: number, quoted: boolean): void {
  if (trace) for (let i = from; i < to; i++) trace(i, i + 1, quoted);
}

/** The quoted text, or shlex's error message. */
function readSingleQuoted(text: string, from: number, trace?: CharTrace): ReadWord | string {
  const close = text.indexOf("'", from);
  if (close < 0) return 'No closing quotation';
  traceRun(trace, from, close, true);
  return { value: text.slice(from, close), end: close + 1 };
}

/** Inside double quotes a backslash escapes only `"` and another backslash, as in shlex's escapedquotes. */
function readDoubleQuoted(text: string, from: number, trace?: CharTrace): ReadWord | string {
  let value = '';
  let run = from; // start of the characters not yet added
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      value += text.slice(run, i);
      traceRun(trace, run, i, true);
      return { value, end: i + 1 };
    }
    if (c !== '\\') continue;
    if (i + 1 >= text.length) return 'No escaped character';
    if (text[i + 1] === '"' || text[i + 1] === '\\') {
      value += text.slice(run, i) + text[i + 1];
      traceRun(trace, run, i, true);
      trace?.(i, i + 2, true);
      run = ++i + 1;
    }
  }
  return 'No closing quotation';
}
