// Path globs as the command line, `ignore` and .gitignore write them: `*` and `?` within one path segment,
// `[abc]`/`[a-z]`/`[!a]` classes, and a `**` segment for any number of segments. Matching is greedy with one
// backtrack point per level (no regular expressions), so it stays O(pattern × path) on any input.

/** Whether a segment has glob syntax. */
export const hasGlobSyntax = (text: string): boolean => /[*?[]/.test(text);

/** The length of the class starting at `[`, or 0 when it is not closed (then `[` is literal). */
function classLength(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  while (i < pattern.length && pattern[i] !== ']') i++;
  return i < pattern.length ? i - start + 1 : 0;
}

function classMatches(cls: string, c: string): boolean {
  let body = cls.slice(1, -1);
  const negated = body[0] === '!' || body[0] === '^';
  if (negated) body = body.slice(1);
  let found = false;
  for (let i = 0; i < body.length; i++) {
    if (body[i + 1] === '-' && i + 2 < body.length) {
      if (body[i] <= c && c <= body[i + 2]) found = true;
      i += 2;
    } else if (body[i] === c) found = true;
  }
  return found !== negated;
}

/** One pattern segment against one path segment. */
function matchSegment(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    const c = pattern[p];
    if (c === '*') {
      starP = ++p;
      starN = n;
      continue;
    }
    if (c === '\\' && pattern[p + 1] === name[n]) {
      p += 2;
      n++;
      continue;
    }
    const cls = c === '[' ? classLength(pattern, p) : 0;
    if (cls > 0 ? classMatches(pattern.slice(p, p + cls), name[n]) : c === '?' || (c !== undefined && c === name[n])) {
      p += cls || 1;
      n++;
      continue;
    }
    if (starP < 0) return false;
    p = starP;
    n = ++starN;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A pattern's segments against a path's segments (both split on `/`); `**` matches any number of segments. */
export function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < path.length) {
    if (pattern[p] === '**') {
      starP = ++p;
      starN = n;
      continue;
    }
    if (p < pattern.length && matchSegment(pattern[p], path[n])) {
      p++;
      n++;
      continue;
    }
    if (starP < 0) return false;
    p = starP;
    n = ++starN;
  }
  while (pattern[p] === '**') p++;
  return p === pattern.length;
}

export const splitPath = (path: string): string[] => path.split('/').filter((s) => s !== '' && s !== '.');
