// The npm package as a user gets it: packed from a clean copy of the repository (no dist/: prepack builds it),
// installed offline into an empty prefix, its supervisor-lint bin run. Only the bundles, the rule docs, the README
// and the licence ship.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

test('npm pack from a clean copy, installed offline, runs supervisor-lint', { timeout: 240_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'supervisor-pack-'));
  const clone = join(root, 'clone');
  // Tracked and new (not ignored) files: what a fresh clone of this tree holds.
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && f !== 'node_modules');
  for (const file of files) cpSync(file, join(clone, file), { recursive: true });
  symlinkSync(resolve('node_modules'), join(clone, 'node_modules'));

  const tarballs = join(root, 'tarballs');
  mkdirSync(tarballs);
  const listing = JSON.parse(npm(['pack', '--json', '--pack-destination', tarballs], clone).replace(/^[^[]*/, '')) as {
    files: { path: string }[];
  }[];
  const shipped = listing[0].files.map((f) => f.path).sort();
  assert.deepEqual(
    shipped.filter((p) => !p.startsWith('docs/rules/')),
    ['LICENSE', 'README.md', 'dist/cli-main.js', 'dist/cli.js', 'dist/server-main.js', 'dist/server.js', 'package.json'],
  );
  assert.ok(shipped.includes('docs/rules/memmon/invalid-size.md'));

  const prefix = join(root, 'prefix');
  mkdirSync(prefix);
  const [tarball] = readdirSync(tarballs);
  npm(['install', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(tarballs, tarball)], root);
  const bin = join(prefix, 'node_modules', '.bin', 'supervisor-lint');
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  assert.deepEqual([version.status, version.stdout.trim()], [0, JSON.parse(npm(['pkg', 'get', 'version'], clone)) as string]);
  const run = spawnSync(bin, ['--format', 'github', 'project'], { cwd: resolve('test/fixtures/cli'), encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^::error file=project\/conf\.d\/celery\.conf,line=8,col=26,.*title=memmon\/invalid-size::/m);
});
