// --fix on copies: every safe preferred fix, atomically, idempotent, and supervisord's loader accepts the result
// whenever it accepted the original. Never where a syntax error is, never over a file changed meanwhile.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { safeEdits, writeAtomically } from '../../server/src/cli/fix';
import type { FileReport } from '../../server/src/cli/report';
import { FIXTURES, lint, tempDir } from './run';

function loaderAccepts(file: string): boolean {
  const run = spawnSync('/usr/bin/python3', ['test/conformance/loader.py', file], { encoding: 'utf8' });
  return (JSON.parse(run.stdout) as { accepted: boolean }).accepted;
}

const copyProject = () => {
  const dir = join(tempDir(), 'project');
  cpSync(join(FIXTURES, 'project'), dir, { recursive: true });
  return dir;
};

describe('--fix', () => {
  test('applies the safe preferred fixes to the included fragment, keeps its mode, prints what remains', () => {
    const dir = copyProject();
    const fragment = join(dir, 'conf.d/celery.conf');
    chmodSync(fragment, 0o640);
    const acceptedBefore = loaderAccepts(join(dir, 'supervisord.conf'));
    const run = lint(['--fix', 'supervisord.conf'], { cwd: dir });
    assert.equal(run.status, 1, 'the memmon size Error has no fix');
    assert.equal(run.stderr, 'supervisor-lint: fixed 1 file\n');
    assert.equal(
      run.stdout,
      [
        'conf.d/celery.conf:8:26: error [memmon/invalid-size] memmon cannot read the size "1.5GB": write a whole number of bytes, optionally followed by KB, MB or GB (e.g. 512MB). memmon exits on start-up.',
        ' 8 | command=memmon -p celery=1.5GB',
        '   |                          ^^^^^',
        '1 error, 0 warnings, 0 information, 0 hints in 2 files',
        '',
      ].join('\n'),
    );
    const original = readFileSync(join(FIXTURES, 'project/conf.d/celery.conf'), 'utf8');
    const expected = original.replace(' --max-memory-per-child=262144', '').replace('worker -Q mail', 'worker -l info -Q mail');
    assert.equal(readFileSync(fragment, 'utf8'), expected);
    assert.equal(statSync(fragment).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(join(dir, 'conf.d')), ['celery.conf'], 'no temporary file left behind');
    assert.ok(acceptedBefore);
    assert.ok(loaderAccepts(join(dir, 'supervisord.conf')), 'supervisord still loads the fixed configuration');
    // Idempotent: a second run changes nothing.
    const again = lint(['--fix', 'supervisord.conf'], { cwd: dir });
    assert.equal(again.stderr, '');
    assert.equal(readFileSync(fragment, 'utf8'), expected);
  });

  test('overlapping fixes are applied round after round until nothing changes', () => {
    const dir = tempDir();
    const file = join(dir, 'supervisord.conf');
    // Two duplicate keys on one program: each round may only take fixes that do not overlap.
    writeFileSync(file, '[supervisord]\n[program:w]\ncommand=sleep 1\ncommand=sleep 2\ncommand=sleep 3\n');
    lint(['--fix', file]);
    const after = lint(['--format', 'json', file]);
    assert.deepEqual(JSON.parse(after.stdout), []);
    assert.ok(loaderAccepts(file));
  });

  test('a file changed on disk since it was read is not overwritten', () => {
    const file = join(tempDir(), 'w.conf');
    writeFileSync(file, 'changed meanwhile\n');
    const failure = writeAtomically({ path: file, display: 'w.conf', original: 'as read\n', fixed: 'fixed\n' });
    assert.match(failure ?? '', /changed on disk since it was read; not overwritten/);
    assert.equal(readFileSync(file, 'utf8'), 'changed meanwhile\n');
    assert.deepEqual(readdirSync(join(file, '..')), ['w.conf']);
  });

  test('no fix touches a line range with a syntax error', () => {
    const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
    const fix = (line: number) => ({
      kind: 'k',
      title: 't',
      safe: true,
      preferred: true,
      edits: [{ range: range(line, 0, 1), newText: 'x' }],
    });
    const report: FileReport = {
      path: '/x.conf',
      display: 'x.conf',
      text: '',
      findings: [
        { rule: 'syntax/invalid-line', severity: 'error', message: 'm', range: range(3, 0, 9), fixes: [] },
        { rule: 'config/unknown-key', severity: 'warning', message: 'm', range: range(3, 0, 1), fixes: [fix(3)] },
        {
          rule: 'config/unknown-key',
          severity: 'warning',
          message: 'm',
          range: range(4, 0, 1),
          fixes: [fix(4), { ...fix(4), preferred: false }, { ...fix(5), safe: false }],
        },
      ],
    };
    assert.deepEqual(safeEdits(report), [{ range: range(4, 0, 1), newText: 'x' }]);
  });

  test('--fix-dry-run writes nothing', () => {
    const dir = copyProject();
    const before = readFileSync(join(dir, 'conf.d/celery.conf'), 'utf8');
    const run = lint(['--fix-dry-run', '.'], { cwd: dir });
    assert.match(run.stdout, /^--- a\/conf\.d\/celery\.conf\n\+\+\+ b\/conf\.d\/celery\.conf\n@@ -1,6 \+1,6 @@\n/);
    assert.equal(readFileSync(join(dir, 'conf.d/celery.conf'), 'utf8'), before);
  });
});
