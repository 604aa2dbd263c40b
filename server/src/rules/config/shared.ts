// Helpers the config rules share.
import { posix } from 'node:path';
import type { ConfigModel, ConfigSection } from '../../analysis/model';
import type { Finding, RuleContext } from '../types';

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

/**
 * A file read after this one has a copy of the section that sets the key: the loader merges the copies and reads
 * that later value, never this one (config/duplicate-section-across-files reports the copies).
 */
export function setByLaterCopy(context: Pick<RuleContext, 'model' | 'sectionsNamed'>, section: ConfigSection, key: string): boolean {
  const parts = context.sectionsNamed(section.name);
  if (parts.length < 2) return false;
  const place = parts.findIndex((part) => part.model === context.model);
  return parts.some((part, i) => i > place && part.section.entries.get(key) !== undefined);
}

/** Another file of the configuration as the analysed file's author sees it: relative to the analysed file's directory. */
export function pathFrom(analysed: ConfigModel, other: ConfigModel): string {
  const path = other.path ?? '?';
  return analysed.path ? posix.relative(posix.dirname(analysed.path), path) : path;
}
