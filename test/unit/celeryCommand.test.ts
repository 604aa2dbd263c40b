// `celery [global options] SUBCOMMAND [options]` read as Celery's click parser reads it: arity from the option tables,
// placement before/after the subcommand, every spelling of an option.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { parseCeleryCommand, parseCeleryWorker, type CeleryCommand } from '../../server/src/analysis/celery';
import { isPythonFloat } from '../../server/src/analysis/pythonFloat';
import { completion } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import { analyzeDocument } from '../../server/src/lint';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { splitShellWords } from '../../server/src/analysis/shellWords';
import { unwrapCommand } from '../../server/src/analysis/unwrap';
import { CELERY_BEAT_OPTIONS, CELERY_GLOBAL_OPTIONS, CELERY_WORKER_OPTIONS, type CeleryOptionSpec } from '../../server/src/schema';

// The words of the service the command runs (python -m celery starts at `celery`), as the analysis reads them.
const parse = (text: string) => parseCeleryCommand(unwrapCommand(text, splitShellWords(text).words).words)!;
/** Each option as `flag=value@placement/scope`, in order. */
const summary = (command: CeleryCommand) =>
  command.options.map((o) => `${o.flag}${o.value === undefined ? '' : `=${o.value}`}@${o.placement}/${o.scope}`);

