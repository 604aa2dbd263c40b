// npm run test:e2e: installs code-server on first use, packages the extension exactly as `npm run package` does,
// and runs the end-to-end scenarios in a real VS Code (code-server in Debian's Chromium).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureCodeServer } from './codeServer.mjs';

if (!existsSync('/usr/bin/chromium')) {
  console.error("test:e2e needs Debian's Chromium: apt-get install -y chromium libkrb5-dev ripgrep");
  process.exit(1);
}
ensureCodeServer();
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
const packaged = run('npm', ['run', 'package']);
if (packaged !== 0) process.exit(packaged);
process.exit(run(process.execPath, ['--test', '--test-concurrency=1', '--test-timeout=600000', 'test/e2e/editor.e2e.mjs']));
