// The HTTP servers a config defines, as the loader finds them.
import type { ConfigModel, ConfigSection } from './model';

/**
 * The HTTP servers of one kind a model defines, in file order: the loader takes every section whose name starts with
 * the kind (`[inet_http_server:main]` is a server too), not only the one of that exact name. A plain scan of the names:
 * rules that run on every keystroke ask it of the whole file.
 */
export function httpServers(model: ConfigModel, kind: 'unix_http_server' | 'inet_http_server'): ConfigSection[] {
  const servers: ConfigSection[] = [];
  const { sections } = model;
  for (let i = 0; i < sections.length; i++) if (sections[i].name.startsWith(kind)) servers.push(sections[i]);
  return servers;
}
