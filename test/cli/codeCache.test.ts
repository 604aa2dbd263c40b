// The code cache (server/src/startup/codeCache.ts) is only ever a shortcut: whatever state its directory is in, the
// CLI lints exactly as without it, and a cache it cannot use is replaced by a good one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { cacheDirectory } from '../../server/src/startup/codeCache';
import { CLI, FIXTURES, lint, tempDir, type Run } from './run';

/**
 * A cache file starts with its format tag and the checksum (CRC-32 or SHA-256, in 32 bytes) of the rest: the work of
 * the run that wrote it (files the CLI linted, 4 bytes), then the V8 data.
 */
const HEADER_BYTES = 4 + 32;
const workOf = (file: string) => readFileSync(file).readUInt32LE(HEADER_BYTES);

const PROJECT = ['--format', 'json', 'project'];
const run = (cache: string): Run => lint(PROJECT, { cwd: FIXTURES, env: { SUPERVISOR_CODE_CACHE: cache } });
const uncached = lint(PROJECT, { cwd: FIXTURES, env: { SUPERVISOR_CODE_CACHE: '' } });
const cacheFiles = (dir: string) => readdirSync(dir).filter((name) => /^cli-main-[0-9a-f]{16}-[0-9a-f]+\.bin$/.test(name));

/** The one cache file of the CLI in `dir`, after a run that must lint as an uncached run does. */
function lintsAndCaches(dir: string): string {
  assert.deepEqual(run(dir), uncached);
  const files = cacheFiles(dir);
  assert.equal(files.length, 1, readdirSync(dir).join(', '));
  return join(dir, files[0]);
}

/** A cache the next run accepts: that run leaves the file as it is. */
function assertAccepted(file: string): void {
  const before = readFileSync(file);
  const modified = statSync(file).mtimeMs;
  assert.deepEqual(run(join(file, '..')), uncached);
  assert.deepEqual([readFileSync(file).equals(before), statSync(file).mtimeMs], [true, modified]);
}

test('the first run writes the cache, later runs read it and lint the same', () => {
  assert.equal(uncached.status, 1);
  assert.match(uncached.stdout, /memmon\/invalid-size/);
  const dir = tempDir();
  const file = lintsAndCaches(dir);
  assertAccepted(file);
  assertAccepted(file);
});

test('a run that lints nothing writes no cache; one that lints at least twice the files of the writer renews it', () => {
  const dir = tempDir();
  for (const args of [['--version'], ['--list-rules'], ['--no-such-option']]) lint(args, { env: { SUPERVISOR_CODE_CACHE: dir } });
  assert.deepEqual(readdirSync(dir), []);
  // A fragment alone is one file linted; the project is its main config and that fragment.
  const fragment = () => lint(['--format', 'json', 'project/conf.d/celery.conf'], { cwd: FIXTURES, env: { SUPERVISOR_CODE_CACHE: dir } });
  const alone = lint(['--format', 'json', 'project/conf.d/celery.conf'], { cwd: FIXTURES, env: { SUPERVISOR_CODE_CACHE: '' } });
  assert.deepEqual(fragment(), alone);
  const [name] = cacheFiles(dir);
  const file = join(dir, name);
  assert.equal(workOf(file), 1);
  assert.deepEqual(run(dir), uncached);
  assert.deepEqual([cacheFiles(dir), workOf(file)], [[name], 2]);
  const renewed = readFileSync(file);
  assert.deepEqual(fragment(), alone);
  assert.equal(readFileSync(file).equals(renewed), true, 'a smaller run leaves it');
  assertAccepted(file);
});

test('a corrupt, cut, emptied or foreign cache file is ignored and replaced', () => {
  const corruptions: [string, (bytes: Buffer) => Buffer][] = [
    ['a flipped byte in the V8 data', (bytes) => Buffer.from(bytes.map((b, i) => (i === bytes.length >> 1 ? b ^ 0xff : b)))],
    [
      'zeroed V8 data of the same length',
      (bytes) => Buffer.concat([bytes.subarray(0, HEADER_BYTES), Buffer.alloc(bytes.length - HEADER_BYTES)]),
    ],
    ['cut in half', (bytes) => bytes.subarray(0, bytes.length >> 1)],
    ['empty', () => Buffer.alloc(0)],
    ['text', () => Buffer.from('not a cache\n')],
  ];
  for (const [what, corrupt] of corruptions) {
    const dir = tempDir();
    const file = lintsAndCaches(dir);
    writeFileSync(file, corrupt(readFileSync(file)));
    assert.equal(lintsAndCaches(dir), file, what);
    assert.equal(readFileSync(file).length > 1000, true, what);
    assertAccepted(file);
  }
});

