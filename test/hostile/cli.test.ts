// Every hostile shape through the built CLI with a heap limit and a timeout: a normal exit (0, 1 or 2), never a
// crash, an abort or a hang.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { SHAPES } from './shapes';
import { withCaseFiles } from './workdir';

// Wall time on a machine that may be busy with other work: generous, since a hang never ends.
const TIMEOUT_MS = 60_000;

describe('supervisor-lint on hostile configs', () => {
  for (const shape of SHAPES) {
    test(shape.name, () =>
      withCaseFiles(shape, ({ config }) => {
        const run = spawnSync(process.execPath, ['--max-old-space-size=512', 'dist/cli.js', '--format', 'json', config], {
          encoding: 'utf8',
          timeout: TIMEOUT_MS,
          maxBuffer: 256 * 1024 * 1024,
        });
        assert.equal(run.signal, null, `killed by ${run.signal} (timeout ${TIMEOUT_MS} ms?)\n${run.stderr.slice(0, 2000)}`);
        assert.ok([0, 1].includes(run.status!), `exit ${run.status}\n${run.stderr.slice(0, 2000)}`);
        // Binary garbage is skipped with a one-line notice; nothing else may reach standard error.
        assert.equal(run.stderr.replace(/^supervisor-lint: skipped .*: binary file\n$/, ''), '');
        assert.ok(Array.isArray(JSON.parse(run.stdout)));
      }),
    );
  }
});
