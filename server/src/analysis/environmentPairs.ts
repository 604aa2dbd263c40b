// `environment=KEY="value",KEY2=value2` as the loader reads it (datatypes.dict_of_key_value_pairs): Python's
// non-POSIX shlex with '/.+-():' added to the word characters, then tokens taken as key, '=', value, separator.
import type { Entry } from '../parser';
import { internalized } from '../util/internalized';

interface EnvironmentPair {
  key: string;
  value: string;
}

/** Shared by every entry that writes the same line (see entryEnvironmentPairs): not to be changed. */
export type EnvironmentParse =
  { readonly ok: true; readonly pairs: readonly EnvironmentPair[] } | { readonly ok: false; readonly message: string };

/** shlex's word characters here: ASCII letters and digits, `_`, and the `/.+-():` supervisord adds. */
function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 58) || // 0-9 and ':'
    code === 95 || // _
    (code >= 40 && code <= 41) || // ( )
    code === 43 || // +
    (code >= 45 && code <= 47) // - . /
  );
}

/** Where the text goes on after a `#` comment: the next line. */
function afterComment(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline + 1;
}

// Tested by character code: every environment= line of a file passes through here.
const isWhitespace = (code: number) => code === 32 || code === 9 || code === 13 || code === 10;
const isQuote = (code: number) => code === 39 || code === 34;
const HASH = 35;

/** The tokens of non-POSIX shlex, or the message it raises. */
function shlexTokens(text: string): string[] | string {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i++);
    if (isWhitespace(code)) continue;
    if (code === HASH) {
      i = afterComment(text, i);
      continue;
    }
    if (isQuote(code)) {
      const close = text.indexOf(text[i - 1], i);
      if (close === -1) return 'No closing quotation';
      tokens.push(text.slice(i - 1, close + 1));
      i = close + 1;
      continue;
    }
    if (!isWordChar(code)) {
      tokens.push(text[i - 1]);
      continue;
    }
    // A word: word characters and quote characters; '#' skips to the next line without ending the word. Its text is
    // taken in runs between comments.
    let token = '';
    let run = i - 1;
    while (i < text.length) {
      const next = text.charCodeAt(i);
      if (next === HASH) {
        token += text.slice(run, i);
        i = afterComment(text, i + 1);
        run = i;
        continue;
      }
      if (!isWordChar(next) && !isQuote(next)) break;
      i++;
    }
    tokens.push(token + text.slice(run, i));
  }
  return tokens;
}

function stripQuotes(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isQuote(value.charCodeAt(start))) start++;
  while (end > start && isQuote(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

export function parseEnvironmentPairs(text: string): EnvironmentParse {
  const tokens = shlexTokens(text);
  if (typeof tokens === 'string') return { ok: false, message: tokens };
  // Made at its size: grown from empty, an array of two pairs would keep room for seventeen.
  const pairs = new Array<EnvironmentPair>(Math.ceil(tokens.length / 4));
  for (let i = 0; i < tokens.length; i += 4) {
    if (i + 2 >= tokens.length || tokens[i + 1] !== '=') {
      return { ok: false, message: `Unexpected end of key/value pairs in value '${text}'` };
    }
    pairs[i >> 2] = { key: tokens[i], value: stripQuotes(tokens[i + 2]) };
  }
  return { ok: true, pairs };
}

// Several rules read each program's environment= line (its value check, the variables Celery reads), and many programs
// share [supervisord]'s or [DEFAULT]'s: each line is parsed once.
const parsedEntries = new WeakMap<Entry, EnvironmentParse>();

/**
 * The last line parsed, as its own copy (a slice would keep the whole text of its file alive after the file is gone),
 * and its parse: programs one after the other often write the same line, and then share one parse without a look in
 * the WeakMap (three per program in a lint: the map of a large file holds thousands of entries).
 */
let lastLine = '';
let lastParse: EnvironmentParse = { ok: true, pairs: [] };

/** parseEnvironmentPairs of an entry's value as written, memoised per entry. */
export function entryEnvironmentPairs(entry: Entry): EnvironmentParse {
  const { value } = entry;
  if (value === lastLine) return lastParse;
  let parsed = parsedEntries.get(entry);
  if (!parsed) {
    lastLine = internalized(value);
    parsedEntries.set(entry, (parsed = lastParse = parseEnvironmentPairs(lastLine)));
  }
  return parsed;
}
