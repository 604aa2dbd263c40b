// config/user-switch-needs-root against a real supervisord: run as an unprivileged user, it cannot start a program as
// another user (the process exits at once and ends FATAL), while a program without user= runs.
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findings } from '../helpers/lint';
import { baseConfig, noSupervisord, startDaemon, UNIX_SERVER } from './daemon';

const notRoot = process.getuid?.() !== 0 && 'supervisord can drop to another user only when the tests run as root';

const programs = `
[program:as_root]
command=/bin/sleep 100
user=root
startretries=0

[program:as_supervisord]
command=/bin/sleep 100
`;

/** The test config with supervisord run as `nobody`. */
const config = (dir: string) =>
  baseConfig(UNIX_SERVER).replace('[supervisord]\n', '[supervisord]\nuser=nobody\n').replaceAll('%(here)s', dir) + programs;

test('supervisord run as nobody cannot start a program as root, and that is reported', { skip: noSupervisord || notRoot }, async () => {
  const daemon = await startDaemon((dir) => {
    // supervisord writes its socket, logs and pid file there after dropping to nobody.
    chmodSync(dir, 0o777);
    return config(dir);
  });
  try {
    const deadline = Date.now() + 15_000;
    let status = '';
    while (!/as_root\s+FATAL[^]*as_supervisord\s+RUNNING/.test((status = daemon.ctl('status').stdout))) {
      assert.ok(Date.now() < deadline, `as_root never ended FATAL beside a running as_supervisord:\n${status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const log = readdirSync(daemon.dir).find((name) => name.startsWith('as_root-stderr'));
    assert.match(readFileSync(join(daemon.dir, log!), 'utf8'), /couldn't setuid to 0: Can't drop privilege as nonroot user/);
    const text = config(daemon.dir);
    assert.deepEqual(
      findings(text, 'config/user-switch-needs-root').map((f) => text.split('\n')[f.range.start.line]),
      ['user=root'],
    );
  } finally {
    await daemon.stop();
  }
});
