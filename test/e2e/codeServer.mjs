// A real VS Code for the end-to-end tests: code-server (VS Code 1.100 in the browser) from the npm registry,
// installed once into .cache/code-server, started per run with fresh user, extension and home directories.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const CACHE = join(ROOT, '.cache', 'code-server');
const BIN = join(CACHE, 'node_modules', '.bin', 'code-server');
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** Installs code-server into .cache/code-server on first use (about 45 s), with Debian's rg instead of a download. */
export function ensureCodeServer(log = (line) => process.stdout.write(`${line}\n`)) {
  if (existsSync(BIN)) return BIN;
  if (!existsSync('/usr/bin/rg')) throw new Error('ripgrep is missing: apt-get install -y ripgrep (code-server would download it)');
  const temp = mkdtempSync(join(tmpdir(), 'code-server-install-'));
  // @vscode/ripgrep looks in this cache before it downloads: give it Debian's rg.
  const rgCache = join(temp, RIPGREP_CACHE);
  const rgDir = join(temp, 'rg');
  mkdirSync(rgCache, { recursive: true });
  mkdirSync(rgDir);
  execFileSync('cp', ['/usr/bin/rg', join(rgDir, 'rg')]);
  execFileSync('tar', ['czf', join(rgCache, RIPGREP_TARBALL), '-C', rgDir, 'rg']);
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'package.json'), JSON.stringify({ name: 'e2e-code-server', private: true }));
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CACHE} (once)…`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CACHE,
    stdio: 'inherit',
    env: { ...process.env, TMPDIR: temp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  if (!existsSync(BIN)) throw new Error('code-server did not install');
  return BIN;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms`);
}

/**
 * Starts code-server with the .vsix installed and a workspace folder. Returns its URL, the settings file (edit it
 * to change settings live), the log file and stop().
 */
export async function startCodeServer({ vsix, workspace, settings = {} }) {
  const bin = ensureCodeServer();
  const base = mkdtempSync(join(tmpdir(), 'supervisor-e2e-'));
  const dirs = { home: join(base, 'home'), userData: join(base, 'user-data'), extensions: join(base, 'extensions') };
  Object.values(dirs).forEach((d) => mkdirSync(d, { recursive: true }));
  const env = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
    TMPDIR: base,
  };
  execFileSync(bin, ['--install-extension', vsix, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData], {
    env,
    stdio: 'pipe',
  });
  const settingsFile = join(dirs.userData, 'User', 'settings.json');
  mkdirSync(dirname(settingsFile), { recursive: true });
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  const port = await freePort();
  const config = join(base, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = join(base, 'code-server.log');
  const log = createWriteStream(logFile);
  const child = spawn(
    bin,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--config',
      config,
      '--user-data-dir',
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
      workspace,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    // The whole process group: code-server, its extension host and our language server.
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitForHttp(`${url}healthz`, 60_000, child);
  } catch (error) {
    stop();
    throw new Error(`${error.message}; log: ${logFile}`);
  }
  return { url: `${url}?folder=${encodeURIComponent(workspace)}`, settingsFile, logFile, base, stop };
}
