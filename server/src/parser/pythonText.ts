// Python's notion of whitespace (str.isspace / str.strip), which the loader uses and which differs from
// JavaScript's trim(): it includes \x1c-\x1f and \x85 and excludes \ufeff.

const extraSpaces = new Set([0x1c, 0x1d, 0x1e, 0x1f, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);

export function isPythonSpace(code: number): boolean {
  if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return true;
  if (code < 0x1c || (code > 0x20 && code < 0x85)) return false; // printable ASCII, the usual answer
  return extraSpaces.has(code) || (code >= 0x2000 && code <= 0x200a);
}

/** Index of the first non-whitespace character in text[from, to), or `to`. */
export function skipSpace(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isPythonSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the last non-whitespace character in text[from, to), or `from`. */
export function trimEnd(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && isPythonSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * text.indexOf(char, from), or `none` (the text's length) when there is none. The parser remembers each answer until
 * its line passes it, so each occurrence is searched for once: indexOf scans natively, far faster than a charCodeAt
 * loop. The length comes from the caller: read here, it would be read first at the file's last occurrence, and the
 * optimised parser would be thrown away there for want of type feedback at that read.
 */
export function nextOccurrence(text: string, char: string, from: number, none: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? none : at;
}
