// A second real LSP client: Debian's Neovim runs test/neovim/client.lua against dist/server.js over stdio.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const NVIM = '/usr/bin/nvim';

test(
  'Neovim gets diagnostics, a hover and a quick fix from the server',
  { skip: !existsSync(NVIM) && 'Neovim is not installed (apt-get install neovim; .ci/run does)' },
  () => {
    const out = join(mkdtempSync(join(tmpdir(), 'supervisor-nvim-')), 'out.json');
    const run = spawnSync(
      NVIM,
      ['--headless', '--clean', '-c', `luafile ${resolve('test/neovim/client.lua')}`, resolve('test/fixtures/neovim/worker.conf')],
      {
        env: { ...process.env, SUPERVISOR_SERVER: resolve('dist/server.js'), SUPERVISOR_OUT: out, HOME: tmpdir() },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    assert.equal(run.status, 0, run.stderr + run.stdout);
    const seen = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(seen.diagnosed, true);
    assert.deepEqual(seen.diagnostics, [
      { line: 3, col: 54, severity: 2, code: 'celery/max-memory-per-child-ignored' },
      // config/invalid-value marks the value it cannot convert (autostart=«maybe»).
      { line: 4, col: 10, severity: 1, code: 'config/invalid-value' },
    ]);
    // A gevent worker: the limit is shown in MB, and that the pool has no children to apply it to.
    assert.match(seen.hover, /262,144 KiB = 256 MB\. ⚠ The `gevent` pool ignores this limit/);
    assert.equal(seen.applied, 'Remove --max-memory-per-child');
    assert.equal(seen.lines[3], 'command=celery -A proj worker -P gevent -c 10 -l info');
    assert.equal(seen.lines[4], 'autostart=maybe');
  },
);
