// config/shell-syntax-without-shell against a real supervisord: a command written for a shell never starts ("can't
// find command"), and an operator reaches the program as an argument; each is reported.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findings } from '../helpers/lint';
import { baseConfig, noSupervisord, startDaemon, UNIX_SERVER } from './daemon';

const NEVER_START: Record<string, string> = {
  builtin: 'cd /tmp && /bin/sleep 100',
  exec: 'exec /bin/sleep 100',
  tilde: '~/bin/sleep 100',
  assignment: 'LANG=C /bin/sleep 100',
};

const programs = `${Object.entries(NEVER_START)
  .map(([name, command]) => `[program:${name}]\ncommand=${command}\nstartretries=0\n`)
  .join('\n')}
[program:operator]
command=/bin/echo hello && /bin/echo there
startsecs=0
autorestart=false
`;

test(
  'commands written for a shell never start, or get the operator as an argument, and are reported',
  { skip: noSupervisord },
  async () => {
    const daemon = await startDaemon(() => baseConfig(UNIX_SERVER) + programs);
    try {
      const deadline = Date.now() + 15_000;
      const settled = (status: string) =>
        Object.keys(NEVER_START).every((name) => new RegExp(`^${name}\\s+FATAL`, 'm').test(status)) && /^operator\s+EXITED/m.test(status);
      let status = '';
      while (!settled((status = daemon.ctl('status').stdout))) {
        assert.ok(Date.now() < deadline, `the programs did not settle:\n${status}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const name of Object.keys(NEVER_START)) assert.match(status, new RegExp(`^${name}\\s+FATAL\\s+can't find command`, 'm'));
      const log = readdirSync(daemon.dir).find((file) => file.startsWith('operator-stdout'))!;
      assert.equal(readFileSync(join(daemon.dir, log), 'utf8'), 'hello && /bin/echo there\n');
      const text = baseConfig(UNIX_SERVER) + programs;
      assert.deepEqual(
        findings(text, 'config/shell-syntax-without-shell').map((f) => /^\[program:(\w+)\]/.exec(f.message)![1]),
        [...Object.keys(NEVER_START), 'operator'],
      );
    } finally {
      await daemon.stop();
    }
  },
);
