// The log rules against a real supervisord: stdout and stderr in one rotated file (config/shared-logfile), or two
// programs of two conf.d files writing one (config/logfile-shared-by-programs), end up split across the file and its
// backups; with redirect_stderr=true (config/shared-logfile's fix) every file holds both streams.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findings } from '../helpers/lint';
import { memorySource } from '../helpers/memorySource';
import { baseConfig, noSupervisord, startDaemon, UNIX_SERVER, type Daemon } from './daemon';

/**
 * 300 lines to stdout tagged with the first argument (OUT unless given) and 300 to stderr tagged ERR, interleaved,
 * then exit: a little at a time, so supervisord reads (and may rotate) between them rather than the whole output at
 * once.
 */
const EMIT = `import sys, time
tag = sys.argv[1] if len(sys.argv) > 1 else 'OUT'
for i in range(300):
    print(tag + ' %03d ' % i + 'x' * 40, flush=True)
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

async function exited(daemon: Daemon, programs: string[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  const status = () => daemon.ctl('status', ...programs).stdout;
  while ((status().match(/EXITED/g) ?? []).length < programs.length) {
    assert.ok(Date.now() < deadline, `the programs did not exit: ${status()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs `programs` under supervisord with the main config `main` and the conf.d files `fragments` (by name, each a
 * function of the daemon's directory), and gives the tags each file named like `log` (and its backups) holds.
 */
async function tagsPerFile(
  log: string,
  tags: string[],
  programs: string[],
  main: string,
  fragments: Record<string, (dir: string) => string> = {},
): Promise<Map<string, string>> {
  const daemon = await startDaemon((dir) => {
    writeFileSync(join(dir, 'emit.py'), EMIT);
    mkdirSync(join(dir, 'conf.d'));
    for (const [name, text] of Object.entries(fragments)) writeFileSync(join(dir, 'conf.d', name), text(dir));
    return baseConfig(UNIX_SERVER) + main;
  });
  try {
    await exited(daemon, programs);
    const files = readdirSync(daemon.dir).filter((name) => name === log || /^\d+$/.test(name.slice(log.length + 1)));
    return new Map(
      files.map((name) => {
        const text = readFileSync(join(daemon.dir, name), 'utf8');
        return [name, tags.filter((tag) => text.includes(`${tag} `)).join('+')];
      }),
    );
  } finally {
    await daemon.stop();
  }
}

/** The streams each log file of program p holds, by file name. */
const streamsPerFile = (logs: string) => tagsPerFile('p.log', ['OUT', 'ERR'], ['p'], program(logs));

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

test(
  'two programs of two conf.d files writing one rotated file: split apart by the rotation, and reported',
  { skip: noSupervisord },
  async () => {
    const fragment = (name: string) => (dir: string) => `[program:${name}]
command=/usr/bin/python3 ${dir}/emit.py ${name.toUpperCase()}
autorestart=false
startsecs=0
stdout_logfile=${dir}/shared.log
stdout_logfile_maxbytes=2KB
stdout_logfile_backups=20
stderr_logfile=NONE
`;
    const tags = await tagsPerFile('shared.log', ['A', 'B'], ['a', 'b'], '[include]\nfiles = conf.d/*.conf\n', {
      'a.conf': fragment('a'),
      'b.conf': fragment('b'),
    });
    assert.ok(tags.size > 4, `rotated: ${[...tags.keys()]}`);
    // Each handler rotates on its own, the other keeping its open file: after the first rotation no file holds both
    // programs' lines but the one both handlers started in, and the current file (what tail -f shows) one program's.
    const mixed = [...tags].filter(([, held]) => held === 'A+B').map(([name]) => name);
    assert.ok(mixed.length <= 1, `files holding both programs: ${mixed}`);
    assert.match(tags.get('shared.log')!, /^[AB]$/);
    const root = '/srv/app';
    const source = memorySource({
      [`${root}/supervisord.conf`]: `[supervisord]\n[include]\nfiles = conf.d/*.conf\n`,
      [`${root}/conf.d/a.conf`]: fragment('a')(root),
      [`${root}/conf.d/b.conf`]: fragment('b')(root),
    });
    for (const name of ['a', 'b']) {
      const path = `${root}/conf.d/${name}.conf`;
      assert.deepEqual(
        findings(fragment(name)(root), 'config/logfile-shared-by-programs', undefined, { path, source }).map((f) => f.range.start.line),
        [4],
        name,
      );
    }
  },
);
