// The HTTP servers a config defines, as the loader finds them, and where an [inet_http_server] listens.
import type { ConfigModel, ConfigSection } from './model';
import { parsePythonInt } from './pythonInt';

type ServerKind = 'unix_http_server' | 'inet_http_server';

const serversOf = new WeakMap<ConfigModel, Record<ServerKind, ConfigSection[]>>();

/**
 * The HTTP servers of one kind a model defines, in file order: the loader takes every section whose name starts with
 * the kind (`[inet_http_server:main]` is a server too), not only the one of that exact name. Both kinds are found in
 * one scan of the names per model: several rules that run on every keystroke ask for them.
 */
export function httpServers(model: ConfigModel, kind: ServerKind): ConfigSection[] {
  let servers = serversOf.get(model);
  if (!servers) {
    servers = { unix_http_server: [], inet_http_server: [] };
    // The parser's headers, whose names are plain fields (a model section reads its name from its first header).
    const headers = model.file.sections;
    for (let i = 0; i < headers.length; i++) {
      const { name } = headers[i];
      // Nearly every header is a program's: one look at the first letter passes it over.
      if (name[0] !== 'u' && name[0] !== 'i') continue;
      const kind = name.startsWith('unix_http_server')
        ? 'unix_http_server'
        : name.startsWith('inet_http_server')
          ? 'inet_http_server'
          : undefined;
      const section = kind && model.section(name);
      // A repeated header is one section, at its first header.
      if (section && !servers[kind].includes(section)) servers[kind].push(section);
    }
    serversOf.set(model, servers);
  }
  return servers[kind];
}

/**
 * An [inet_http_server] port= value as supervisor's inet_address reads it: `port`, `host:port` or `*:port`, the host
 * lower-cased and empty for every interface; undefined when the port is no number from 1 to 65535.
 */
export function inetAddress(value: string): { host: string; port: number } | undefined {
  const colon = value.lastIndexOf(':');
  const port = parsePythonInt(colon === -1 ? value : value.slice(colon + 1));
  if (port === undefined || port < 1 || port > 65535) return undefined;
  const host = colon === -1 ? '' : value.slice(0, colon).toLowerCase();
  return { host: host === '*' ? '' : host, port };
}

/** The server checks a login: supervisor's make_http_servers installs its authentication only for a non-empty username. */
export const asksForLogin = (model: ConfigModel, section: ConfigSection): boolean => Boolean(model.lookup(section, 'username')?.value);
