// [include] files= as the loader resolves it: whitespace-separated globs, `%(here)s` and friends expanded, each
// joined to the including file's directory and matched with Python's glob, files read in sorted order.
import { posix } from 'node:path';
import type { Entry, Range } from '../parser';
import { valueRange } from '../parser';
import type { ConfigModel } from './model';
import { pythonGlob, type DirectoryReader } from './pythonGlob';
import { resolveValue } from './resolveValue';

export interface IncludePattern {
  /** The glob as written. */
  text: string;
  range: Range;
  /** Absolute glob after expansion, or undefined when it depends on the server (ENV_X, host_node_name). */
  absolute?: string;
  /** Matching files, sorted. */
  matches: string[];
  /** The glob matched more paths than the analysis follows (MAX_GLOB_MATCHES). */
  truncated?: boolean;
  /** Matching files left unread because the configuration reached MAX_INCLUDED_FILES, MAX_INCLUDED_TOTAL_BYTES or MAX_INCLUDE_READ_MILLISECONDS. */
  unread?: number;
  /** Matching paths that could not be read as config files: directories, devices, FIFOs, /proc, /sys, /dev, too large. */
  unreadable?: number;
}

function patternsOf(entry: Entry): { text: string; start: number; end: number }[] {
  const found: { text: string; start: number; end: number }[] = [];
  const words = /\S+/g;
  for (let m = words.exec(entry.value); m; m = words.exec(entry.value))
    found.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return found;
}

/** The include patterns of a main config and what each matches; empty when it has no [include] files=. */
export function resolveIncludes(model: ConfigModel, reader: DirectoryReader): IncludePattern[] {
  const section = model.section('include');
  const entry = section && model.lookup(section, 'files');
  if (!entry || !model.path) return [];
  const base = posix.dirname(model.path);
  return patternsOf(entry).map(({ text, start, end }) => {
    const range = valueRange(entry, start, end);
    // The loader expands the whole value before splitting it; expanding word by word only differs for
    // expansions that contain spaces, which here, host_node_name and ENV_X values rarely do.
    const expanded = resolveValue(text.replace(/%\(here\)s/g, base.replace(/%/g, '%%')), ['host_node_name', 'ENV'], {});
    if (expanded.kind !== 'value') return { text, range, matches: [] };
    const absolute = posix.resolve(base, expanded.value);
    const { paths, truncated } = pythonGlob(reader, absolute);
    return { text, range, absolute, matches: paths, truncated };
  });
}
