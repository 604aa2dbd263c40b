// Python's glob.glob (non-recursive, as supervisord calls it for [include] files=) over an injected file listing:
// per path component, `*`, `?` and `[...]` match names in that directory, hidden names only when the pattern
// component starts with '.', components without wildcards must exist.
import { posix } from 'node:path';

export interface DirectoryReader {
  /** Names in a directory, or undefined when it cannot be listed. */
  list(dir: string): string[] | undefined;
  /** Whether a path exists (file or directory). */
  exists(path: string): boolean;
}

const MAGIC = /[*?[]/;

/** fnmatch.translate: the regex a shell pattern stands for (whole-name match). */
export function fnmatchRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      out += '.*';
      while (pattern[i + 1] === '*') i++;
    } else if (c === '?') out += '.';
    else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) out += '\\[';
      else {
        let body = pattern.slice(i + 1, j).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = '^' + body.slice(1);
        else if (body.startsWith('^')) body = '\\' + body;
        out += `[${body}]`;
        i = j;
      }
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})$`, 's');
}

function matchComponent(reader: DirectoryReader, dir: string, component: string): string[] {
  if (!MAGIC.test(component)) {
    const path = posix.join(dir, component);
    return component === '' || reader.exists(path) ? [component] : [];
  }
  const regex = fnmatchRegex(component);
  const names = reader.list(dir || '.') ?? [];
  return names.filter((name) => (component.startsWith('.') || !name.startsWith('.')) && regex.test(name));
}

/** Absolute paths matching an absolute pattern, sorted as supervisord sorts them. */
export function pythonGlob(reader: DirectoryReader, pattern: string): string[] {
  const components = pattern.split('/');
  let paths = [components[0] === '' ? '/' : components[0]];
  if (components[0] !== '' && !reader.exists(paths[0]) && !MAGIC.test(paths[0])) return [];
  for (const component of components.slice(1)) {
    if (component === '') continue;
    paths = paths.flatMap((dir) => matchComponent(reader, dir, component).map((name) => posix.join(dir, name)));
    if (paths.length === 0) return [];
  }
  return paths.filter((p) => p !== '/' && reader.exists(p)).sort();
}
