// Conformance with supervisord 4.2.5's own loader on our fixtures: it refuses a file ⟺ we report an Error, on the
// line it names (syntax errors) or inside the section it names (value errors). See compare.mjs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

test('loader and linter agree on every conformance fixture', () => {
  const run = spawnSync(process.execPath, ['test/conformance/compare.mjs', 'test/fixtures/conformance'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const count = (label: string) => Number(new RegExp(`^${label}: (\\d+)`, 'm').exec(run.stdout)?.[1]);
  assert.ok(count('files') >= 150, run.stdout);
  assert.ok(count('loader refusals') >= 60, run.stdout);
  assert.equal(count('agreements'), count('files'), run.stdout);
});
