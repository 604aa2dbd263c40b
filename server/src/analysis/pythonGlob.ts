// Python's glob.glob (non-recursive, as supervisord calls it for [include] files=) over an injected file listing:
// per path component, `*`, `?` and `[...]` match names in that directory, hidden names only when the pattern
// component starts with '.', components without wildcards must exist.
import { posix } from 'node:path';
import { MAX_GLOB_MATCHES } from './limits';

export interface DirectoryReader {
  /** Names in a directory, or undefined when it cannot be listed. */
  list(dir: string): string[] | undefined;
  /** Whether a path exists (file or directory). */
  exists(path: string): boolean;
}

const MAGIC = /[*?[]/;

type GlobToken =
  { kind: 'star' } | { kind: 'any' } | { kind: 'char'; char: string } | { kind: 'set'; negated: boolean; ranges: [string, string][] };

/** fnmatch's reading of a pattern: `*`, `?`, `[...]`/`[!...]` (a `[` without its `]` is literal), other characters. */
function globTokens(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      const close = pattern.indexOf(']', j);
      if (close < 0) {
        tokens.push({ kind: 'char', char: c });
        continue;
      }
      const negated = pattern[i + 1] === '!';
      const body = pattern.slice(negated ? i + 2 : i + 1, close);
      const ranges: [string, string][] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          ranges.push([body[k], body[k + 2]]);
          k += 2;
        } else ranges.push([body[k], body[k]]);
      }
      tokens.push({ kind: 'set', negated, ranges });
      i = close;
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

function matchesOne(token: GlobToken, char: string): boolean {
  if (token.kind === 'any') return true;
  if (token.kind === 'char') return token.char === char;
  if (token.kind !== 'set') return false;
  return token.ranges.some(([low, high]) => low <= char && char <= high) !== token.negated;
}

/**
 * Whether a whole name matches a pattern, as Python's fnmatch does. Without regular expressions, so no pattern can
 * make it backtrack: a mismatch only retries from the last `*`, which bounds the work by name × pattern length.
 */
function fnmatch(name: string, tokens: GlobToken[]): boolean {
  // What follows the last `*` takes one character per token at the name's end (`*.conf`): matched first, once.
  let last = tokens.length;
  let end = name.length;
  for (; last > 0 && tokens[last - 1].kind !== 'star'; last--, end--) {
    if (end === 0 || !matchesOne(tokens[last - 1], name[end - 1])) return false;
  }
  if (last === 0) return end === 0;
  let t = 0;
  let n = 0;
  let star = -1;
  let starName = 0;
  while (n < end) {
    const token = tokens[t];
    if (t < last && token.kind === 'star') {
      star = t++;
      starName = n;
    } else if (t < last && matchesOne(token, name[n])) {
      t++;
      n++;
    } else if (star >= 0) {
      t = star + 1;
      n = ++starName;
    } else return false;
  }
  while (t < last && tokens[t].kind === 'star') t++;
  return t === last;
}

function matchComponent(reader: DirectoryReader, dir: string, component: string): string[] {
  if (!MAGIC.test(component)) {
    const path = posix.join(dir, component);
    return component === '' || reader.exists(path) ? [component] : [];
  }
  const tokens = globTokens(component);
  const names = reader.list(dir || '.') ?? [];
  return names.filter((name) => (component.startsWith('.') || !name.startsWith('.')) && fnmatch(name, tokens));
}

export interface GlobResult {
  /** Matching paths, sorted as supervisord sorts them. */
  paths: string[];
  /** The walk stopped at MAX_GLOB_MATCHES paths at some level: more may match. */
  truncated: boolean;
}

/**
 * Absolute paths matching an absolute, normalised pattern (no `.` or `..` components, no doubled `/`), at most
 * MAX_GLOB_MATCHES of them at any level of the walk.
 */
export function pythonGlob(reader: DirectoryReader, pattern: string): GlobResult {
  const components = pattern.split('/');
  let paths = [components[0] === '' ? '/' : components[0]];
  let truncated = false;
  if (components[0] !== '' && !reader.exists(paths[0]) && !MAGIC.test(paths[0])) return { paths: [], truncated };
  for (const component of components.slice(1)) {
    if (component === '') continue;
    const next: string[] = [];
    for (const dir of paths) {
      // Joined by hand: the directory is normalised and a name has no `/` (posix.join would normalise each again).
      const prefix = dir === '/' ? '/' : `${dir}/`;
      for (const name of matchComponent(reader, dir, component)) next.push(prefix + name);
      if (next.length >= MAX_GLOB_MATCHES) {
        truncated = true;
        next.length = MAX_GLOB_MATCHES;
        break;
      }
    }
    paths = next;
    if (paths.length === 0) return { paths, truncated };
  }
  return { paths: paths.filter((p) => p !== '/' && reader.exists(p)).sort(), truncated };
}
