// config/shared-logfile against a real supervisord: stdout and stderr in one rotated file end up split across the file
// and its backups; with redirect_stderr=true (the rule's fix) every file holds both streams.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findings } from '../helpers/lint';
import { baseConfig, noSupervisord, startDaemon, UNIX_SERVER, type Daemon } from './daemon';

/** 300 lines to stdout and 300 to stderr, interleaved, then exit: a little at a time, so supervisord reads (and may
 * rotate) between them rather than the whole output at once. */
const EMIT = `import sys, time
for i in range(300):
    print('OUT %03d ' % i + 'x' * 40, flush=True)
    print('ERR %03d ' % i + 'y' * 40, file=sys.stderr, flush=True)
    time.sleep(0.003)
`;

const program = (logs: string) => `
[program:p]
command=/usr/bin/python3 %(here)s/emit.py
autostart=true
autorestart=false
startsecs=0
stdout_logfile=%(here)s/p.log
stdout_logfile_maxbytes=2KB
stdout_logfile_backups=20
${logs}
`;

/** The rule's findings on a config at a known path (so that its %(here)s reads as a directory). */
const reported = (config: string) => findings(config, 'config/shared-logfile', undefined, { path: '/srv/app/supervisord.conf' });

async function exited(daemon: Daemon): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!/EXITED/.test(daemon.ctl('status', 'p').stdout)) {
    assert.ok(Date.now() < deadline, `the program did not exit: ${daemon.ctl('status', 'p').stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The streams each log file holds, by file name. */
async function streamsPerFile(logs: string): Promise<Map<string, string>> {
  const daemon = await startDaemon((dir) => {
    writeFileSync(join(dir, 'emit.py'), EMIT);
    return baseConfig(UNIX_SERVER) + program(logs);
  });
  try {
    await exited(daemon);
    const files = readdirSync(daemon.dir).filter((name) => /^p\.log(\.\d+)?$/.test(name));
    return new Map(
      files.map((name) => {
        const text = readFileSync(join(daemon.dir, name), 'utf8');
        return [name, ['OUT', 'ERR'].filter((stream) => text.includes(`${stream} `)).join('+')];
      }),
    );
  } finally {
    await daemon.stop();
  }
}

test('stdout and stderr in one rotated file: split apart by the rotation, and reported', { skip: noSupervisord }, async () => {
  const logs = 'stderr_logfile=%(here)s/p.log\nstderr_logfile_maxbytes=2KB\nstderr_logfile_backups=20';
  const streams = await streamsPerFile(logs);
  assert.ok(streams.size > 4, `rotated: ${[...streams.keys()]}`);
  // After the first rotation no file holds both streams but the one both handlers started in.
  const mixed = [...streams].filter(([, held]) => held === 'OUT+ERR').map(([name]) => name);
  assert.ok(mixed.length <= 1, `files holding both streams: ${mixed}`);
  assert.deepEqual([...new Set(streams.values())].sort(), ['ERR', 'OUT', ...(mixed.length ? ['OUT+ERR'] : [])].sort());
  const config = baseConfig(UNIX_SERVER) + program(logs);
  assert.deepEqual(
    reported(config).map((f) => f.range.start.line),
    [config.split('\n').findIndex((line) => line.startsWith('stderr_logfile='))],
  );
});

test('with redirect_stderr=true every rotated file holds both streams, and nothing is reported', { skip: noSupervisord }, async () => {
  const streams = await streamsPerFile('redirect_stderr=true');
  assert.ok(streams.size > 4, `rotated: ${[...streams.keys()]}`);
  assert.deepEqual([...new Set(streams.values())], ['OUT+ERR']);
  assert.deepEqual(reported(baseConfig(UNIX_SERVER) + program('redirect_stderr=true')), []);
});
