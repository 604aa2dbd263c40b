// SARIF 2.1.0 output checked by the SARIF Multitool (Microsoft's validator: the JSON schema plus SARIF's own rules)
// and by ajv against the official schema the Multitool ships (a dev dependency).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { FIXTURES, lint, tempDir } from './run';

const MULTITOOL = [resolve('node_modules', '@microsoft/sarif-multitool')].find((dir) => existsSync(join(dir, 'bin.js')));
const PLATFORM = MULTITOOL && join(MULTITOOL, '..', `sarif-multitool-${process.platform === 'win32' ? 'win32' : process.platform}`);
const MISSING = 'the SARIF Multitool is not installed: npm i -D --save-exact @microsoft/sarif-multitool@5.7.0';

interface SarifLog {
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        rules: { id: string; helpUri: string; help: { markdown: string }; defaultConfiguration: { level: string } }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
      fixes?: unknown[];
    }[];
  }[];
}

describe('--format sarif', () => {
  const run = lint(['--format', 'sarif', 'project'], { cwd: FIXTURES });
  const log = JSON.parse(run.stdout) as SarifLog;

  test('results point at the fragment, with rule metadata from the registry', () => {
    assert.equal(run.status, 1);
    const [{ tool, results }] = log.runs;
    assert.equal(tool.driver.name, 'supervisor-lint');
    assert.deepEqual(
      results.map((r) => [
        r.ruleId,
        r.level,
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.locations[0].physicalLocation.region.startLine,
      ]),
      [
        ['celery/max-memory-per-child-ignored', 'warning', 'project/conf.d/celery.conf', 3],
        ['memmon/invalid-size', 'error', 'project/conf.d/celery.conf', 8],
        ['celery/task-logging-disabled', 'note', 'project/conf.d/celery.conf', 12],
      ],
    );
    for (const result of results) {
      const rule = tool.driver.rules[result.ruleIndex];
      assert.equal(rule.id, result.ruleId);
      assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
      assert.match(rule.help.markdown, new RegExp(`^# ${rule.id}\\n`));
    }
    assert.deepEqual(results[0].locations[0].physicalLocation.region, { startLine: 3, startColumn: 70, endLine: 3, endColumn: 99 });
    assert.equal(results[0].fixes?.length, 2);
  });

  test('valid against the official SARIF 2.1.0 schema (ajv)', () => {
    assert.ok(PLATFORM && existsSync(join(PLATFORM, 'sarif-2.1.0.json')), MISSING);
    const schema = JSON.parse(readFileSync(join(PLATFORM, 'sarif-2.1.0.json'), 'utf8'));
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  });

  test('the SARIF Multitool finds no error', { timeout: 120_000 }, () => {
    assert.ok(MULTITOOL && PLATFORM, MISSING);
    // npm 11 does not run the package's postinstall, which makes the binary executable.
    chmodSync(join(PLATFORM, 'Sarif.Multitool'), 0o755);
    const dir = tempDir();
    writeFileSync(join(dir, 'out.sarif'), run.stdout);
    const check = spawnSync(
      process.execPath,
      [join(MULTITOOL, 'bin.js'), 'validate', join(dir, 'out.sarif'), '-o', join(dir, 'validation.sarif')],
      { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } },
    );
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const validation = JSON.parse(readFileSync(join(dir, 'validation.sarif'), 'utf8')) as SarifLog;
    const errors = validation.runs.flatMap((r) => r.results).filter((r) => r.level === 'error');
    assert.deepEqual(errors, [], check.stdout);
  });
});