describe('parseCeleryCommand', () => {
  test('any subcommand, or none', () => {
    for (const [text, subcommand, index] of [
      ['celery -A proj worker -l info', 'worker', 3],
      ['celery -A proj beat -l info', 'beat', 3],
      ['celery --app=proj multi start w1 -c 3', 'multi', 2],
      ['/srv/venv/bin/celery -b redis:// flower --port=5555', 'flower', 3],
      ['python3 -m celery --workdir /srv/app -A proj events', 'events', 5],
      ['celery -A proj', undefined, undefined],
    ] as [string, string | undefined, number | undefined][]) {
      const command = parse(text);
      assert.deepEqual([command.subcommand, command.subcommandIndex], [subcommand, index], text);
    }
    assert.equal(parseCeleryCommand(splitShellWords('gunicorn -w 3 app:wsgi').words), undefined);
  });

  test('a flag never takes the next word: -D, -B, -E, -q, -C before -l or the subcommand', () => {
    assert.deepEqual(summary(parse('celery -A proj worker -D -l info')), [
      '-A=proj@before/global',
      '-D@after/worker',
      '-l=info@after/worker',
    ]);
    assert.deepEqual(summary(parse('celery -q -C worker -B -E -c 2')), [
      '-q@before/global',
      '-C@before/global',
      '-B@after/worker',
      '-E@after/worker',
      '-c=2@after/worker',
    ]);
    assert.deepEqual(summary(parse('celery --skip-checks worker --without-gossip --purge -l info')), [
      '--skip-checks@before/global',
      '--without-gossip@after/worker',
      '--purge@after/worker',
      '-l=info@after/worker',
    ]);
    assert.equal(parse('celery --skip-checks worker').subcommand, 'worker');
  });

  test('an option taking a value takes the next word whatever it looks like', () => {
    assert.deepEqual(summary(parse('celery worker -n -l')), ['-n=-l@after/worker']);
    assert.deepEqual(summary(parse('celery -b -A worker')), ['-b=-A@before/global']);
    assert.equal(parse('celery -b -A worker').subcommand, 'worker');
  });

  test('global options after the subcommand and subcommand options before it keep their arity', () => {
    const misplaced = parse('celery -l info -A proj worker -b redis:// --workdir /srv -q -c 2');
    assert.equal(misplaced.subcommand, 'worker');
    assert.deepEqual(summary(misplaced), [
      '-l=info@before/worker',
      '-A=proj@before/global',
      '-b=redis://@after/global',
      '--workdir=/srv@after/global',
      '-q@after/global',
      '-c=2@after/worker',
    ]);
  });

  test('beat has its own table: -S is the scheduler there, the state database in a worker; beat has no -D', () => {
    assert.equal(
      parse('celery -A p beat -S django_celery_beat.schedulers:DatabaseScheduler').get('scheduler')?.value,
      'django_celery_beat.schedulers:DatabaseScheduler',
    );
    assert.equal(parse('celery -A p worker -S /var/lib/state').get('statedb')?.value, '/var/lib/state');
    assert.equal(parse('celery -A p beat -D').get('detach'), undefined);
    assert.equal(parse('celery -A p beat --detach').get('detach')?.scope, 'beat');
  });

  test('after another subcommand, global and worker options are still read (multi hands them to its nodes)', () => {
    assert.deepEqual(summary(parse('celery multi start w1 -A proj -l info')), ['-A=proj@after/global', '-l=info@after/worker']);
  });

  test('every spelling: --opt=value, --opt value, -X value, -Xvalue, clusters, aliases', () => {
    for (const spelling of ['--pool=gevent', '--pool gevent', '-P gevent', '-Pgevent', '-EPgevent', '-EP gevent']) {
      const pool = parse(`celery -A p worker ${spelling}`).get('pool');
      assert.equal(pool?.value, 'gevent', spelling);
    }
    assert.deepEqual(summary(parse('celery worker -EBPsolo')), ['-E@after/worker', '-B@after/worker', '-P=solo@after/worker']);
    assert.deepEqual(summary(parse('celery worker --events --discard --schedule /tmp/s')), [
      '--events@after/worker',
      '--discard@after/worker',
      '--schedule=/tmp/s@after/worker',
    ]);
    assert.deepEqual(
      (['taskEvents', 'purge', 'schedule'] as const).map(
        (name) => parse('celery worker --events --discard --schedule /tmp/s').get(name)?.spec.long,
      ),
      ['--task-events', '--purge', '--schedule-filename'],
    );
  });

  test('which short flags share their word', () => {
    const cluster = (text: string) => parse(text).options.map((o) => `${o.flag}:${o.inCluster}`);
    assert.deepEqual(cluster('celery worker -EB -D -Pgevent -EP gevent'), [
      '-E:true',
      '-B:true',
      '-D:false',
      '-P:false',
      '-E:true',
      '-P:true',
    ]);
  });

  test('an option needing a value at the end of the line has none', () => {
    const level = parse('celery -A p worker -l').get('loglevel')!;
    assert.deepEqual([level.value, level.wordCount, level.valueStart], [undefined, 1, undefined]);
  });

  test("the pool keeps its case: Celery's choices are case-sensitive", () => {
    assert.equal(parseCeleryWorker(splitShellWords('celery worker -P GEVENT').words)?.pool(), 'GEVENT');
    assert.equal(parseCeleryWorker(splitShellWords('celery worker -P processes').words)?.pool(), 'prefork');
    assert.equal(parseCeleryWorker(splitShellWords('celery -A p beat').words), undefined);
  });

  test('option offsets, also inside clusters', () => {
    const text = 'celery -A proj worker -EPgevent --time-limit=300';
    const [, events, pool, limit] = parse(text).options;
    assert.deepEqual(
      [text.slice(events.flagStart, events.flagEnd), text.slice(pool.flagStart, pool.flagEnd), text.slice(pool.valueStart, pool.valueEnd)],
      ['-E', 'P', 'gevent'],
    );
    assert.deepEqual([text.slice(limit.flagStart, limit.flagEnd), text.slice(limit.valueStart, limit.valueEnd)], ['--time-limit', '300']);
  });
});

describe('Celery option tables', () => {
  const flags = (list: readonly CeleryOptionSpec[]) => list.flatMap((o) => [o.long, o.short, ...(o.aliases ?? [])].filter(Boolean));
  test('the global options of celery/bin/celery.py, and no flag twice in a table', () => {
    assert.deepEqual(
      flags(CELERY_GLOBAL_OPTIONS).sort(),
      [
        '--app',
        '--broker',
        '--config',
        '--loader',
        '--no-color',
        '--quiet',
        '--result-backend',
        '--skip-checks',
        '--version',
        '--workdir',
        '-A',
        '-C',
        '-b',
        '-q',
      ].sort(),
    );
    for (const list of [CELERY_GLOBAL_OPTIONS, CELERY_WORKER_OPTIONS, CELERY_BEAT_OPTIONS])
      assert.equal(new Set(flags(list)).size, flags(list).length);
  });
  test('no global flag is a worker or beat flag, so placement decides', () => {
    const global = new Set(flags(CELERY_GLOBAL_OPTIONS));
    assert.deepEqual(
      [...flags(CELERY_WORKER_OPTIONS), ...flags(CELERY_BEAT_OPTIONS)].filter((f) => global.has(f)),
      [],
    );
  });
  test('choices have values, typed options take a value', () => {
    for (const o of [...CELERY_GLOBAL_OPTIONS, ...CELERY_WORKER_OPTIONS, ...CELERY_BEAT_OPTIONS]) {
      if (o.type) assert.ok(o.value, o.long);
      if (o.type === 'choice') assert.ok(o.values?.length, o.long);
    }
  });
});

