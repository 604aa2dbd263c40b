// Helpers the config rules share.
import { posix } from 'node:path';
import type { ConfigModel } from '../../analysis/model';
import type { Finding } from '../types';

/** A [DEFAULT] entry is read by every section; report each of its problems once. */
export function oncePerEntry(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.range.start.line}:${f.range.start.character}:${f.message.replace(/^\[[^\]]*\] /, '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Another file of the configuration as the analysed file's author sees it: relative to the analysed file's directory. */
export function pathFrom(analysed: ConfigModel, other: ConfigModel): string {
  const path = other.path ?? '?';
  return analysed.path ? posix.relative(posix.dirname(analysed.path), path) : path;
}
