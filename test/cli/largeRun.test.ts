// A run over a large configuration tunes V8 (server/src/cli/largeRun.ts): it lints exactly as any run, counts the files
// its main config includes, and writes no code cache (the next run, with V8's defaults, would reject it).
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LARGE_RUN_CHARACTERS } from '../../server/src/cli/largeRun';
import { loadedOf, recordingModules } from '../helpers/loadedModules';
import { lint, tempDir } from './run';

/** One worker with a warning (a child memory limit its gevent pool ignores), padded with comment lines to `bytes`. */
function fragment(i: number, bytes: number): string {
  const program = `[program:worker-${i}]\ncommand=celery -A proj worker -P gevent --max-memory-per-child=262144\n`;
  const comment = '; padding the fragment to the size of a large deployment\n';
  return comment.repeat(Math.ceil((bytes - program.length) / comment.length)) + program;
}

/** A main config including `count` fragments of `bytes` each; the run over it, the modules it loaded, its cache. */
function runOver(count: number, bytes: number) {
  const dir = tempDir();
  mkdirSync(join(dir, 'conf.d'));
  writeFileSync(join(dir, 'supervisord.conf'), `[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n`);
  for (let i = 0; i < count; i++) writeFileSync(join(dir, 'conf.d', `worker-${i}.conf`), fragment(i, bytes));
  const out = join(tempDir(), 'modules.json');
  const cache = tempDir();
  const run = lint(['--format', 'json', 'supervisord.conf'], { cwd: dir, env: { ...recordingModules(out), SUPERVISOR_CODE_CACHE: cache } });
  const findings = (JSON.parse(run.stdout) as { rule: string; file: string }[]).filter(
    (f) => f.rule === 'celery/max-memory-per-child-ignored',
  );
  return {
    status: run.status,
    stderr: run.stderr,
    files: new Set(findings.map((f) => f.file)).size,
    v8: loadedOf(out, ['v8']),
    cache: readdirSync(cache),
  };
}

test('a configuration past the large-run size is linted whole with V8 tuned, and its run writes no code cache', () => {
  const count = 40;
  const large = runOver(count, Math.ceil((LARGE_RUN_CHARACTERS * 1.1) / count));
  assert.deepEqual(large, { status: 0, stderr: '', files: count, v8: ['v8'], cache: [] });
});

test('a configuration below it keeps V8 as it starts and writes the code cache', () => {
  const small = runOver(40, 1000);
  assert.equal(small.cache.length, 1);
  assert.deepEqual({ ...small, cache: [] }, { status: 0, stderr: '', files: 40, v8: [], cache: [] });
});
