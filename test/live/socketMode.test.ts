// config/unix-http-server-open-to-all against a real supervisord: another user reaches a socket whose mode lets every
// user write to it, and controls supervisord through it; the default mode (0700) turns that user away.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { test } from 'node:test';
import { findings } from '../helpers/lint';
import { baseConfig, noSupervisord, startDaemon, UNIX_SERVER } from './daemon';

const RUNUSER = '/usr/sbin/runuser';
const cannotSwitch =
  (process.getuid?.() !== 0 || !existsSync(RUNUSER)) && 'needs root and runuser (util-linux) to ask supervisord as another user';

const config = (dir: string) =>
  `${baseConfig(UNIX_SERVER)}
[unix_http_server:open]
file=${dir}/open.sock
chmod=0766

[program:sleeper]
command=/bin/sleep 100
startsecs=0
`.replaceAll('%(here)s', dir);

test(
  'every user controls supervisord through a socket open to all, and that is reported',
  { skip: noSupervisord || cannotSwitch },
  async () => {
    const daemon = await startDaemon((dir) => config(dir));
    try {
      // Let nobody reach the directory; the sockets' own modes decide the rest.
      chmodSync(daemon.dir, 0o755);
      const asNobody = (socket: string, ...args: string[]) =>
        spawnSync(RUNUSER, ['-u', 'nobody', '--', '/usr/bin/supervisorctl', '-s', `unix://${daemon.dir}/${socket}`, ...args], {
          encoding: 'utf8',
        });
      const open = asNobody('open.sock', 'stop', 'sleeper');
      assert.match(open.stdout, /sleeper: stopped/, open.stderr);
      const closed = asNobody('supervisor.sock', 'status');
      assert.match(closed.stdout + closed.stderr, /Permission denied/);
      const text = config(daemon.dir);
      assert.deepEqual(
        findings(text, 'config/unix-http-server-open-to-all').map((f) => text.split('\n')[f.range.start.line]),
        ['chmod=0766'],
      );
    } finally {
      await daemon.stop();
    }
  },
);
