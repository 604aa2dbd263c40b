// How a memmon listener reaches supervisord. supervisord hands each child SUPERVISOR_SERVER_URL: the process's own
// serverurl=, else its first [unix_http_server] socket, else its [inet_http_server] (Supervisor `ServerOptions.realize`,
// `Subprocess._spawn_as_child`); the child's environment= comes after and may override it. memmon builds its XML-RPC client from
// that variable and from SUPERVISOR_USERNAME/SUPERVISOR_PASSWORD, which supervisord never sets
// (`childutils.getRPCTransport`), and calls the `supervisor.*` methods, which exist only with [rpcinterface:supervisor].
import { asksForLogin } from '../../analysis/httpServers';
import { parseEnvironmentPairs } from '../../analysis/environmentPairs';
import type { ConfigModel, ConfigSection, Program } from '../../analysis/model';
import { firstSection } from '../../analysis/workspace';

export type RpcReach =
  /** The listener is pointed elsewhere (serverurl=, SUPERVISOR_SERVER_URL): nothing to judge. */
  { kind: 'elsewhere' } | { kind: 'missing'; problem: string } | { kind: 'server'; model: ConfigModel; section: ConfigSection };

/** The environment a process gets from its configuration: [supervisord] environment= updated by its own. */
export function configuredEnvironment(
  listener: Program,
  listenerModel: ConfigModel,
  configuration: readonly ConfigModel[],
): Map<string, string> {
  const env = new Map<string, string>();
  const add = (model: ConfigModel, section: ConfigSection | undefined) => {
    const value = section && model.lookup(section, 'environment')?.value;
    const parsed = value ? parseEnvironmentPairs(value) : undefined;
    if (parsed?.ok) for (const { key, value } of parsed.pairs) env.set(key, value);
  };
  for (const model of configuration) add(model, model.section('supervisord'));
  add(listenerModel, listener.section);
  return env;
}

/** The HTTP server supervisord tells its children about, judged on the whole configuration. */
export function supervisordServer(configuration: readonly ConfigModel[]): Exclude<RpcReach, { kind: 'elsewhere' }> {
  const server = firstSection(configuration, 'unix_http_server') ?? firstSection(configuration, 'inet_http_server');
  if (!server) {
    return {
      kind: 'missing',
      problem:
        'the configuration has no [unix_http_server] or [inet_http_server], so supervisord gives its listeners no SUPERVISOR_SERVER_URL and memmon stops at start-up with a KeyError',
    };
  }
  if (!firstSection(configuration, 'rpcinterface:supervisor')) {
    return {
      kind: 'missing',
      problem:
        'the configuration has no [rpcinterface:supervisor], so supervisord answers getAllProcessInfo with UNKNOWN_METHOD and memmon dies at its first TICK',
    };
  }
  return { kind: 'server', ...server };
}

export function rpcReach(listener: Program, listenerModel: ConfigModel, configuration: readonly ConfigModel[]): RpcReach {
  const serverurl = listenerModel.lookup(listener.section, 'serverurl')?.value.trim();
  if (
    (serverurl && serverurl.toUpperCase() !== 'AUTO') ||
    configuredEnvironment(listener, listenerModel, configuration).has('SUPERVISOR_SERVER_URL')
  ) {
    return { kind: 'elsewhere' };
  }
  return supervisordServer(configuration);
}

/** A server that asks for a login; a new listener would need the credentials in its environment. */
export const needsLogin = (server: { model: ConfigModel; section: ConfigSection }): boolean => asksForLogin(server.model, server.section);
