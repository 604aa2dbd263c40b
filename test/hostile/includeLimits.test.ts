// The include limits the hostile suites rely on, checked directly: reading a configuration's includes stops at its
// time budget (slow disks, thousands of binary files) and says how many files went unread.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { NodeConfigSource } from '../../server/src/nodeConfigSource';
import { MAX_INCLUDE_READ_MILLISECONDS } from '../../server/src/analysis/limits';
import type { ConfigSource } from '../../server/src/analysis/workspace';
import { findings } from '../helpers/lint';
import { memorySource } from '../helpers/memorySource';

/** A memory source whose every file read takes `delay` ms, as a cold disk or a huge file would. */
function slowSource(files: Record<string, string>, delay: number): ConfigSource {
  const fast = memorySource(files);
  return {
    ...fast,
    text: (path) => {
      const until = performance.now() + delay;
      while (performance.now() < until);
      return fast.text(path);
    },
  };
}

describe('include reading budget', () => {
  test('files past the time budget are left unread and reported', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`/etc/supervisor/conf.d/p${i}.conf`] = `[program:p${i}]\ncommand=/bin/true\n`;
    const main = '[supervisord]\n[include]\nfiles=conf.d/*.conf\n';
    const started = performance.now();
    const found = findings(main, 'lint/limit-reached', undefined, {
      path: '/etc/supervisor/supervisord.conf',
      source: slowSource(files, 10),
    });
    const took = performance.now() - started;
    assert.ok(took < MAX_INCLUDE_READ_MILLISECONDS + 1000, `took ${took} ms`);
    assert.equal(found.length, 1);
    const unread = Number(/(\d+) matching files were not read/.exec(found[0].message)?.[1]);
    assert.ok(unread > 100 && unread < 400, found[0].message);
    assert.match(found[0].message, /for at most 2,000 ms, so the configuration is checked in part$/);
  });

  test('within the budget every file is read', () => {
    const source = slowSource({ '/etc/supervisor/conf.d/a.conf': '[program:a]\ncommand=/bin/true\n' }, 1);
    const main = '[supervisord]\n[include]\nfiles=conf.d/*.conf\n[group:g]\nprograms=a\n';
    assert.deepEqual(findings(main, undefined, undefined, { path: '/etc/supervisor/supervisord.conf', source }), []);
  });

  test('matched paths that are not config files are reported, never read, and leave the configuration incomplete', () => {
    const dir = mkdtempSync(join(tmpdir(), 'supervisor-unreadable-'));
    try {
      execFileSync('mkfifo', [join(dir, 'pipe.conf')]);
      const main = `[supervisord]\n[include]\nfiles=/proc/self/pagemap /dev/zero ${dir}/*.conf\n[group:g]\nprograms=hidden\n`;
      const found = findings(main, undefined, undefined, { path: join(dir, 'supervisord.conf'), source: new NodeConfigSource() });
      assert.deepEqual(
        found.map((f) => [f.rule, f.message.replace(dir, 'DIR')]),
        ['/proc/self/pagemap', '/dev/zero', 'DIR/*.conf'].map((glob) => [
          'lint/limit-reached',
          `[include] ${glob}: 1 matching paths could not be read as config files (directories, devices, pipes, files under /proc, /sys or /dev, or larger than 8 MB), so the configuration is checked in part`,
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
