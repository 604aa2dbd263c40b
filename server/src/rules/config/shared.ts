// Helpers the config rules share.
import type { ConfigModel, ConfigSection } from '../../analysis/model';
import { knownSections } from '../../analysis/sectionValues';
import type { Finding } from '../types';

/**
 * The HTTP servers of one kind a model defines: the loader reads every section whose name starts with the kind
 * (`[inet_http_server:main]` is a server too), not only the one of that exact name.
 */
export function httpServers(model: ConfigModel, kind: 'unix_http_server' | 'inet_http_server'): ConfigSection[] {
  const servers: ConfigSection[] = [];
  for (const { section, schema } of knownSections(model)) if (schema.kind === kind) servers.push(section);
  return servers;
}

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
