// The optimised code of the analysis outlives each analysis (util/keepShape.ts). A child process (this file, run
// again) keeps one small analysis alive, as the language server keeps its open documents', analyses a large file again
// and again and collects each; V8's deoptimisation trace must show no code thrown away for "weak objects". The child
// runs with --predictable, which compiles on the main thread: the same functions are optimised in every run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { analyzeDocument } from '../../server/src/lint';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { programs } from '../../bench/generate';

const CHILD = 'SUPERVISOR_KEPT_SHAPES_CHILD';
const DONE = '--- analysed ---';

/**
 * The bench's Celery workers (per-process names and log files, an environment, a memmon listener), without their
 * stopwaitsecs, so that the analysis reports findings too; with `listener` false, without the memmon listener.
 */
function workers(count: number, listener: boolean): string {
  const text = programs(count).replaceAll('stopwaitsecs=600 ; give running tasks time to finish\n', '');
  return listener ? text : text.slice(0, text.indexOf('[eventlistener:memmon]'));
}

const child = process.env[CHILD];
if (child) {
  const listener = child === 'with a memmon listener';
  const kept = analyzeDocument(workers(50, listener), undefined, DEFAULT_SETTINGS);
  const text = workers(2000, listener);
  for (let run = 0; run < 6; run++) {
    analyzeDocument(text, undefined, DEFAULT_SETTINGS);
    (globalThis as { gc?: () => void }).gc!();
    console.log(DONE);
  }
  console.log(`${kept.diagnoses.length} findings kept`);
} else {
  for (const variant of ['with a memmon listener', 'without one'])
    test(`no optimised code is thrown away when an analysis is collected: workers ${variant}`, () => {
      const run = spawnSync(process.execPath, ['--predictable', '--expose-gc', '--trace-deopt', __filename], {
        env: { ...process.env, [CHILD]: variant },
        encoding: 'utf8',
        maxBuffer: 64 * 2 ** 20,
      });
      assert.equal(run.status, 0, run.stderr);
      const runs = run.stdout.split(DONE);
      assert.equal(runs.length, 7);
      // The first collection may still meet code optimised for the kept analysis's first objects.
      const thrownAway = runs
        .slice(2)
        .join('')
        .split('\n')
        .filter((line) => line.includes('reason: weak objects'))
        .map((line) => /<SharedFunctionInfo ([^>]*)>/.exec(line)?.[1] ?? line);
      assert.deepEqual(thrownAway, []);
    });
}
