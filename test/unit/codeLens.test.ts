// Code lens titles: processes, a Celery worker's pool · concurrency · memory limit, and the memmon limit watching it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { codeLenses } from '../../server/src/features/codeLens';

const titles = (text: string) => codeLenses(analyzeText(`[supervisord]\n${text}`, undefined)).map((l) => l.command?.title);

test('a prefork worker: limit × concurrency × processes', () => {
  assert.deepEqual(
    titles('[program:w]\ncommand=celery -A p worker -c 4 --max-memory-per-child=262144\nnumprocs=2\nprocess_name=w%(process_num)s\n'),
    ['2 processes: w0, w1  |  celery worker · pool prefork · concurrency 4 · children recycled above 256 MB (2,048 MB in all)'],
  );
  assert.deepEqual(titles('[program:w]\ncommand=celery -A p worker --max-memory-per-child=262144\n'), [
    '1 process: w  |  celery worker · pool prefork · concurrency app default (CPU count) · children recycled above 256 MB (× CPU count in all)',
  ]);
});

test('memmon checks every limit that names a process, so the smallest one shows', () => {
  const workers =
    '[program:a]\ncommand=celery -A p worker -P gevent -c 50\n\n[program:b]\ncommand=/bin/cat\n\n[program:c]\ncommand=/bin/cat\n\n';
  assert.deepEqual(titles(`${workers}[eventlistener:m]\ncommand=memmon -a 2GB -g b=1GB -p a=300MB\nevents=TICK_60\n`), [
    '1 process: a  |  celery worker · pool gevent · concurrency 50 · memmon limit 300MB',
    '1 process: b  |  memmon limit 1GB',
    '1 process: c  |  memmon limit 2GB',
    '1 process: m  |  memmon limit 2GB',
  ]);
  assert.deepEqual(
    titles(`${workers}[eventlistener:m]\ncommand=memmon -g b=1GB -a 500MB -p c=1GB -p c=3GB\nevents=TICK_60\n`).slice(0, 3),
    [
      '1 process: a  |  celery worker · pool gevent · concurrency 50 · memmon limit 500MB',
      '1 process: b  |  memmon limit 500MB',
      '1 process: c  |  memmon limit 500MB',
    ],
  );
  assert.deepEqual(
    titles(`${workers}[eventlistener:m]\ncommand=memmon -p c=1GB -p c=3GB\nevents=TICK_60\n`)[2],
    '1 process: c  |  memmon limit 3GB',
  );
  assert.deepEqual(titles(workers), [
    '1 process: a  |  celery worker · pool gevent · concurrency 50 · no memory limit',
    '1 process: b',
    '1 process: c',
  ]);
});

test('--autoscale=MAX,MIN sizes the pool instead of --concurrency: the total counts the maximum, in either order', () => {
  assert.deepEqual(titles('[program:w]\ncommand=celery -A p worker -c 2 --autoscale=10,3 --max-memory-per-child=262144\n'), [
    '1 process: w  |  celery worker · pool prefork · autoscale 3–10 · children recycled above 256 MB (2,560 MB in all)',
  ]);
  assert.deepEqual(
    titles(
      '[program:w]\ncommand=celery -A p worker --autoscale 3,10 --max-memory-per-child=262144\nnumprocs=2\nprocess_name=w%(process_num)s\n',
    ),
    ['2 processes: w0, w1  |  celery worker · pool prefork · autoscale 3–10 · children recycled above 256 MB (5,120 MB in all)'],
  );
  assert.deepEqual(titles('[program:w]\ncommand=celery -A p worker --autoscale=8 --max-memory-per-child=131072\n'), [
    '1 process: w  |  celery worker · pool prefork · autoscale 0–8 · children recycled above 128 MB (1,024 MB in all)',
  ]);
});

test('solo runs one task at a time; pools without children have no limit from a per-child one', () => {
  assert.deepEqual(titles('[program:w]\ncommand=celery -A p worker -P solo -c 8\n'), [
    '1 process: w  |  celery worker · pool solo · concurrency 1 · no memory limit',
  ]);
  for (const pool of ['threads', 'gevent', 'eventlet', 'solo']) {
    assert.deepEqual(titles(`[program:w]\ncommand=celery -A p worker -P ${pool} -c 1 --max-memory-per-child=262144\n`), [
      `1 process: w  |  celery worker · pool ${pool} · concurrency 1 · no memory limit`,
    ]);
  }
});

test('an unknown concurrency with several processes says so', () => {
  assert.deepEqual(
    titles('[program:w]\ncommand=celery -A p worker --max-memory-per-child=262144\nnumprocs=3\nprocess_name=w%(process_num)s\n'),
    [
      '3 processes: w0, w1, w2  |  celery worker · pool prefork · concurrency app default (CPU count) · children recycled above 256 MB (× CPU count × 3 in all)',
    ],
  );
});

/**
 * The lens titles of conf.d/worker.conf holding `worker`, in a configuration of /etc/supervisor/supervisord.conf
 * (`main`) including it and, when given, conf.d/worker.override.conf (read after it); and of worker.conf alone.
 */
function inConfiguration(worker: string, main: string, override?: string): { configured: unknown[]; alone: unknown[] } {
  const model = (text: string, name: string) => analyzeText(text, `/etc/supervisor/${name}`);
  const file = model(worker, 'conf.d/worker.conf');
  const configuration = [model(main, 'supervisord.conf'), file, ...(override ? [model(override, 'conf.d/worker.override.conf')] : [])];
  const titlesOf = (lenses: ReturnType<typeof codeLenses>) => lenses.map((l) => l.command?.title);
  return { configured: titlesOf(codeLenses(file, configuration)), alone: titlesOf(codeLenses(file)) };
}

const INCLUDING = '[supervisord]\n[include]\nfiles = conf.d/*.conf\n';

test('a program copied across files shows the processes of the merged section', () => {
  assert.deepEqual(
    inConfiguration(
      '[program:worker]\ncommand=/bin/cat\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)02d\n',
      INCLUDING,
      '[program:worker]\nnumprocs=3\n',
    ),
    { configured: ['3 processes: worker_00, worker_01, worker_02'], alone: ['2 processes: worker_00, worker_01'] },
  );
});

test("a conf.d program's numprocs=%(ENV_X)s is counted with the main config's environment=", () => {
  assert.deepEqual(
    inConfiguration(
      '[program:worker]\ncommand=/bin/cat\nnumprocs=%(ENV_WORKERS)s\nprocess_name=%(program_name)s_%(process_num)d\n',
      '[supervisord]\nenvironment=WORKERS="3"\n[include]\nfiles = conf.d/*.conf\n',
    ),
    { configured: ['3 processes: worker_0, worker_1, worker_2'], alone: ['1 process: worker_0'] },
  );
});

test("a Celery worker's memory in all counts the processes of its merged section", () => {
  const worker =
    '[program:worker]\ncommand=celery -A p worker -c 2 --max-memory-per-child=262144\nprocess_name=%(program_name)s_%(process_num)d\n';
  assert.deepEqual(inConfiguration(worker, INCLUDING, '[program:worker]\nnumprocs=3\n').configured, [
    '3 processes: worker_0, worker_1, worker_2  |  celery worker · pool prefork · concurrency 2 · children recycled above 256 MB (1,536 MB in all)',
  ]);
});
