// How a memmon listener reaches supervisord. supervisord hands each child SUPERVISOR_SERVER_URL: the process's own
// serverurl=, else its first [unix_http_server] socket, else its [inet_http_server] (Supervisor `ServerOptions.realize`,
// `Subprocess._spawn_as_child`); the child's environment= comes after and may override it. memmon builds its XML-RPC client from
// that variable and from SUPERVISOR_USERNAME/SUPERVISOR_PASSWORD, which supervisord never sets
// (`childutils.getRPCTransport`), and calls the `supervisor.*` methods, which exist only with [rpcinterface:supervisor].
import { asksForLogin } from '../../analysis/httpServers';
import { parseEnvironmentPairs } from '../../analysis/environmentPairs';
import { readAcrossFiles, type ConfigModel, type ConfigSection, type Program } from '../../analysis/model';
import type { RuleContext } from '../types';
import { perConfiguration } from '../perProgram';

export type RpcReach =
  /** The listener is pointed elsewhere (serverurl=, SUPERVISOR_SERVER_URL): nothing to judge. */
  { kind: 'elsewhere' } | { kind: 'missing'; problem: string } | { kind: 'server'; model: ConfigModel; section: ConfigSection };

/**
 * A configuration's files in the order supervisord reads them, and the first section of a name as the analysed file
 * lists them (itself first).
 */
export type Files = Pick<RuleContext, 'readingOrder' | 'firstSection'>;

/** The environment a process gets from its configuration: [supervisord] environment= updated by its own. */
export function configuredEnvironment(listener: Program, listenerModel: ConfigModel, files: Files): Map<string, string> {
  const env = new Map(serverEnvironment(files.readingOrder));
  setPairs(env, listenerModel.lookup(listener.section, 'environment')?.value);
  return env;
}

/** Sets the variables an environment= value names (a value that cannot be split sets none). */
function setPairs(env: Map<string, string>, value: string | undefined): void {
  const parsed = value ? parseEnvironmentPairs(value) : undefined;
  if (parsed?.ok) for (const { key, value } of parsed.pairs) env.set(key, value);
}

/**
 * What [supervisord] environment= sets: supervisord merges the [supervisord] sections of its files, so the value is
 * the one of the last file that sets it (else of [DEFAULT]). Its names, that is: a value only the server knows still
 * sets its variable.
 */
const serverEnvironment = perConfiguration((readingOrder): ReadonlyMap<string, string> => {
  const pairs = new Map<string, string>();
  setPairs(pairs, readAcrossFiles(readingOrder, 'supervisord', 'environment')?.entry.value);
  return pairs;
});

export function supervisordServer(files: Pick<Files, 'firstSection'>): Exclude<RpcReach, { kind: 'elsewhere' }> {
  const server = files.firstSection('unix_http_server') ?? files.firstSection('inet_http_server');
  if (!server) {
    return {
      kind: 'missing',
      problem:
        'the configuration has no [unix_http_server] or [inet_http_server], so supervisord gives its listeners no SUPERVISOR_SERVER_URL and memmon stops at start-up with a KeyError',
    };
  }
  if (!files.firstSection('rpcinterface:supervisor')) {
    return {
      kind: 'missing',
      problem:
        'the configuration has no [rpcinterface:supervisor], so supervisord answers getAllProcessInfo with UNKNOWN_METHOD and memmon dies at its first TICK',
    };
  }
  return { kind: 'server', ...server };
}

export function rpcReach(listener: Program, listenerModel: ConfigModel, files: Files): RpcReach {
  const serverurl = listenerModel.lookup(listener.section, 'serverurl')?.value.trim();
  if (
    (serverurl && serverurl.toUpperCase() !== 'AUTO') ||
    configuredEnvironment(listener, listenerModel, files).has('SUPERVISOR_SERVER_URL')
  ) {
    return { kind: 'elsewhere' };
  }
  return supervisordServer(files);
}

/** A server that asks for a login; a new listener would need the credentials in its environment. */
export const needsLogin = (server: { model: ConfigModel; section: ConfigSection }): boolean => asksForLogin(server.model, server.section);
