import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { parseCeleryWorker, type CeleryOptionName } from '../../server/src/analysis/celery';
import { parseByteSize } from '../../server/src/analysis/byteSize';
import { parseMemmon } from '../../server/src/analysis/memmon';
import { splitShellWords } from '../../server/src/analysis/shellWords';
import { unwrapCommand } from '../../server/src/analysis/unwrap';

const words = (text: string) => splitShellWords(text).words;
/** The words of the program a command line really runs, as the parsers get them. */
const service = (text: string) => unwrapCommand(text, words(text)).words;

describe('splitShellWords', () => {
  test('keeps raw offsets and removes quotes and escapes', () => {
    const text = `a "b c" d'e'f \\g "h\\"i" 'j\\k'`;
    assert.deepEqual(
      words(text).map((w) => [w.value, text.slice(w.start, w.end), w.verbatim]),
      [
        ['a', 'a', true],
        ['b c', '"b c"', false],
        ['def', "d'e'f", false],
        ['g', '\\g', false],
        ['h"i', '"h\\"i"', false],
        ['j\\k', "'j\\k'", false],
      ],
    );
  });
  test('cuts a line with only spaces between its words at the spaces', () => {
    assert.deepEqual(
      words('  celery  -A proj worker --pool=gevent ').map((w) => [w.value, w.start, w.end, w.verbatim]),
      [
        ['celery', 2, 8, true],
        ['-A', 10, 12, true],
        ['proj', 13, 17, true],
        ['worker', 18, 24, true],
        ['--pool=gevent', 25, 38, true],
      ],
    );
    assert.deepEqual(words('   '), []);
    assert.deepEqual(words(''), []);
  });
  test('reports what shlex refuses', () => {
    assert.equal(splitShellWords('celery "worker').error?.message, 'No closing quotation');
    assert.equal(splitShellWords("celery 'worker").error?.offset, 7);
    assert.equal(splitShellWords('celery worker \\').error?.message, 'No escaped character');
  });
  test('agrees with Python shlex.split on random command lines', () => {
    const pieces = [
      'a',
      'bc',
      ' ',
      '  ',
      '\t',
      '\n',
      '"',
      "'",
      '\\',
      '\\"',
      '"x y"',
      "'p q'",
      '#',
      ';',
      '=',
      'é',
      '$HOME',
      '-P',
      '--pool=gevent',
    ];
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const lines = Array.from({ length: 400 }, () => Array.from({ length: 1 + random(12) }, () => pieces[random(pieces.length)]).join(''));
    const script =
      'import json,shlex,sys\nout=[]\nfor s in json.load(sys.stdin):\n  try: out.append(shlex.split(s))\n  except ValueError as e: out.append(str(e))\nprint(json.dumps(out))';
    const python = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(lines), encoding: 'utf8' });
    assert.equal(python.status, 0, python.stderr);
    const expected = JSON.parse(python.stdout) as (string[] | string)[];
    lines.forEach((line, i) => {
      const split = splitShellWords(line);
      assert.deepEqual(split.error ? split.error.message : split.words.map((w) => w.value), expected[i], JSON.stringify(line));
    });
  });
});

describe('parseCeleryWorker', () => {
  const option = (command: string, name: CeleryOptionName) => parseCeleryWorker(service(command))?.get(name)?.value;

  test('recognises the ways a worker is started', () => {
    for (const command of [
      'celery -A proj worker',
      '/srv/venv/bin/celery worker -A proj',
      'python -m celery -A proj worker',
      'python3.11 -u -m celery --app=proj worker',
      '/usr/bin/python3 -mcelery -b redis:// worker',
      'env DJANGO_SETTINGS_MODULE=x celery -A proj worker',
    ]) {
      assert.ok(parseCeleryWorker(service(command)), command);
    }
    for (const command of [
      'celery -A proj beat',
      'celery -A proj flower worker',
      'python manage.py celery worker',
      'gunicorn worker',
      'celeryd worker',
      'python -m pip worker',
    ]) {
      assert.equal(parseCeleryWorker(service(command)), undefined, command);
    }
  });
  test('reads every spelling of the options', () => {
    for (const spelling of ['--pool=gevent', '--pool gevent', '-P gevent', '-Pgevent', '-EPgevent']) {
      assert.equal(parseCeleryWorker(service(`celery -A p worker ${spelling}`))?.pool(), 'gevent', spelling);
    }
    for (const [spelling, name, value] of [
      ['-c 10', 'concurrency', '10'],
      ['-c10', 'concurrency', '10'],
      ['--concurrency=10', 'concurrency', '10'],
      ['--concurrency 10', 'concurrency', '10'],
      ['-l info', 'loglevel', 'info'],
      ['-lINFO', 'loglevel', 'INFO'],
      ['--loglevel=debug', 'loglevel', 'debug'],
      ['--loglevel warning', 'loglevel', 'warning'],
      ['--max-memory-per-child=1000', 'maxMemoryPerChild', '1000'],
      ['--max-memory-per-child 1000', 'maxMemoryPerChild', '1000'],
      ['--max-tasks-per-child=50', 'maxTasksPerChild', '50'],
      ['--max-tasks-per-child 50', 'maxTasksPerChild', '50'],
      ['-A other', 'app', 'other'],
      ['-Aother', 'app', 'other'],
      ['--app=other', 'app', 'other'],
      ['--app other', 'app', 'other'],
    ] as [string, CeleryOptionName, string][]) {
      assert.equal(option(`celery worker ${spelling}`, name), value, spelling);
    }
  });
  test('the last occurrence wins, the pool defaults to prefork and values of other options are skipped', () => {
    assert.equal(parseCeleryWorker(service('celery worker -P gevent -P solo'))?.pool(), 'solo');
    assert.equal(parseCeleryWorker(service('celery worker'))?.pool(), 'prefork');
    assert.equal(parseCeleryWorker(service('celery worker -P processes'))?.pool(), 'prefork');
    assert.equal(option('celery worker -n -l', 'loglevel'), undefined);
    assert.equal(option('celery worker -Q -c', 'concurrency'), undefined);
    assert.equal(option('celery -b -l worker', 'loglevel'), undefined);
    assert.equal(option('celery worker -- -l info', 'loglevel'), undefined);
  });
  test('offsets of flags and values, inside clusters and quoted words', () => {
    const text = 'celery worker -EPgevent "--max-memory-per-child=9" -l info';
    const worker = parseCeleryWorker(service(text))!;
    const pool = worker.get('pool')!;
    assert.deepEqual([text.slice(pool.flagStart, pool.flagEnd), text.slice(pool.valueStart, pool.valueEnd)], ['P', 'gevent']);
    const concurrency = parseCeleryWorker(service('celery worker -c10 --concurrency=5'))!.options.map((o) => [
      o.flagStart,
      o.flagEnd,
      o.valueStart,
    ]);
    assert.deepEqual(concurrency, [
      [14, 16, 16],
      [19, 32, 33],
    ]);
    const memory = worker.get('maxMemoryPerChild')!;
    assert.equal(text.slice(memory.valueStart, memory.valueEnd), '"--max-memory-per-child=9"');
    const level = worker.get('loglevel')!;
    assert.deepEqual([level.firstWord, level.wordCount, text.slice(level.valueStart, level.valueEnd)], [4, 2, 'info']);
  });
});

