// Every output format on one configuration (a main config and the fragment it includes), compared with golden
// files in test/fixtures/cli/golden. UPDATE_GOLDEN=1 rewrites them after an intended change (review the diff).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES, lint } from './run';

const GOLDEN = join(FIXTURES, 'golden');

function matchesGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from ${file}`);
}

describe('output formats (golden files)', () => {
  for (const [format, golden] of [
    ['text', 'project.txt'],
    ['json', 'project.json'],
    ['github', 'project.github.txt'],
    ['gitlab', 'project.gitlab.json'],
    ['checkstyle', 'project.checkstyle.xml'],
  ]) {
    test(`--format ${format}`, () => {
      const run = lint(['--format', format, 'project'], { cwd: FIXTURES });
      assert.equal(run.stderr, '');
      assert.equal(run.status, 1, 'the fragment has an Error');
      matchesGolden(golden, run.stdout);
    });
  }

  test('--fix-dry-run prints a unified diff and writes nothing', () => {
    const before = readFileSync(join(FIXTURES, 'project/conf.d/celery.conf'), 'utf8');
    const run = lint(['--fix-dry-run', 'project'], { cwd: FIXTURES });
    assert.equal(run.stderr, '');
    matchesGolden('project.fix.diff', run.stdout);
    assert.equal(readFileSync(join(FIXTURES, 'project/conf.d/celery.conf'), 'utf8'), before);
    assert.equal(run.status, 1, 'the Error has no safe fix and remains');
  });

  test('--color always paints severities, the location and the caret; --color never and pipes do not', () => {
    const painted = lint(['--color', 'always', 'project'], { cwd: FIXTURES }).stdout;
    assert.match(painted, /\x1b\[1mproject\/conf\.d\/celery\.conf:8:26:\x1b\[0m \x1b\[31merror\x1b\[0m \[memmon\/invalid-size\]/);
    assert.match(painted, /\x1b\[31m\^\^\^\^\^\x1b\[0m/);
    assert.equal(painted.replace(/\x1b\[\d+m/g, ''), readFileSync(join(GOLDEN, 'project.txt'), 'utf8'));
    assert.doesNotMatch(lint(['--color', 'never', 'project'], { cwd: FIXTURES }).stdout, /\x1b/);
    assert.doesNotMatch(lint(['project'], { cwd: FIXTURES }).stdout, /\x1b/, 'auto: no colours into a pipe');
  });

  test('github: properties escape %, CR, LF, ":" and ","; the message escapes %, CR and LF', () => {
    const run = lint(['--format', 'github', '--stdin-filename', 'odd,name:100%.conf', '-'], {
      input: '[program:x]\ncommand=memmon -p x=1.5GB\n',
    });
    const line = run.stdout.split('\n').find((l) => l.includes('memmon/invalid-size'));
    assert.equal(
      line,
      '::error file=odd%2Cname%3A100%25.conf,line=2,col=21,endLine=2,endColumn=26,title=memmon/invalid-size::memmon cannot read the size "1.5GB": write a whole number of bytes, optionally followed by KB, MB or GB (e.g. 512MB). memmon exits on start-up.',
    );
  });

  test('checkstyle escapes markup and replaces characters XML cannot hold', () => {
    const run = lint(['--format', 'checkstyle', '--stdin-filename', 'a&b<"c">\u0001.conf', '-'], {
      input: '[program:x]\ncommand=memmon -p x=1.5GB\n',
    });
    assert.match(run.stdout, /<file name="a&amp;b&lt;&quot;c&quot;&gt;\ufffd\.conf">/);
    assert.match(run.stdout, /message="memmon cannot read the size &quot;1\.5GB&quot;: /);
  });

  test('gitlab fingerprints stay the same when lines move, and differ between identical findings', () => {
    const config = '[program:x]\ncommand=memmon -p x=1.5GB\n[program:y]\ncommand=memmon -p x=1.5GB\n';
    const report = (text: string) =>
      JSON.parse(lint(['--format', 'gitlab', '--stdin-filename', 'x.conf', '-'], { input: text }).stdout) as {
        fingerprint: string;
        check_name: string;
        location: { lines: { begin: number } };
      }[];
    const first = report(config).filter((i) => i.check_name === 'memmon/invalid-size');
    const moved = report(`; a comment\n\n${config}`).filter((i) => i.check_name === 'memmon/invalid-size');
    assert.equal(first.length, 2);
    assert.notEqual(first[0].fingerprint, first[1].fingerprint);
    assert.deepEqual(
      moved.map((i) => i.fingerprint),
      first.map((i) => i.fingerprint),
    );
    assert.deepEqual(
      moved.map((i) => i.location.lines.begin),
      [4, 6],
    );
  });
});
