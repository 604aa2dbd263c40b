// Document links: [include] globs to the files they match, and paths (logs, directories, sockets, pid files) to
// the file or directory when it exists on this machine.
import { posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentLink } from 'vscode-languageserver';
import { readValues } from '../analysis/sectionValues';
import type { Analysis } from '../lint';
import type { ValueType } from '../schema';

const PATH_TYPES = new Set<ValueType>(['path', 'file-path', 'logfile', 'existing-directory']);

export function documentLinks(analysis: Analysis, exists: (path: string) => boolean): DocumentLink[] {
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
  const base = analysis.model.path ? posix.dirname(analysis.model.path) : undefined;
  for (const read of readValues(analysis.model)) {
    if (read.resolved.kind !== 'value' || read.resolved.value !== read.entry.value) continue;
    const isSocket = read.key.type === 'fcgi-socket' && read.entry.value.startsWith('unix://');
    if (!PATH_TYPES.has(read.key.type) && !isSocket) continue;
    const value = isSocket ? read.entry.value.slice('unix://'.length) : read.entry.value;
    if (value === '' || /^(auto|none|off|syslog)$/i.test(value) || (!value.startsWith('/') && !base)) continue;
    const path = posix.resolve(base ?? '/', value);
    if (!exists(path)) continue;
    const start = read.entry.valueLines[0].range.start;
    const offset = isSocket ? 'unix://'.length : 0;
    links.push({
      range: { start: { line: start.line, character: start.character + offset }, end: read.entry.valueLines[0].range.end },
      target: pathToFileURL(path).toString(),
    });
  }
  return links;
}