describe('parseMemmon', () => {
  const limits = (command: string) => parseMemmon(service(command))?.limits.map((l) => [l.kind, l.name, l.size, l.malformed !== undefined]);

  test('recognises memmon and reads -p, -g and -a in getopt spellings', () => {
    assert.deepEqual(limits('memmon -p web=1GB -pworker=200MB --program=a=1 --prog b=2 -g g=3 --group=h=4 -a 5 --any=6 -c -n name'), [
      ['program', 'web', '1GB', false],
      ['program', 'worker', '200MB', false],
      ['program', 'a', '1', false],
      ['program', 'b', '2', false],
      ['group', 'g', '3', false],
      ['group', 'h', '4', false],
      ['any', undefined, '5', false],
      ['any', undefined, '6', false],
    ]);
    assert.ok(parseMemmon(service('/srv/venv/bin/memmon -a 1GB')));
    assert.ok(parseMemmon(service('python3 -m superlance.memmon -a 1GB')));
    assert.equal(parseMemmon(service('memmonitor -a 1GB')), undefined);
  });
  test('stops at the first non-option like getopt, and records errors', () => {
    assert.deepEqual(limits('memmon -a 1GB extra -p x=1'), [['any', undefined, '1GB', false]]);
    assert.equal(parseMemmon(service('memmon -x -p a=1'))?.error?.message, 'option -x not recognized');
    assert.equal(parseMemmon(service('memmon -p'))?.error?.message, 'option -p requires argument');
    assert.match(parseMemmon(service('memmon --=x'))?.error?.message ?? '', /not a unique prefix/);
    assert.equal(parseMemmon(service('memmon --bogus'))?.error?.message, 'option --bogus not recognized');
    assert.equal(parseMemmon(service('memmon --help=1'))?.error?.message, 'option --help must not have an argument');
  });
  test('NAME=SIZE with no or several "=" is malformed', () => {
    assert.deepEqual(limits('memmon -p web -p a=b=c'), [
      ['program', 'web', '', true],
      ['program', 'a', 'b=c', true],
    ]);
  });
  test('name and size offsets', () => {
    const text = 'memmon -pweb=1GB --group "w x=2MB"';
    const [p, g] = parseMemmon(service(text))!.limits;
    assert.deepEqual([text.slice(p.nameStart, p.nameEnd), text.slice(p.sizeStart, p.sizeEnd), p.verbatim], ['web', '1GB', true]);
    assert.deepEqual([text.slice(g.nameStart, g.nameEnd), g.verbatim], ['"w x=2MB"', false]);
  });
  test('sizes as supervisor byte_size reads them', () => {
    assert.equal(parseByteSize('512MB'), 512 * 1024 ** 2);
    assert.equal(parseByteSize('1gb'), 1024 ** 3);
    assert.equal(parseByteSize('10Kb'), 10240);
    assert.equal(parseByteSize('1_000'), 1000);
    for (const bad of ['1.5GB', '512M', 'MB', '', 'ten', '5 TB']) assert.equal(parseByteSize(bad), undefined, bad);
  });
});

test('memmon: -c anywhere in the options, where getopt stops, and %% in names', () => {
  const memmon = (text: string) => parseMemmon(words(text))!;
  assert.equal(memmon('memmon -cp a=1GB').cumulative, true);
  assert.equal(memmon('memmon --cumul -p a=1GB').cumulative, true);
  assert.equal(memmon('memmon -p a=1GB').cumulative, false);
  const stray = memmon('memmon -p a=512 MB -g b=1GB');
  assert.deepEqual([stray.limits.length, stray.lastOptionWord, stray.firstArgument], [1, 2, 3]);
  const dashes = memmon('memmon -p a=1GB -- -g b=1GB');
  assert.deepEqual([dashes.limits.length, dashes.lastOptionWord, dashes.firstArgument], [1, 2, 4]);
  assert.equal(memmon('memmon -p w%%1=1GB').limits[0].name, 'w%1');
});
