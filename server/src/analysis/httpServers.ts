// The HTTP servers a config defines, as the loader finds them.
import type { ConfigModel, ConfigSection } from './model';
import { knownSections } from './sectionValues';

/**
 * The HTTP servers of one kind a model defines, in file order: the loader reads every section whose name starts with
 * the kind (`[inet_http_server:main]` is a server too), not only the one of that exact name.
 */
export function httpServers(model: ConfigModel, kind: 'unix_http_server' | 'inet_http_server'): ConfigSection[] {
  const servers: ConfigSection[] = [];
  for (const { section, schema } of knownSections(model)) if (schema.kind === kind) servers.push(section);
  return servers;
}