test("isPythonFloat agrees with Python's float(), which click's FLOAT type calls", () => {
  const cases = [
    '1',
    '1.5',
    '.5',
    '5.',
    '1e3',
    '1E-3',
    '-2',
    ' 3 ',
    '+1_000.5',
    'inf',
    '-Infinity',
    'NaN',
    '1._5',
    '1e',
    'e3',
    'ten',
    '1.5x',
    '',
    '.',
    '1__0',
    '_1',
    '300s',
    '0x10',
    '١٢',
  ];
  const script =
    'import json,sys\ndef ok(s):\n  try: float(s); return True\n  except ValueError: return False\nprint(json.dumps([ok(s) for s in json.load(sys.stdin)]))';
  const python = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
  assert.equal(python.status, 0, python.stderr);
  assert.deepEqual(
    cases.map((c) => isPythonFloat(c)),
    JSON.parse(python.stdout),
  );
});

describe('completion and hover read the option tables by placement', () => {
  const at = (text: string, marker = '|') => {
    const offset = text.indexOf(marker);
    const before = text.slice(0, offset);
    const clean = before + text.slice(offset + marker.length);
    const position = { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
    return { analysis: analyzeDocument(clean, undefined, DEFAULT_SETTINGS), position };
  };
  const labels = (text: string) => {
    const { analysis, position } = at(text);
    return completion(analysis, position, { snippets: false }).map((i) => i.label);
  };

  test('global options before the subcommand, worker or beat options after it', () => {
    const before = labels('[program:w]\ncommand=celery -A proj --| worker -l info\n');
    assert.ok(before.includes('--broker') && before.includes('--workdir'), before.join());
    assert.ok(!before.includes('--app') && !before.includes('--loglevel'), before.join());
    const worker = labels('[program:w]\ncommand=celery -A proj worker -l info --|\n');
    assert.ok(worker.includes('--pool') && worker.includes('--detach'), worker.join());
    assert.ok(!worker.includes('--app') && !worker.includes('--loglevel') && !worker.includes('--max-interval'), worker.join());
    const beat = labels('[program:b]\ncommand=celery -A proj beat --|\n');
    assert.ok(beat.includes('--max-interval') && beat.includes('--scheduler') && !beat.includes('--pool'), beat.join());
    assert.deepEqual(labels('[program:f]\ncommand=celery -A proj flower --|\n'), []);
  });

  test('values of choice options, written with = or as the next word', () => {
    // The cursor in the blank between a flag and the next option (trailing blanks are not part of a value).
    assert.deepEqual(labels('[program:w]\ncommand=celery -A proj worker -O |  -c 4\n'), ['default', 'fair']);
    assert.deepEqual(labels('[program:w]\ncommand=celery -A proj worker --loglevel=|\n'), [
      'info',
      'warning',
      'error',
      'critical',
      'debug',
      'fatal',
    ]);
    assert.deepEqual(labels('[program:w]\ncommand=celery -A proj worker -c |  -l info\n'), []);
  });

  test('hover names the option under the cursor, in clusters too, and warns when it is misplaced', () => {
    const hoverText = (text: string) => {
      const { analysis, position } = at(text);
      const contents = hover(analysis, position)?.contents;
      return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
    };
    assert.match(hoverText('[program:w]\ncommand=celery -A proj worker -EPge|vent\n'), /\*\*-P, --pool\*\*/);
    assert.match(hoverText('[program:w]\ncommand=celery -A proj worker -|EPgevent\n'), /\*\*-E, --task-events\*\*/);
    assert.match(
      hoverText('[program:w]\ncommand=celery worker -|A proj\n'),
      /A global option: Celery accepts it only before the subcommand/,
    );
    assert.match(
      hoverText('[program:w]\ncommand=celery -|l info worker\n'),
      /A worker option: Celery accepts it only after the subcommand/,
    );
  });
});
