// .supervisor-lint.json: found upward from each linted file, or named by --config, or ignored with --no-config;
// --rule overrides it; an invalid file is a clear error (exit 2) naming the file and the key.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lint } from './run';
import { fileTree } from '../helpers/fileTree';

const BAD_SIZE = '[program:w]\ncommand=sleep 1\n[eventlistener:m]\ncommand=memmon -p w=1.5GB\nevents=TICK_60\n';

const tree = (files: Record<string, string | Buffer>) => fileTree(files, 'supervisor-lint-');

const rules = (stdout: string) =>
  (JSON.parse(stdout) as { file: string; rule: string; severity: string }[]).map((f) => `${f.file} ${f.rule} ${f.severity}`);

describe('.supervisor-lint.json', () => {
  const root = tree({
    '.supervisor-lint.json': JSON.stringify({ rules: { 'memmon/invalid-size': 'warning' }, ignore: ['vendor/', 'skip-*.conf'] }),
    'a/w.conf': BAD_SIZE,
    'b/.supervisor-lint.json': JSON.stringify({ rules: { 'memmon/invalid-size': 'off' } }),
    'b/w.conf': BAD_SIZE,
    'vendor/w.conf': BAD_SIZE,
    'skip-me.conf': BAD_SIZE,
    'other.json': JSON.stringify({ rules: { 'memmon/invalid-size': 'hint' } }),
  });

  test('the nearest file above each linted file applies; ignore globs leave out found files', () => {
    const run = lint(['--format', 'json', '.'], { cwd: root });
    assert.equal(run.status, 0);
    assert.deepEqual(rules(run.stdout), ['a/w.conf memmon/invalid-size warning']);
    // A file named outright is linted even when ignored.
    assert.deepEqual(rules(lint(['--format', 'json', 'skip-me.conf'], { cwd: root }).stdout), ['skip-me.conf memmon/invalid-size warning']);
  });

  test('--config names the file for all; --no-config uses none; --rule wins over both', () => {
    assert.deepEqual(rules(lint(['--format', 'json', '--config', 'other.json', 'a/w.conf', 'b/w.conf'], { cwd: root }).stdout), [
      'a/w.conf memmon/invalid-size hint',
      'b/w.conf memmon/invalid-size hint',
    ]);
    const none = lint(['--format', 'json', '--no-config', 'a/w.conf', 'b/w.conf'], { cwd: root });
    assert.equal(none.status, 1);
    assert.deepEqual(rules(none.stdout), ['a/w.conf memmon/invalid-size error', 'b/w.conf memmon/invalid-size error']);
    assert.deepEqual(rules(lint(['--format', 'json', '--rule', 'memmon/invalid-size=information', 'b/w.conf'], { cwd: root }).stdout), [
      'b/w.conf memmon/invalid-size information',
    ]);
  });

  test('an invalid file is an error naming the file and the key, exit 2', () => {
    const bad = tree({
      'unknown-key/.supervisor-lint.json': JSON.stringify({ rulez: {} }),
      'unknown-key/w.conf': BAD_SIZE,
      'unknown-rule/.supervisor-lint.json': JSON.stringify({ rules: { 'memmon/no-such-rule': 'off' } }),
      'unknown-rule/w.conf': BAD_SIZE,
      'not-json/.supervisor-lint.json': '{ rules: ',
      'not-json/w.conf': BAD_SIZE,
    });
    for (const [dir, message] of [
      ['unknown-key', /unknown-key\/\.supervisor-lint\.json: unknown key "rulez"/],
      ['unknown-rule', /unknown-rule\/\.supervisor-lint\.json: "rules" names an unknown rule id "memmon\/no-such-rule"/],
      ['not-json', /not-json\/\.supervisor-lint\.json: /],
    ] as const) {
      const run = lint([join(dir, 'w.conf')], { cwd: bad });
      assert.equal(run.status, 2, dir);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    }
    assert.equal(lint(['--config', join(bad, 'missing.json'), join(bad, 'unknown-key/w.conf')]).status, 2);
  });
});
