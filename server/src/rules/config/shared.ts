// Helpers the config rules share.
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
