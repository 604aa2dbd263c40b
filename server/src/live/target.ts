// Where supervisord listens, read from the config being edited the way supervisorctl and supervisord read it:
// [supervisorctl] serverurl, else [unix_http_server] file, else [inet_http_server] port (the order supervisord
// itself uses for the serverurl it gives its children), with %(here)s and %(ENV_X)s expanded.
import { homedir } from 'node:os';
import { posix } from 'node:path';
import { expand, type ExpansionValue } from '../analysis/expand';
import { httpServers, inetAddress } from '../analysis/httpServers';
import type { ConfigModel, ConfigSection } from '../analysis/model';

type Endpoint = { kind: 'unix'; socketPath: string } | { kind: 'http'; host: string; port: number };

export type LiveTarget = Endpoint & {
  username?: string;
  /** Absent when the config has none or only a `{SHA}` hash (then the user is asked). */
  password?: string;
  /** Where the address came from, for messages: "unix:///run/supervisor.sock ([unix_http_server] file)". */
  description: string;
};

type Found<T> = T | { error: string };

function isError<T>(value: Found<T>): value is { error: string } {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** A config value as the loader reads it: %(here)s (the config's directory) and %(ENV_X)s expanded, %% unescaped. */
function expandValue(model: ConfigModel, section: ConfigSection, key: string): Found<string> | undefined {
  const entry = model.lookup(section, key);
  if (!entry) return undefined;
  const values = new Map<string, ExpansionValue>();
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) values.set(`ENV_${name}`, value);
  if (model.path) values.set('here', posix.dirname(model.path));
  const result = expand(entry.value, values);
  if (result.ok) return result.value.trim();
  const why = result.kind === 'unknown-name' ? `%(${result.name})s is not known here` : 'it cannot be expanded';
  return { error: `[${section.name}] ${key} = ${entry.value.trim()}: ${why}` };
}

/** supervisor's normalize_path: ~ expanded, made absolute (relative to the config's directory), normalised. */
function normalizePath(path: string, model: ConfigModel): string {
  const home = path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
  return posix.resolve(model.path ? posix.dirname(model.path) : '/', home);
}

/** `unix:///path` or `http://host[:port]` (port 80 when absent, as supervisorctl's transport does). */
function parseServerUrl(url: string, model: ConfigModel): Found<Endpoint> {
  if (url.startsWith('unix://')) return { kind: 'unix', socketPath: normalizePath(url.slice('unix://'.length), model) };
  if (url.startsWith('/')) return { kind: 'unix', socketPath: posix.normalize(url) };
  if (url.startsWith('http://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { error: `${url} is not a valid URL` };
    }
    return { kind: 'http', host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port: parsed.port ? Number(parsed.port) : 80 };
  }
  return { error: `${url}: supervisorctl speaks only unix:// and http:// server URLs` };
}

/** Where a client reaches an [inet_http_server]: every interface (no host, or *) is reached at localhost. */
function parseInetPort(value: string): Found<Endpoint> {
  const address = inetAddress(value);
  if (!address) return { error: `[inet_http_server] port = ${value}: not a port number` };
  return { kind: 'http', host: address.host === '' ? 'localhost' : address.host, port: address.port };
}

function urlOf(endpoint: Endpoint): string {
  return endpoint.kind === 'unix' ? `unix://${endpoint.socketPath}` : `http://${endpoint.host}:${endpoint.port}`;
}

/** Username and password from a section; a `{SHA}` password is a hash the server checks against, useless to a client. */
function credentialsOf(model: ConfigModel, section: ConfigSection | undefined): Found<{ username?: string; password?: string }> {
  if (!section) return {};
  const username = expandValue(model, section, 'username');
  const password = expandValue(model, section, 'password');
  if (username && isError(username)) return username;
  if (password && isError(password)) return password;
  if (username === undefined && password === undefined) return {};
  return { username, password: password?.startsWith('{SHA}') ? undefined : password };
}

function withCredentials(model: ConfigModel, endpoint: Endpoint, origin: string): Found<LiveTarget> {
  const ctl = model.section('supervisorctl');
  const [server] = httpServers(model, endpoint.kind === 'unix' ? 'unix_http_server' : 'inet_http_server');
  const fromCtl = ctl && model.lookup(ctl, 'username') ? credentialsOf(model, ctl) : undefined;
  const credentials = fromCtl ?? credentialsOf(model, server);
  if (isError(credentials)) return credentials;
  const target: LiveTarget = { ...endpoint, description: `${urlOf(endpoint)} (${origin})` };
  if (credentials.username !== undefined) target.username = credentials.username;
  if (credentials.password !== undefined) target.password = credentials.password;
  return target;
}

/** The supervisord this config talks to; `override` (a server URL or a socket path) wins over the config. */
export function findConnection(model: ConfigModel, override?: string): Found<LiveTarget> {
  const located = locate(model, override?.trim() || undefined);
  if (isError(located)) return located;
  return withCredentials(model, located.endpoint, located.origin);
}

function locate(model: ConfigModel, override: string | undefined): Found<{ endpoint: Endpoint; origin: string }> {
  const at = <T extends Endpoint>(endpoint: Found<T>, origin: string) => (isError(endpoint) ? endpoint : { endpoint, origin });
  if (override) return at(parseServerUrl(override, model), 'setting supervisor.live.serverUrl');
  const ctl = model.section('supervisorctl');
  const serverUrl = ctl && expandValue(model, ctl, 'serverurl');
  if (serverUrl) return isError(serverUrl) ? serverUrl : at(parseServerUrl(serverUrl, model), '[supervisorctl] serverurl');
  const [unix] = httpServers(model, 'unix_http_server');
  const file = unix && expandValue(model, unix, 'file');
  if (file) return isError(file) ? file : at({ kind: 'unix', socketPath: normalizePath(file, model) }, `[${unix.name}] file`);
  const [inet] = httpServers(model, 'inet_http_server');
  const port = inet && expandValue(model, inet, 'port');
  if (port) return isError(port) ? port : at(parseInetPort(port), `[${inet.name}] port`);
  const where = model.path ?? 'this file';
  return {
    error: `${where} sets no [supervisorctl] serverurl, [unix_http_server] file or [inet_http_server] port: open the main supervisord.conf or set supervisor.live.serverUrl`,
  };
}
