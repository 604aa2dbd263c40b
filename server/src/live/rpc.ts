// One XML-RPC call to supervisord's /RPC2 (the handler supervisorctl posts to) over a unix socket or HTTP, through
// the xmlrpc package, with a deadline; every failure becomes a LiveError that says what to do.
import { Agent, type RequestOptions } from 'node:http';
import xmlrpc from 'xmlrpc';
import { faultName, LiveError } from './errors';
import type { LiveTarget } from './target';

export interface Credentials {
  username?: string;
  password?: string;
}

/** The xmlrpc client hands its options to http.request as they are: socketPath, agent and signal included. */
type ClientOptions = Exclude<Parameters<typeof xmlrpc.createClient>[0], string> & Pick<RequestOptions, 'socketPath' | 'agent' | 'signal'>;

function where(target: LiveTarget): string {
  return target.kind === 'unix' ? `the socket ${target.socketPath}` : `http://${target.host}:${target.port}`;
}

interface TransportError extends Error {
  code?: string;
  faultCode?: number;
  faultString?: string;
  /** Set by the xmlrpc client when the answer came but was not XML-RPC. */
  res?: { statusCode?: number };
}

function networkError(error: TransportError, target: LiveTarget): LiveError {
  const at = where(target);
  switch (error.code) {
    case 'ENOENT':
      return new LiveError('socket-missing', `${at} does not exist: is supervisord running with this configuration?`);
    case 'EACCES':
    case 'EPERM':
      return new LiveError(
        'permission-denied',
        `permission denied on ${at}: connect as a user that [unix_http_server] chmod/chown allow (supervisorctl would need sudo too)`,
      );
    case 'ECONNREFUSED':
      return new LiveError(
        'connection-refused',
        target.kind === 'unix'
          ? `nothing listens on ${at} (a socket file left behind): is supervisord running?`
          : `nothing listens on ${at}: is supervisord running with this [inet_http_server]?`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new LiveError('connection-refused', `cannot reach ${at}: ${error.message}`);
    case 'ECONNRESET':
    case 'EPIPE':
      return new LiveError('connection-refused', `supervisord at ${at} closed the connection before answering: did it stop?`);
    default:
      return new LiveError('protocol', `unexpected answer from ${at}: ${error.message}`);
  }
}

const FAULT_HINTS: Record<string, string> = {
  UNKNOWN_METHOD: ' (is [rpcinterface:supervisor] in the configuration?)',
  SHUTDOWN_STATE: ' (supervisord is shutting down)',
};

function toLiveError(error: TransportError, method: string, target: LiveTarget, credentials: Credentials): LiveError {
  if (typeof error.faultCode === 'number') {
    const name = faultName(error.faultCode);
    const text = error.faultString ?? '';
    // supervisord's fault strings start with the fault name ("BAD_NAME: web"), except from other servers.
    const detail = text.startsWith(name) ? text : text ? `${name}: ${text}` : name;
    return new LiveError('fault', `${method}: ${detail}${FAULT_HINTS[name] ?? ''}`, {
      code: error.faultCode,
      name,
      text,
    });
  }
  const status = error.res?.statusCode;
  if (status === 401) {
    const message = credentials.username
      ? `supervisord at ${where(target)} refused the username ${credentials.username} or its password`
      : `supervisord at ${where(target)} requires a username and password`;
    return new LiveError('auth-failed', message);
  }
  if (status !== undefined && status !== 200) {
    return new LiveError('protocol', `${where(target)} answered HTTP ${status} to ${method}: is it supervisord's server?`);
  }
  return networkError(error, target);
}

export function callRpc<T>(
  target: LiveTarget,
  credentials: Credentials,
  agent: Agent,
  method: string,
  params: unknown[],
  timeoutMs: number,
): Promise<T> {
  const abort = new AbortController();
  const headers: Record<string, string> = { Connection: 'close' };
  if (credentials.username !== undefined && credentials.password !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  }
  const options: ClientOptions = { path: '/RPC2', headers, agent, signal: abort.signal };
  if (target.kind === 'unix') options.socketPath = target.socketPath;
  else Object.assign(options, { host: target.host, port: target.port });
  const client = xmlrpc.createClient(options);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settle(new LiveError('timeout', `supervisord at ${where(target)} did not answer ${method} within ${timeoutMs / 1000} s`));
      abort.abort();
    }, timeoutMs);
    // The xmlrpc client may report a second error (request and response both fail): the first one counts.
    function settle(error: LiveError | undefined, value?: unknown) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value as T);
    }
    client.methodCall(method, params, (error, value) => {
      settle(error ? toLiveError(error as TransportError, method, target, credentials) : undefined, value);
    });
  });
}
