// A worker's concurrency (solo, --autoscale, --concurrency) and the memory hover over --max-memory-per-child.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { workerConcurrency, workerMemory } from '../../server/src/analysis/workerMemory';
import { hover } from '../../server/src/features/hover';
import { analyzeDocument } from '../../server/src/lint';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

const program = (command: string, extra = '') =>
  analyzeText(`[supervisord]\n[program:w]\ncommand=${command}\n${extra}`, undefined).programs[0];
const concurrency = (command: string) => workerConcurrency(program(command).command!.celery!);

test('--autoscale wins over --concurrency wherever it stands; its larger number is the maximum', () => {
  assert.equal(concurrency('celery -A p worker -c 4'), 4);
  assert.equal(concurrency('celery -A p worker -c 4 --autoscale=10,3'), 10);
  assert.equal(concurrency('celery -A p worker --autoscale 3,10 --concurrency=4'), 10);
  assert.equal(concurrency('celery -A p worker --autoscale=6'), 6);
  assert.equal(concurrency('celery -A p worker -c 0'), undefined);
  assert.equal(concurrency('celery -A p worker'), undefined);
  assert.equal(concurrency('celery -A p worker --autoscale=1,2,3 -c 5'), 5, 'an autoscale Celery refuses is not guessed at');
});

test('solo runs one task at a time whatever --concurrency or --autoscale say', () => {
  assert.equal(concurrency('celery -A p worker -P solo -c 8 --autoscale=10,2'), 1);
});

test('the memory total is for prefork only, multiplied by the autoscale maximum', () => {
  assert.deepEqual(
    workerMemory(program('celery -A p worker --autoscale=10,2 --max-memory-per-child=1000', 'numprocs=2\nprocess_name=w%(process_num)s\n')),
    {
      perChildKiB: 1000,
      children: 10,
      autoscaled: true,
      processes: 2,
      totalKiB: 20000,
    },
  );
  for (const pool of ['gevent', 'eventlet', 'threads', 'solo']) {
    assert.equal(workerMemory(program(`celery -A p worker -P ${pool} -c 4 --max-memory-per-child=1000`)), undefined, pool);
  }
});

const hoverAt = (command: string, word: string, extra = '') => {
  const text = `[supervisord]\n[program:w]\ncommand=${command}\n${extra}`;
  const analysis = analyzeDocument(text, undefined, DEFAULT_SETTINGS);
  const result = hover(analysis, { line: 2, character: 'command='.length + command.indexOf(word) + 1 });
  return result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
};

test('hover over --max-memory-per-child: children for prefork, the autoscale maximum, no multiplication elsewhere', () => {
  assert.match(
    hoverAt('celery -A p worker --autoscale=10,2 --max-memory-per-child=262144', '--max'),
    /\n\n262,144 KiB = 256 MB per child: a child whose peak memory has gone above it is replaced after its task\. 256 MB × 10 \(the --autoscale maximum\) children × 1 process = 2,560 MB in all\. Not a cap: a child can grow past it during a task, and each worker's main process comes on top\.$/,
  );
  assert.match(
    hoverAt('celery -A p worker --max-memory-per-child=262144', '--max'),
    /256 MB × one child per CPU \(unless the app sets worker_concurrency\) × 1 process in all\./,
  );
  const threads = hoverAt('celery -A p worker -P threads -c 8 --max-memory-per-child=262144', '--max');
  assert.match(
    threads,
    /\n\n262,144 KiB = 256 MB\. ⚠ The `threads` pool ignores this limit: it runs its tasks without child processes to replace\.$/,
  );
});
