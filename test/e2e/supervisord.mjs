// A real supervisord (Debian's /usr/bin/supervisord) for the live scenario: started in the foreground from a config
// in a temporary directory (its unix socket, pid file and logs there too), stopped with its processes by stop().
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const SUPERVISORD = '/usr/bin/supervisord';
const SUPERVISORCTL = '/usr/bin/supervisorctl';

/** `socket`: where the config puts the unix socket (ready once it answers). */
export async function startSupervisord(config, socket, timeoutMs = 15_000) {
  const child = spawn(SUPERVISORD, ['-n', '-c', config], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ctl = (...args) => execFileSync(SUPERVISORCTL, ['-c', config, ...args], { encoding: 'utf8' });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM: supervisord stops its processes (SIGTERM each, SIGKILL after stopwaitsecs) and exits.
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`supervisord exited with ${child.exitCode} before listening on ${socket}`);
    if (existsSync(socket)) {
      try {
        // Every program up (RUNNING): status exits 0 only then.
        ctl('status');
        break;
      } catch {
        // not ready yet
      }
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`supervisord did not run every program within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  /** The pid of each process as supervisorctl reports it. */
  const pids = () =>
    Object.fromEntries(
      ctl('status')
        .trim()
        .split('\n')
        .map((line) => [line.split(/\s+/)[0], Number(/pid (\d+)/.exec(line)?.[1])]),
    );
  return { ctl, pids, stop };
}
