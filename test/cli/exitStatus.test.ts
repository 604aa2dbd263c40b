// Exit status: 0 below the failure threshold, 1 at or above it, 2 for usage, configuration and file errors; the
// whole configuration counts (an Error in an included fragment fails its main config).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES, lint, tempDir } from './run';

describe('exit status', () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  // One finding per severity: information (task logging), nothing else.
  const info = write('info.conf', '[supervisord]\n[program:w]\ncommand=celery -A proj worker --concurrency=2\n');
  const warning = write('warning.conf', '[supervisord]\n[program:w]\ncommand=sleep 1\nbogus=1\n');

  test('--failure-threshold picks the least severe finding that fails', () => {
    const statuses = (file: string) =>
      ['error', 'warning', 'information', 'hint', 'none'].map((level) => lint(['--failure-threshold', level, file]).status);
    assert.deepEqual(statuses(info), [0, 0, 1, 1, 0]);
    assert.deepEqual(statuses(warning), [0, 1, 1, 1, 0]);
    assert.deepEqual(
      ['error', 'none'].map((level) => lint([`--failure-threshold=${level}`, 'project'], { cwd: FIXTURES }).status),
      [1, 0],
    );
  });

  test("a main config fails on its fragment's Error, reported once under the fragment's path", () => {
    const main = join(FIXTURES, 'project/supervisord.conf');
    const fragment = join(FIXTURES, 'project/conf.d/celery.conf');
    const run = lint(['--format', 'json', main], { cwd: FIXTURES });
    assert.equal(run.status, 1);
    const findings = JSON.parse(run.stdout) as { file: string; rule: string }[];
    assert.deepEqual(
      findings.map((f) => [f.file, f.rule]),
      [
        ['project/conf.d/celery.conf', 'celery/max-memory-per-child-ignored'],
        ['project/conf.d/celery.conf', 'memmon/invalid-size'],
        ['project/conf.d/celery.conf', 'celery/task-logging-disabled'],
      ],
    );
    // Named on the command line as well (before or after its main config): still once.
    for (const args of [
      [main, fragment],
      [fragment, main],
      [fragment, main, 'project'],
    ]) {
      assert.deepEqual(JSON.parse(lint(['--format', 'json', ...args], { cwd: FIXTURES }).stdout), findings, args.join(' '));
    }
  });

  test('--rule changes a severity or turns a rule off; an unknown id or level is a usage error', () => {
    assert.equal(lint(['--rule', 'memmon/invalid-size=warning', 'project'], { cwd: FIXTURES }).status, 0);
    const off = lint(['--rule', 'memmon/invalid-size=off', '--rule=celery/task-logging-disabled=off', '--format', 'json', 'project'], {
      cwd: FIXTURES,
    });
    assert.deepEqual(
      (JSON.parse(off.stdout) as { rule: string }[]).map((f) => f.rule),
      ['celery/max-memory-per-child-ignored'],
    );
    assert.equal(lint(['--rule', 'celery/warning-is-fine=warning', 'project'], { cwd: FIXTURES }).status, 2);
    const level = lint(['--rule', 'memmon/invalid-size=fatal', 'project'], { cwd: FIXTURES });
    assert.equal(level.status, 2);
    assert.match(level.stderr, /--rule memmon\/invalid-size must be "error", "warning", "information", "hint", "off", not "fatal"/);
  });

  test('usage errors exit 2 with the usage; --help and --version exit 0', () => {
    for (const args of [
      [],
      ['--format', 'xml', info],
      ['--bogus', info],
      ['--failure-threshold', 'fatal', info],
      ['--color', 'sometimes', info],
      ['--fix', '-'],
      ['--stdin-filename', 'x.conf', info],
      ['--explain', 'no/such-rule'],
    ]) {
      const run = lint(args);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /^supervisor-lint: .+\n\nUsage: supervisor-lint/, args.join(' '));
    }
    assert.match(
      lint(['--format', 'xml', info]).stderr,
      /--format must be "text", "json", "sarif", "github", "gitlab", "checkstyle", not "xml"/,
    );
    assert.equal(lint(['--help']).status, 0);
    const version = lint(['--version']);
    assert.deepEqual(
      [version.status, version.stdout],
      [0, `${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}\n`],
    );
  });

  test('a file that cannot be read exits 2 but the others are still reported', () => {
    const run = lint([join(dir, 'nope.conf'), warning]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot read .*nope\.conf: no such file/);
    assert.match(run.stdout, /warning\.conf:4:1: warning \[config\/unknown-key\]/);
    assert.match(lint([dir + '/*.nothing']).stderr, /no files match/);
  });

  test('a clean file prints the summary only and exits 0', () => {
    const run = lint(['test/fixtures/celery/tuned.conf']);
    assert.deepEqual([run.status, run.stdout], [0, '0 errors, 0 warnings, 0 information, 0 hints in 1 file\n']);
  });

  test('--list-rules (text and JSON) and --explain', () => {
    const text = lint(['--list-rules']);
    assert.equal(text.status, 0);
    assert.match(
      text.stdout,
      /^memmon\/invalid-size\terror\tfixable\tA memmon size it cannot read[^\t]*\thttps:\/\/\S+\/docs\/rules\/memmon\/invalid-size\.md$/m,
    );
    const json = JSON.parse(lint(['--list-rules', '--format', 'json']).stdout) as {
      id: string;
      severity: string;
      fixable: boolean;
      summary: string;
      docs: string;
    }[];
    const ignored = json.find((r) => r.id === 'celery/max-memory-per-child-ignored');
    assert.deepEqual([ignored?.severity, ignored?.fixable], ['warning', true]);
    assert.ok(json.every((r) => r.summary && r.docs.endsWith(`/docs/rules/${r.id}.md`)));
    const explain = lint(['--explain', 'memmon/invalid-size']);
    assert.equal(explain.status, 0);
    assert.match(explain.stdout, /^# memmon\/invalid-size\n\n\*\*Severity:\*\* Error/);
  });
});
