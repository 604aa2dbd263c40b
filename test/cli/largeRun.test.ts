// A run over a large configuration tunes V8 (server/src/cli/largeRun.ts): it lints exactly as any run, counts the files
// its main config includes, and writes a code cache that the next run, with V8's defaults, accepts.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { HUGE_RUN_CHARACTERS, LARGE_RUN_CHARACTERS } from '../../server/src/cli/largeRun';
import { loadedOf, recordingModules } from '../helpers/loadedModules';
import { lint, tempDir } from './run';

/** One worker with a warning (a child memory limit its gevent pool ignores), padded with comment lines to `bytes`. */
function fragment(i: number, bytes: number): string {
  const program = `[program:worker-${i}]\ncommand=celery -A proj worker -P gevent --max-memory-per-child=262144\n`;
  const comment = '; padding the fragment to the size of a large deployment\n';
  return comment.repeat(Math.ceil((bytes - program.length) / comment.length)) + program;
}

/** A main config including `count` fragments of `bytes` each, in a new directory. */
function configuration(count: number, bytes: number): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'conf.d'));
  writeFileSync(join(dir, 'supervisord.conf'), `[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n`);
  for (let i = 0; i < count; i++) writeFileSync(join(dir, 'conf.d', `worker-${i}.conf`), fragment(i, bytes));
  return dir;
}

/** The run over `target` of a configuration: its status, the files with the gevent finding, whether it loaded node:v8, its cache. */
function runOver(dir: string, target = 'supervisord.conf', cache = tempDir()) {
  const out = join(tempDir(), 'modules.json');
  const run = lint(['--format', 'json', target], { cwd: dir, env: { ...recordingModules(out), SUPERVISOR_CODE_CACHE: cache } });
  const findings = (JSON.parse(run.stdout) as { rule: string; file: string }[]).filter(
    (f) => f.rule === 'celery/max-memory-per-child-ignored',
  );
  return {
    status: run.status,
    stderr: run.stderr,
    files: new Set(findings.map((f) => f.file)).size,
    v8: loadedOf(out, ['v8']),
    cache: readdirSync(cache).length,
  };
}

const large = (count: number) => configuration(count, Math.ceil((LARGE_RUN_CHARACTERS * 1.1) / count));
const small = (count: number) => configuration(count, Math.floor((LARGE_RUN_CHARACTERS * 0.9) / count));

test('a configuration past the large-run size is linted whole with V8 tuned, and its run writes the code cache', () => {
  assert.deepEqual(runOver(large(40)), { status: 0, stderr: '', files: 40, v8: ['v8'], cache: 1 });
});

test('a configuration below it keeps V8 as it starts and writes the code cache', () => {
  assert.deepEqual(runOver(small(40)), { status: 0, stderr: '', files: 40, v8: [], cache: 1 });
});

test('a fragment linted with a large configuration is a small run: the other files are read, not linted', () => {
  assert.deepEqual(runOver(large(40), 'conf.d/worker-3.conf'), { status: 0, stderr: '', files: 1, v8: [], cache: 1 });
});

for (const [size, configure] of [
  ['large', () => large(40)],
  ['huge', () => configuration(4, Math.ceil((HUGE_RUN_CHARACTERS * 1.05) / 4))],
] as const) {
  test(`the code cache a ${size} run writes is one a run with V8's defaults accepts`, () => {
    const dir = configure();
    const cache = tempDir();
    // Without recordingModules: the cache's name carries NODE_OPTIONS, which must be the same in both runs.
    const run = (target: string) => lint(['--format', 'json', target], { cwd: dir, env: { SUPERVISOR_CODE_CACHE: cache } });
    // V8 writes to standard error about a flag it does not know.
    assert.deepEqual(
      [run('supervisord.conf')].map(({ status, stderr }) => [status, stderr]),
      [[0, '']],
    );
    const [file] = readdirSync(cache);
    const written = readFileSync(join(cache, file));
    // A small run renews an accepted cache only when it did twice the work of the run that wrote it; a rejected one always.
    assert.equal(run('conf.d/worker-3.conf').status, 0);
    assert.deepEqual(readdirSync(cache), [file]);
    assert.ok(readFileSync(join(cache, file)).equals(written), "the small run rewrote the cache: V8 rejected the tuned run's");
  });
}
