// A real supervisord (Debian's `supervisor` package) for the live tests: its own temporary directory holding the
// config, socket, logs and programs; started in the foreground as a child; stopped and removed by stop().
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type NetConnectOpts } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SUPERVISORD = '/usr/bin/supervisord';
const SUPERVISORCTL = '/usr/bin/supervisorctl';

/** The `skip` option of a live test: a one-line reason when supervisord is not installed. */
export const noSupervisord = !existsSync(SUPERVISORD) && 'supervisord is not installed (apt-get install supervisor; .ci/run does)';

export interface Daemon {
  dir: string;
  configPath: string;
  socketPath: string;
  /** Rewrites the config (the daemon reads it again only on reread/update). */
  writeConfig(text: string): void;
  /** `supervisorctl -c CONFIG args...`: its output and exit status. */
  ctl(...args: string[]): { stdout: string; status: number | null };
  /** Whether the daemon process has exited. */
  exited(): boolean;
  /** SIGTERM, wait for the exit (SIGKILL after 10 s); the directory is removed. Safe to call twice. */
  stop(): Promise<void>;
}

/** The [supervisord] part every test config shares; `server` is the HTTP server section(s). */
export function baseConfig(server: string): string {
  return `${server}
[supervisord]
logfile=%(here)s/supervisord.log
pidfile=%(here)s/supervisord.pid
childlogdir=%(here)s
loglevel=debug

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
`;
}

export const UNIX_SERVER = `[unix_http_server]
file=%(here)s/supervisor.sock

[supervisorctl]
serverurl=unix://%(here)s/supervisor.sock
`;

function answers(address: NetConnectOpts): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(address, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Starts supervisord on `config(dir)` and resolves once its socket (or `port`) accepts connections. */
export async function startDaemon(config: (dir: string) => string, port?: number): Promise<Daemon> {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-live-'));
  const configPath = join(dir, 'supervisord.conf');
  const socketPath = join(dir, 'supervisor.sock');
  writeFileSync(configPath, config(dir));
  let child: ChildProcess | undefined;
  let exitCode: number | null | undefined;
  let output = '';
  const stop = async () => {
    if (child && exitCode === undefined) {
      const exit = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child!.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    child = spawn(SUPERVISORD, ['-n', '-c', configPath], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => (exitCode = code));
    const ready = () => answers(port === undefined ? { path: socketPath } : { port, host: '127.0.0.1' });
    const deadline = Date.now() + 15_000;
    while (!(await ready())) {
      if (exitCode !== undefined) throw new Error(`supervisord exited (${exitCode}) before listening:\n${output}`);
      if (Date.now() > deadline) throw new Error(`supervisord did not listen within 15 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    dir,
    configPath,
    socketPath,
    writeConfig: (text) => writeFileSync(configPath, text),
    ctl: (...args) => {
      const run = spawnSync(SUPERVISORCTL, ['-c', configPath, ...args], { encoding: 'utf8', timeout: 30_000 });
      return { stdout: run.stdout, status: run.status };
    },
    exited: () => exitCode !== undefined,
    stop,
  };
}
