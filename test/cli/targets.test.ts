// What the command line names: directories searched for supervisor configs (.gitignore, node_modules and .git
// skipped), quoted globs, binary files, standard input, a reader that closes the pipe early, and one that is slow on
// a non-blocking pipe.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CLI, lint } from './run';
import { fileTree } from '../helpers/fileTree';

const BAD_SIZE = '[program:w]\ncommand=sleep 1\n[eventlistener:m]\ncommand=memmon -p w=1.5GB\nevents=TICK_60\n';

const tree = (files: Record<string, string | Buffer>) => fileTree(files, 'supervisor-lint-');

const filesIn = (stdout: string) => [...new Set((JSON.parse(stdout) as { file: string }[]).map((f) => f.file))].sort();

describe('targets', () => {
  test('a directory: supervisor configs by name or content, minus .gitignore, node_modules and .git', () => {
    const root = tree({
      'etc/supervisord.conf': '[supervisord]\nbogus=1\n',
      'etc/conf.d/worker.conf': `; workers\n\n${BAD_SIZE}`,
      'etc/supervisord.d/beat.ini': BAD_SIZE,
      'nginx/site.conf': 'server {\n  listen 80;\n}\n',
      'php/www.conf': '[www]\nuser = www-data\nlisten = /run/php.sock\n',
      'notes.txt': BAD_SIZE,
      'node_modules/pkg/supervisord.conf': '[supervisord]\nbogus=1\n',
      '.git/supervisord.conf': '[supervisord]\nbogus=1\n',
      '.gitignore': '# generated\nbuild/\n/local.conf\n*.bak.conf\n!keep.bak.conf\nsub/**/gen?.conf\n',
      'build/app.conf': BAD_SIZE,
      'local.conf': BAD_SIZE,
      'deep/local.conf': BAD_SIZE,
      'x.bak.conf': BAD_SIZE,
      'keep.bak.conf': BAD_SIZE,
      'sub/a/b/gen1.conf': BAD_SIZE,
      'sub/a/b/gen12.conf': BAD_SIZE,
    });
    const run = lint(['--format', 'json', '.'], { cwd: root });
    assert.equal(run.status, 1);
    assert.deepEqual(filesIn(run.stdout), [
      'deep/local.conf',
      'etc/conf.d/worker.conf',
      'etc/supervisord.conf',
      'etc/supervisord.d/beat.ini',
      'keep.bak.conf',
      'sub/a/b/gen12.conf',
    ]);
  });

  test('a quoted glob is expanded here; a glob matching nothing is an error', () => {
    const root = tree({ 'conf.d/a.conf': BAD_SIZE, 'conf.d/b.conf': BAD_SIZE, 'conf.d/c.ini': BAD_SIZE, 'other/d.conf': BAD_SIZE });
    assert.deepEqual(filesIn(lint(['--format', 'json', 'conf.d/*.conf'], { cwd: root }).stdout), ['conf.d/a.conf', 'conf.d/b.conf']);
    assert.deepEqual(filesIn(lint(['--format', 'json', '**/[ad].conf'], { cwd: root }).stdout), ['conf.d/a.conf', 'other/d.conf']);
    const none = lint(['conf.d/*.cfg'], { cwd: root });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no files match conf\.d\/\*\.cfg/);
  });

  test('a binary file is skipped with one line, and does not fail the run', () => {
    const root = tree({
      'supervisord.conf': Buffer.from([0x5b, 0x73, 0x00, 0x01, 0xff, 0x0a]),
      'ok.conf': '[program:w]\ncommand=sleep 1\n',
    });
    const named = lint(['supervisord.conf', 'ok.conf'], { cwd: root });
    assert.deepEqual([named.status, named.stderr], [0, 'supervisor-lint: skipped supervisord.conf: binary file\n']);
    const walked = lint(['.'], { cwd: root });
    assert.deepEqual([walked.status, walked.stderr], [0, 'supervisor-lint: skipped supervisord.conf: binary file\n']);
  });

  test('symlinks: a file is read where it points (not under /proc), a linked directory through the link', () => {
    const root = tree({
      'etc/supervisord.conf': '[supervisord]\n[include]\nfiles=conf.d/*.conf linked.d/*.conf\n',
      'etc/conf.d/plain.conf': BAD_SIZE,
      'srv/app/worker.conf': BAD_SIZE,
      'srv/linked/x.conf': BAD_SIZE,
    });
    symlinkSync(join(root, 'srv/app/worker.conf'), join(root, 'etc/conf.d/a-worker.conf'));
    symlinkSync('/proc/self/status', join(root, 'etc/conf.d/status.conf'));
    symlinkSync(join(root, 'srv/linked'), join(root, 'etc/linked.d'));
    // Named one by one: a linked file first and after it a plain one in the same directory, then a linked directory.
    const files = ['etc/conf.d/a-worker.conf', 'etc/conf.d/plain.conf', 'etc/conf.d/status.conf', 'etc/linked.d/x.conf'];
    const named = lint(['--format', 'json', ...files], { cwd: root });
    assert.equal(named.status, 2);
    assert.equal(named.stderr, 'supervisor-lint: cannot read etc/conf.d/status.conf: not a regular file, or larger than 8 MB\n');
    assert.deepEqual(filesIn(named.stdout), ['etc/conf.d/a-worker.conf', 'etc/conf.d/plain.conf', 'etc/linked.d/x.conf']);
    // Read by the main config's [include]: the same files, and the one under /proc counted as unreadable.
    const included = lint(['--format', 'json', 'etc/supervisord.conf'], { cwd: root });
    assert.equal(included.status, 1);
    assert.deepEqual(filesIn(included.stdout), [
      'etc/conf.d/a-worker.conf',
      'etc/conf.d/plain.conf',
      'etc/linked.d/x.conf',
      'etc/supervisord.conf',
    ]);
    assert.match(included.stdout, /conf\.d\/\*\.conf: 1 matching paths could not be read as config files/);
  });

  test('standard input, named by --stdin-filename (also for its includes)', () => {
    const root = tree({ 'conf.d/w.conf': BAD_SIZE });
    const main = '[supervisord]\n[include]\nfiles=conf.d/*.conf\n';
    const named = lint(['--format', 'json', '--stdin-filename', 'supervisord.conf', '-'], { cwd: root, input: main });
    assert.equal(named.status, 1);
    assert.deepEqual(filesIn(named.stdout), ['conf.d/w.conf']);
    const anonymous = lint(['-'], { input: BAD_SIZE });
    assert.equal(anonymous.status, 1);
    assert.match(anonymous.stdout, /^<stdin>:4:21: error \[memmon\/invalid-size\]/);
  });

  test('a reader that closes the pipe early (| head -1) ends the run quietly', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `bogus${i}=1`).join('\n');
    const root = tree({ 'big.conf': `[supervisord]\n${lines}\n` });
    const child = spawn(process.execPath, [CLI, '--failure-threshold', 'warning', join(root, 'big.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    child.stdout.destroy();
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    assert.match(first, /big\.conf:2:1: warning \[config\/unknown-key\]/);
    assert.equal(stderr, '');
    assert.equal(status, 1, 'the status the findings gave, not a crash');
  });

  test('a slow reader on a non-blocking pipe gets the whole output', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `bogus${i}=1`).join('\n');
    const root = tree({ 'big.conf': `[supervisord]\n${lines}\n` });
    const big = { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 } as const;
    const expected = spawnSync(process.execPath, [CLI, join(root, 'big.conf')], big).stdout;
    // Python hands the CLI a pipe in O_NONBLOCK mode (Node's own child pipes are blocking) and reads it only after
    // the pipe has filled, in small bites: the CLI's writes meet EAGAIN and must wait, not fail or drop output.
    const script = `
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen([sys.argv[1], sys.argv[2], sys.argv[3]], stdout=w)
os.close(w)
time.sleep(0.5)
out = bytearray()
while chunk := os.read(r, 4096):
    out += chunk
sys.stdout.buffer.write(out)
sys.exit(child.wait())
`;
    const run = spawnSync('/usr/bin/python3', ['-c', script, process.execPath, CLI, join(root, 'big.conf')], big);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.equal(run.stdout.length, expected.length);
    assert.ok(run.stdout === expected, 'the same output as through a blocking pipe');
  });
});
