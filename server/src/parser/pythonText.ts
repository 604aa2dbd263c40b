// Python's notion of whitespace (str.isspace / str.strip), which the loader uses and which differs from
// JavaScript's trim(): it includes \x1c-\x1f and \x85 and excludes \ufeff.

const extraSpaces = new Set([0x1c, 0x1d, 0x1e, 0x1f, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);

export function isPythonSpace(code: number): boolean {
  if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return true;
  if (code < 0x1c) return false;
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
 * Where each line of text[from, to) starts and ends (without its break), split the way Python's universal newlines
 * do: \r\n, \r, \n. `from` must be a line start; so must `to`, unless it is the end of the text (the last line,
 * possibly empty, then ends there).
 */
export function lineTable(text: string, from = 0, to = text.length): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      starts.push(start);
      ends.push(i);
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      start = i + 1;
    }
  }
  if (to === text.length) {
    starts.push(start);
    ends.push(text.length);
  }
  return { starts, ends };
}
