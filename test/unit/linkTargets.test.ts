// Which paths document links point to: files and directories only, found within a time limit per request, a hung
// check never run twice at once, and nothing looked at that the workspace may not read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LinkTarget } from '../../server/src/features/links';
import { LinkTargets } from '../../server/src/linkTargets';

test('files and directories are linked; missing paths, FIFOs, devices and /proc files are not', async () => {
  const root = mkdtempSync(join(tmpdir(), 'supervisor-link-targets-'));
  mkdirSync(join(root, 'logs'));
  writeFileSync(join(root, 'logs', 'out.log'), '');
  execFileSync('mkfifo', [join(root, 'logs', 'pipe.log')]);
  symlinkSync('/proc/self/status', join(root, 'logs', 'status.log'));
  symlinkSync(join(root, 'logs', 'out.log'), join(root, 'current.log'));
  const paths = ['out.log', 'pipe.log', 'status.log', 'missing.log'].map((name) => join(root, 'logs', name));
  const found = await new LinkTargets(() => true).find([root, join(root, 'current.log'), ...paths, '/dev/null', '/proc/self/status']);
  assert.deepEqual(
    [...found].sort(),
    [
      [root, 'directory'],
      [join(root, 'current.log'), 'file'],
      [join(root, 'logs', 'out.log'), 'file'],
    ].sort(),
  );
});

test('a check that never ends leaves its path out once the time limit is spent, and is not started again', async () => {
  const checked: string[] = [];
  const check = (path: string): Promise<LinkTarget | undefined> => {
    checked.push(path);
    return path.startsWith('/mnt/') ? new Promise(() => undefined) : Promise.resolve('file');
  };
  const targets = new LinkTargets(() => true, 50, check);
  for (let request = 0; request < 3; request++) {
    const started = performance.now();
    const found = await targets.find(['/mnt/dead/a.log', '/srv/app/b.log']);
    assert.ok(performance.now() - started < 1_000);
    assert.deepEqual([...found], [['/srv/app/b.log', 'file']]);
  }
  assert.deepEqual(checked.sort(), ['/mnt/dead/a.log', '/srv/app/b.log', '/srv/app/b.log', '/srv/app/b.log']);
});

test('paths the workspace may not read are not looked at', async () => {
  const checked: string[] = [];
  const targets = new LinkTargets(
    (path) => path.startsWith('/work/'),
    50,
    async (path) => (checked.push(path), 'file'),
  );
  const found = await targets.find(['/work/app/out.log', '/home/user/secret.log']);
  assert.deepEqual([...found.keys()], ['/work/app/out.log']);
  assert.deepEqual(checked, ['/work/app/out.log']);
});

test('a cancelled request checks nothing more', async () => {
  const checked: string[] = [];
  const targets = new LinkTargets(
    () => true,
    50,
    async (path) => (checked.push(path), 'file'),
  );
  assert.deepEqual([...(await targets.find(['/a', '/b'], () => true))], []);
  assert.deepEqual(checked, []);
});
