// Document links: [include] globs to the files they match, and paths (logs, directories, sockets, pid files) to
// the file or directory when there is one on this machine (which the caller finds out without blocking, see
// linkTargets.ts): a path that does not exist, or is a FIFO, device or socket, gets no link.
import { posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentLink, Range } from 'vscode-languageserver';
import { readValues } from '../analysis/sectionValues';
import type { Modelled } from '../lint';
import type { ValueType } from '../schema';

const PATH_TYPES = new Set<ValueType>(['path', 'file-path', 'logfile', 'existing-directory']);

/** What a path that can be linked is on this machine. */
export type LinkTarget = 'file' | 'directory';

/** The values naming a path, with the range of the path itself. */
function pathValues(analysis: Modelled): { range: Range; path: string }[] {
  const base = analysis.model.path ? posix.dirname(analysis.model.path) : undefined;
  const read = readValues(analysis.model);
  return read.entries.flatMap((entry, i) => {
    if (read.values[i] !== entry.value) return [];
    const key = read.keys[i];
    const isSocket = key.type === 'fcgi-socket' && entry.value.startsWith('unix://');
    if (!PATH_TYPES.has(key.type) && !isSocket) return [];
    const value = isSocket ? entry.value.slice('unix://'.length) : entry.value;
    if (value === '' || /^(auto|none|off|syslog)$/i.test(value) || (!value.startsWith('/') && !base)) return [];
    const start = entry.valueLines[0].range.start;
    const offset = isSocket ? 'unix://'.length : 0;
    const range = { start: { line: start.line, character: start.character + offset }, end: entry.valueLines[0].range.end };
    return [{ range, path: posix.resolve(base ?? '/', value) }];
  });
}

/** The paths the document's values name: what `documentLinks` asks `targetOf` about. */
export function linkedPaths(analysis: Modelled): string[] {
  return pathValues(analysis).map((value) => value.path);
}

export function documentLinks(analysis: Modelled, targetOf: (path: string) => LinkTarget | undefined): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const pattern of analysis.context.includes) {
    if (pattern.matches.length === 0) continue;
    const names = pattern.matches.map((m) => posix.basename(m));
    const tooltip =
      pattern.matches.length === 1
        ? pattern.matches[0]
        : `${pattern.matches.length} files: ${names.join(', ')} (Go to Definition lists them all)`;
    links.push({ range: pattern.range, target: pathToFileURL(pattern.matches[0]).toString(), tooltip });
  }
  for (const { range, path } of pathValues(analysis)) {
    if (targetOf(path)) links.push({ range, target: pathToFileURL(path).toString() });
  }
  return links;
}
