// .supervisor-lint.json: found upward, validated strictly (errors name the file and the key), applied under the
// editor's settings, and hostChecks: false turning off the rules that look at this machine's files.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lintText } from '../../server/src/lint';
import {
  applyLintConfig,
  findLintConfig,
  LintConfigCache,
  LintConfigError,
  parseLintConfig,
  readLintConfig,
} from '../../server/src/lintConfig';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/settings';
import { memorySource } from '../helpers/memorySource';

const FILE = '/srv/app/.supervisor-lint.json';
const parse = (value: unknown) => parseLintConfig(FILE, JSON.stringify(value));
const rejects = (value: unknown, message: string) =>
  assert.throws(
    () => parse(value),
    (error: unknown) => error instanceof LintConfigError && error.file === FILE && error.message === `${FILE}: ${message}`,
  );

describe('.supervisor-lint.json', () => {
  test('found in the start directory or the nearest one above it', () => {
    const root = mkdtempSync(join(tmpdir(), 'lint-config-'));
    mkdirSync(join(root, 'deploy', 'supervisor', 'conf.d'), { recursive: true });
    writeFileSync(join(root, '.supervisor-lint.json'), '{}');
    writeFileSync(join(root, 'deploy', '.supervisor-lint.json'), '{}');
    mkdirSync(join(root, 'deploy', 'supervisor', '.supervisor-lint.json'));
    assert.equal(
      findLintConfig(join(root, 'deploy', 'supervisor', 'conf.d')),
      join(root, 'deploy', '.supervisor-lint.json'),
      'a directory of that name is no config',
    );
    assert.equal(findLintConfig(root), join(root, '.supervisor-lint.json'));
  });

  test('none found up to the filesystem root', () => {
    const root = mkdtempSync(join(tmpdir(), 'lint-config-none-'));
    assert.equal(findLintConfig(root), undefined);
  });

  test('every documented key is read', () => {
    assert.deepEqual(
      parse({
        $schema: './schema.json',
        rules: { 'celery/task-logging-disabled': 'off', 'config/unknown-key': 'error' },
        celery: { minMemoryPerChildMB: 256 },
        format: { spaceAroundEquals: 'always' },
        hostChecks: false,
        ignore: ['vendor/**', 'legacy.conf'],
      }),
      {
        rules: { 'celery/task-logging-disabled': 'off', 'config/unknown-key': 'error' },
        celery: { minMemoryPerChildMB: 256 },
        format: { spaceAroundEquals: 'always' },
        hostChecks: false,
        ignore: ['vendor/**', 'legacy.conf'],
      },
    );
    assert.deepEqual(parse({}), {});
  });

  test('unknown keys and rule ids are errors naming the file and the key', () => {
    rejects({ rule: {} }, 'unknown key "rule" (did you mean "rules"?)');
    rejects({ celery: { minMemoryPerChild: 1 } }, 'unknown key "celery.minMemoryPerChild" (did you mean "minMemoryPerChildMB"?)');
    rejects({ format: { indent: 2 } }, 'unknown key "format.indent"');
    rejects(
      { rules: { 'celery/task-loging-disabled': 'off' } },
      '"rules" names an unknown rule id "celery/task-loging-disabled" (did you mean "celery/task-logging-disabled"?)',
    );
  });

  test('wrong types and values are errors naming the key', () => {
    rejects(
      { rules: { 'celery/task-logging-disabled': 'silent' } },
      '"rules.celery/task-logging-disabled" must be one of "off", "error", "warning", "information", "hint", not "silent"',
    );
    rejects({ rules: ['celery/task-logging-disabled'] }, '"rules" must be an object, not an array');
    rejects({ celery: { minMemoryPerChildMB: '256' } }, '"celery.minMemoryPerChildMB" must be a number of MB, 0 or more, not "256"');
    rejects({ celery: { minMemoryPerChildMB: -1 } }, '"celery.minMemoryPerChildMB" must be a number of MB, 0 or more, not -1');
    rejects(
      { format: { spaceAroundEquals: 'sometimes' } },
      '"format.spaceAroundEquals" must be one of "keep", "always", "never", not "sometimes"',
    );
    rejects({ hostChecks: 'no' }, '"hostChecks" must be true or false, not "no"');
    rejects({ ignore: 'vendor/**' }, '"ignore" must be an array of glob strings, not "vendor/**"');
    rejects({ ignore: [1] }, '"ignore" must be an array of glob strings, not [1]');
    rejects([], 'must hold a JSON object, not an array');
  });

  test('a file that is not JSON, or cannot be read, is an error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-config-bad-'));
    const path = join(dir, '.supervisor-lint.json');
    writeFileSync(path, '{ "rules": { } ');
    assert.throws(
      () => readLintConfig(path),
      (e: unknown) => e instanceof LintConfigError && e.message.startsWith(`${path}: not valid JSON: `),
    );
    assert.throws(
      () => readLintConfig(join(dir, 'missing.json')),
      (e: unknown) => e instanceof LintConfigError && e.message.startsWith(`${join(dir, 'missing.json')}: cannot be read: `),
    );
    writeFileSync(path, '\uFEFF{ "hostChecks": false }');
    assert.deepEqual(readLintConfig(path), { hostChecks: false });
  });

  test('a config file linked to /proc or larger than 1 MB is not read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-config-hostile-'));
    const linked = join(dir, 'linked.json');
    symlinkSync('/proc/self/status', linked);
    const large = join(dir, 'large.json');
    writeFileSync(large, `{ "ignore": [${'"x",'.repeat(300_000)} "x"] }`);
    for (const path of [linked, large]) {
      assert.throws(
        () => readLintConfig(path),
        (e: unknown) =>
          e instanceof LintConfigError && e.message === `${path}: cannot be read: missing, not a regular file, or larger than 1 MB`,
      );
    }
  });

  test('applied over the defaults; the editor settings override it key by key and rule by rule', () => {
    const fromFile = applyLintConfig(
      DEFAULT_SETTINGS,
      parse({
        rules: { 'celery/task-logging-disabled': 'off', 'config/unknown-key': 'error' },
        celery: { minMemoryPerChildMB: 256 },
        hostChecks: false,
      }),
    );
    assert.deepEqual(fromFile, {
      celery: { minMemoryPerChildMB: 256 },
      format: { spaceAroundEquals: 'keep' },
      rules: { 'celery/task-logging-disabled': 'off', 'config/unknown-key': 'error' },
      hostChecks: false,
    });
    assert.deepEqual(DEFAULT_SETTINGS.rules, {}, 'the defaults are not changed');
    const editor = readSettings({ rules: { 'config/unknown-key': 'hint' }, format: { spaceAroundEquals: 'never' } }, fromFile);
    assert.deepEqual(editor, {
      celery: { minMemoryPerChildMB: 256 },
      format: { spaceAroundEquals: 'never' },
      rules: { 'celery/task-logging-disabled': 'off', 'config/unknown-key': 'hint' },
      hostChecks: false,
    });
  });

  test('the cache reads a file once, keeps its error, and forgets both on clear()', () => {
    const root = mkdtempSync(join(tmpdir(), 'lint-config-cache-'));
    const path = join(root, '.supervisor-lint.json');
    writeFileSync(path, '{ "hostChecks": false }');
    const cache = new LintConfigCache();
    assert.deepEqual(cache.forDirectory(root), { path, config: { hostChecks: false } });
    writeFileSync(path, '{ "hostCheck": false }');
    assert.deepEqual(cache.forDirectory(root).config, { hostChecks: false });
    cache.clear();
    assert.equal(cache.forDirectory(root).error?.message, `${path}: unknown key "hostCheck" (did you mean "hostChecks"?)`);
  });
});

describe('hostChecks', () => {
  const main = '[supervisord]\nlogfile=/var/log/supervisor/supervisord.log\n\n[include]\nfiles = conf.d/*.conf\n';
  const path = '/etc/supervisor/supervisord.conf';
  const rules = (settings: unknown) => lintText(main, { path, settings, source: memorySource({ [path]: main }) }).map((f) => f.rule);

  test('false turns off the findings that depend on this machine, such as config/include-target-missing', () => {
    assert.deepEqual(rules({}), ['config/include-target-missing']);
    assert.deepEqual(rules({ hostChecks: false }), []);
  });
});
