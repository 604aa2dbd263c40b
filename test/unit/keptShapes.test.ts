// The optimised code of the analysis outlives each analysis (util/keepShape.ts). A child process (this file, run
// again) keeps one small analysis alive, as the language server keeps its open documents', analyses a large file again
// and again and collects each; V8's deoptimisation trace must show no code thrown away for "weak objects". The child
// runs with --predictable, which compiles on the main thread: the same functions are optimised in every run. Three
// cases: a file alone with a memmon listener and without one, and a conf.d file in its configuration beside another
// whose kept analysis has no findings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument, type Analysis } from '../../server/src/lint';
import { NodeConfigSource } from '../../server/src/nodeConfigSource';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { program, programs } from '../../bench/generate';
import { fileTree } from '../helpers/fileTree';

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

const WITH_LISTENER = 'a file alone with a memmon listener';
const WITHOUT_LISTENER = 'a file alone without one';
const IN_CONFIGURATION = 'a conf.d file in its configuration';

/** The analysis the child keeps, and the one it makes again and again. */
function childCase(name: string): { keep: () => Analysis; analyse: () => Analysis; root?: string } {
  if (name !== IN_CONFIGURATION) {
    const listener = name === WITH_LISTENER;
    const text = workers(2000, listener);
    return {
      keep: () => analyzeDocument(workers(50, listener), undefined, DEFAULT_SETTINGS),
      analyse: () => analyzeDocument(text, undefined, DEFAULT_SETTINGS),
    };
  }
  const text = workers(2000, false);
  const root = fileTree({
    'supervisord.conf': '[supervisord]\nlogfile=/var/log/supervisord.log\n\n[include]\nfiles = conf.d/*.conf\n',
    'conf.d/workers.conf': text,
    'conf.d/other.conf': program(5000),
  });
  const source = new NodeConfigSource();
  return {
    keep: () => analyzeDocument(program(5000), join(root, 'conf.d/other.conf'), DEFAULT_SETTINGS, source),
    analyse: () => analyzeDocument(text, join(root, 'conf.d/workers.conf'), DEFAULT_SETTINGS, source),
    root,
  };
}

const child = process.env[CHILD];
if (child) {
  const { keep, analyse, root } = childCase(child);
  const kept = keep();
  for (let run = 0; run < 6; run++) {
    analyse();
    (globalThis as { gc?: () => void }).gc!();
    console.log(DONE);
  }
  console.log(`${kept.diagnoses.length} findings kept`);
  if (root) rmSync(root, { recursive: true, force: true });
} else {
  for (const variant of [WITH_LISTENER, WITHOUT_LISTENER, IN_CONFIGURATION])
    test(`no optimised code is thrown away when an analysis is collected: ${variant}`, () => {
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
