// Conformance over whole configurations (a main config and the conf.d files it includes) with supervisord 4.2.5's own
// loader: see configurations.mjs. Each directory of test/fixtures/configurations is one configuration.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const PYTHON = '/usr/bin/python3';
const noSupervisor =
  !(existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import supervisor.options']).status === 0) &&
  'the supervisor package is not installed (apt-get install supervisor; .ci/run does)';

const FIXTURES = 'test/fixtures/configurations';

interface Result {
  dir: string;
  agree: boolean;
  disagreement?: string;
}

/** One run of the loader and of the linter over every configuration. */
function compareAll(): Result[] {
  const dirs = readdirSync(FIXTURES).map((name) => join(FIXTURES, name));
  const run = spawnSync(process.execPath, ['test/conformance/configurations.mjs', '--json', ...dirs], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Result[];
}

const results = noSupervisor ? [] : compareAll();
const named = (name: string) => results.find((r) => r.dir === join(FIXTURES, name));

test('every configuration fixture is judged', { skip: noSupervisor }, () => {
  assert.ok(results.length >= 40, `${results.length} configurations`);
});

for (const name of noSupervisor ? ['(none)'] : readdirSync(FIXTURES)) {
  test(`configuration ${name}: loader and linter agree`, { skip: noSupervisor }, () => {
    const result = named(name)!;
    assert.ok(result.agree, result.disagreement);
  });
}