test('a well-formed cache V8 rejects (made under other V8 flags) is replaced; only the two other builds written last keep theirs', () => {
  const dir = tempDir();
  const file = lintsAndCaches(dir);
  // The same code cached by a node started with another young-generation size: V8's flag check refuses it.
  const flagged = spawnSync(process.execPath, ['--max-semi-space-size=8', CLI, ...PROJECT], {
    cwd: FIXTURES,
    env: { ...process.env, SUPERVISOR_CODE_CACHE: dir },
  });
  assert.equal(flagged.status, uncached.status);
  const foreign = cacheFiles(dir).find((name) => join(dir, name) !== file)!;
  const rejected = readFileSync(join(dir, foreign));
  writeFileSync(file, rejected);
  // Three other builds, written three days, two days and one day ago.
  const otherBuilds = [3, 2, 1].map((daysAgo, i) => {
    const other = `cli-main-000000000000000${i}-0.bin`;
    writeFileSync(join(dir, other), rejected);
    const written = new Date(Date.now() - daysAgo * 86_400_000);
    utimesSync(join(dir, other), written, written);
    return other;
  });
  assert.deepEqual(run(dir), uncached);
  assert.equal(readFileSync(file).equals(rejected), false);
  assert.deepEqual(readdirSync(dir).sort(), [file.slice(dir.length + 1), foreign, ...otherBuilds.slice(1)].sort());
  assertAccepted(file);
});

test("two builds taking turns (a global and a project-local install) keep each other's cache", () => {
  const dir = tempDir();
  // Another build: the same bundle under a loader that names another build.
  const otherDist = tempDir();
  const loader = readFileSync(CLI, 'utf8');
  const buildHash = /"([0-9a-f]{16})"/.exec(loader)![1];
  writeFileSync(join(otherDist, 'cli.js'), loader.replace(`"${buildHash}"`, '"0123456789abcdef"'));
  copyFileSync(join(CLI, '..', 'cli-main.js'), join(otherDist, 'cli-main.js'));
  const runOther = () => {
    const other = spawnSync(process.execPath, [join(otherDist, 'cli.js'), ...PROJECT], {
      cwd: FIXTURES,
      env: { ...process.env, SUPERVISOR_CODE_CACHE: dir },
      encoding: 'utf8',
    });
    assert.deepEqual([other.status, other.stdout], [uncached.status, uncached.stdout]);
  };
  const file = lintsAndCaches(dir);
  runOther();
  const otherFile = join(
    dir,
    cacheFiles(dir).find((name) => name.includes('-0123456789abcdef-'))!,
  );
  assertAccepted(file);
  const written = readFileSync(otherFile);
  runOther();
  assert.equal(readFileSync(otherFile).equals(written), true, 'the other build read its cache and left it as it was');
});

test('a runtime without zlib.crc32 checks the cache with SHA-256: written, accepted, a flipped byte replaced', () => {
  const dir = tempDir();
  const withoutCrc32 = () =>
    lint(PROJECT, {
      cwd: FIXTURES,
      env: { SUPERVISOR_CODE_CACHE: dir, NODE_OPTIONS: `--import ${resolve('test/helpers/withoutCrc32.mjs')}` },
    });
  const checksummedBySha256 = (bytes: Buffer) =>
    createHash('sha256').update(bytes.subarray(HEADER_BYTES)).digest().equals(bytes.subarray(4, HEADER_BYTES));
  assert.deepEqual(withoutCrc32(), uncached);
  const files = cacheFiles(dir);
  assert.equal(files.length, 1);
  const file = join(dir, files[0]);
  const written = readFileSync(file);
  assert.equal(checksummedBySha256(written), true);
  assert.deepEqual(withoutCrc32(), uncached);
  assert.equal(readFileSync(file).equals(written), true, 'accepted: left as it is');
  const corrupt = Buffer.from(written.map((b, i) => (i === written.length >> 1 ? b ^ 0xff : b)));
  writeFileSync(file, corrupt);
  assert.deepEqual(withoutCrc32(), uncached);
  const replaced = readFileSync(file);
  assert.deepEqual([replaced.equals(corrupt), checksummedBySha256(replaced)], [false, true]);
});

test('a cache directory that cannot be created changes nothing: same output, nothing on stderr', () => {
  const blocker = join(tempDir(), 'file');
  writeFileSync(blocker, '');
  assert.deepEqual(run(join(blocker, 'cache')), uncached);
  assert.equal(uncached.stderr, '');
});

test('where the cache lives: SUPERVISOR_CODE_CACHE (empty: none), else the user cache directory', () => {
  assert.equal(cacheDirectory({ SUPERVISOR_CODE_CACHE: '/x/cache', HOME: '/home/u' }), '/x/cache');
  assert.equal(cacheDirectory({ SUPERVISOR_CODE_CACHE: '', HOME: '/home/u' }), undefined);
  assert.equal(cacheDirectory({ XDG_CACHE_HOME: '/home/u/.xdg', HOME: '/home/u' }, 'linux'), '/home/u/.xdg/vscode-supervisor');
  assert.equal(cacheDirectory({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' }, 'linux'), '/home/u/.cache/vscode-supervisor');
  assert.equal(cacheDirectory({ HOME: '/home/u' }, 'linux'), '/home/u/.cache/vscode-supervisor');
  assert.equal(cacheDirectory({}, 'linux'), undefined);
  assert.equal(cacheDirectory({ LOCALAPPDATA: '/appdata', HOME: '/home/u' }, 'win32'), '/appdata/vscode-supervisor');
});
