// Process names matched by their template must be exactly the names supervisord prints: each table row is what
// Python 3 prints for `process_name % expansions` (generated once with /usr/bin/python3, for process numbers
// -12, -1, 0, 7, 10, 99, 255 and 1000), and the matcher must agree with the listed names on every near miss.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { buildProcessIndex } from '../../server/src/analysis/processIndex';
import { MAX_PROCESS_NAMES_PER_PROGRAM } from '../../server/src/analysis/limits';
import { closest } from '../../server/src/util/closest';
import { findings, applyFix } from '../helpers/lint';

const NUMBERS = [-12, -1, 0, 7, 10, 99, 255, 1000];
const PYTHON: [string, string[]][] = [
  ['w_%(process_num)d', ['w_-12', 'w_-1', 'w_0', 'w_7', 'w_10', 'w_99', 'w_255', 'w_1000']],
  ['w_%(process_num)02d', ['w_-12', 'w_-1', 'w_00', 'w_07', 'w_10', 'w_99', 'w_255', 'w_1000']],
  ['w_%(process_num)3d', ['w_-12', 'w_ -1', 'w_  0', 'w_  7', 'w_ 10', 'w_ 99', 'w_255', 'w_1000']],
  ['w_%(process_num)-3d|', ['w_-12|', 'w_-1 |', 'w_0  |', 'w_7  |', 'w_10 |', 'w_99 |', 'w_255|', 'w_1000|']],
  ['%(process_num)x', ['-c', '-1', '0', '7', 'a', '63', 'ff', '3e8']],
  ['%(process_num)#x', ['-0xc', '-0x1', '0x0', '0x7', '0xa', '0x63', '0xff', '0x3e8']],
  ['%(process_num)#06X', ['-0X00C', '-0X001', '0X0000', '0X0007', '0X000A', '0X0063', '0X00FF', '0X03E8']],
  ['w%(process_num)o', ['w-14', 'w-1', 'w0', 'w7', 'w12', 'w143', 'w377', 'w1750']],
  ['w%(process_num)#o', ['w-0o14', 'w-0o1', 'w0o0', 'w0o7', 'w0o12', 'w0o143', 'w0o377', 'w0o1750']],
  ['w%(process_num)+d', ['w-12', 'w-1', 'w+0', 'w+7', 'w+10', 'w+99', 'w+255', 'w+1000']],
  ['w%(process_num).3d', ['w-012', 'w-001', 'w000', 'w007', 'w010', 'w099', 'w255', 'w1000']],
  ['w%(process_num)5.3d', ['w -012', 'w -001', 'w  000', 'w  007', 'w  010', 'w  099', 'w  255', 'w 1000']],
  ['%(program_name)s%(process_num)s', ['w-12', 'w-1', 'w0', 'w7', 'w10', 'w99', 'w255', 'w1000']],
  ['%(process_num)5s', ['  -12', '   -1', '    0', '    7', '   10', '   99', '  255', ' 1000']],
  ['%(process_num)-4r|', ['-12 |', '-1  |', '0   |', '7   |', '10  |', '99  |', '255 |', '1000|']],
  ['%(process_num)i_%(group_name)s', ['-12_g', '-1_g', '0_g', '7_g', '10_g', '99_g', '255_g', '1000_g']],
  ['%(process_num)u', ['-12', '-1', '0', '7', '10', '99', '255', '1000']],
  ['w%%_%(process_num)d%%', ['w%_-12%', 'w%_-1%', 'w%_0%', 'w%_7%', 'w%_10%', 'w%_99%', 'w%_255%', 'w%_1000%']],
];

/** Program w of group g, process numbers -12 … 1000. */
const program = (template: string, numprocs = 1013, start = -12) =>
  analyzeText(`[group:g]\nprograms=w\n[program:w]\ncommand=x\nnumprocs=${numprocs}\nnumprocs_start=${start}\nprocess_name=${template}\n`)
    .programs[0];

/** Texts one slip away from a name: padding, zeros and signs added or taken away, a neighbour's number. */
function nearMisses(name: string): string[] {
  const misses = [`0${name}`, `${name}0`, ` ${name}`, `${name} `, name.replace(/\d/, '0$&'), name.replace(/0(\d)/, '$1')];
  misses.push(
    name.replace(/ /, ''),
    name.replace(/-/, ''),
    name.replace(/\d+/, (d) => String(Number(d) + 1)),
    name.toUpperCase(),
  );
  return misses.filter((m) => m !== name);
}

describe('process names matched by their process_name template', () => {
  for (const [template, expected] of PYTHON) {
    test(template, () => {
      const names = program(template).processNames!;
      assert.ok(names.prefix !== undefined, 'matched by its template, not listed');
      assert.equal(names.count, 1013);
      const listed = new Set(names.first(names.count));
      NUMBERS.forEach((n, i) => {
        assert.equal(names.at(n + 12), expected[i], `process ${n}`);
        assert.ok(names.has(expected[i]), expected[i]);
        for (const miss of nearMisses(expected[i])) assert.equal(names.has(miss), listed.has(miss), JSON.stringify(miss));
      });
    });
  }

  test('numbers outside numprocs_start … numprocs_start + numprocs - 1 are no process', () => {
    const names = program('w_%(process_num)02d', 3, 5)!.processNames!;
    assert.deepEqual(names.first(10), ['w_05', 'w_06', 'w_07']);
    assert.deepEqual(
      ['w_04', 'w_05', 'w_07', 'w_08', 'w_7', 'w_007', 'w_+7', 'w_ 7', 'w_0x7', 'w_'].map((n) => names.has(n)),
      [false, true, true, false, false, false, false, false, false, false],
    );
  });

  test('a template without %(process_num) names every process alike', () => {
    const names = program('%(program_name)s', 1, 0)!.processNames!;
    assert.deepEqual([names.count, names.first(5), names.has('w'), names.has('w0')], [1, ['w'], true, false]);
  });

  test('templates whose number cannot be read back are listed', () => {
    for (const template of ['w_%(process_num)d_%(process_num)d', 'w_%(process_num).1s', 'w_%(process_num)c', 'w_%s_%(process_num)d']) {
      const names = program(template, 3, 1)!.processNames!;
      assert.equal(names.prefix, undefined, template);
      assert.equal(names.count, 3, template);
    }
    assert.deepEqual(program('w_%(process_num)d_%(process_num)03d', 2, 1).processNames!.first(2), ['w_1_001', 'w_2_002']);
  });
});

test('files that share process_name templates get their own names, past the number of templates kept for all files', () => {
  // 300 templates of their own in each of two files (the templates every model shares are emptied past 256), the
  // second file's programs named and numbered otherwise: each process named as its own file says.
  const file = (prefix: string, start: number) =>
    Array.from(
      { length: 300 },
      (_, i) =>
        `[program:${prefix}${i}]\ncommand=x\nnumprocs=2\nnumprocs_start=${start}\nprocess_name=t${i}_%(program_name)s_%(process_num)02d\n`,
    ).join('');
  for (const [prefix, start] of [
    ['a', 0],
    ['b', 7],
    ['a', 0],
  ] as const) {
    const programs = analyzeText(file(prefix, start)).programs;
    assert.equal(programs.length, 300);
    programs.forEach((p, i) => {
      const expected = [
        `t${i}_${prefix}${i}_${String(start).padStart(2, '0')}`,
        `t${i}_${prefix}${i}_${String(start + 1).padStart(2, '0')}`,
      ];
      assert.deepEqual(p.processNames!.first(5), expected, p.name);
      assert.ok(!p.processNames!.has(`t${i}_${prefix}${i}_${String(start + 2).padStart(2, '0')}`), p.name);
    });
  }
});

describe('past MAX_PROCESS_NAMES_PER_PROGRAM', () => {
  const config = (numprocs: string, template: string, memmon = '', start = '0') =>
    `[supervisord]\n\n[program:w]\ncommand=/srv/bin/work\nnumprocs=${numprocs}\nnumprocs_start=${start}\nprocess_name=${template}\n\n` +
    `[eventlistener:memmon]\ncommand=memmon ${memmon}\nevents=TICK_60\n`;

  test('a template with one number: matched by it, and the count is reported', () => {
    const model = analyzeText(config('1000000', '%(program_name)s_%(process_num)d'));
    assert.equal(model.programs[0].processNames!.count, 1_000_000);
    assert.ok(model.programs[0].processNames!.has('w_999999') && !model.programs[0].processNames!.has('w_1000000'));
    assert.deepEqual(
      model.limits.map((l) => l.message),
      [
        `[program:w] numprocs=1000000: 1,000,000 processes, matched by their process_name pattern; completion and fixes list at most ${MAX_PROCESS_NAMES_PER_PROGRAM.toLocaleString('en')} names per program`,
      ],
    );
  });

  test('a template that cannot be read back: its names are not checked, and the finding says so', () => {
    const model = analyzeText(config('20000', 'w_%(process_num)d_%(process_num)d'));
    assert.equal(model.programs[0].processNames, undefined);
    assert.deepEqual(
      model.limits.map((l) => l.message),
      [
        '[program:w] numprocs=20000: this process_name cannot be matched by its pattern and the analysis lists at most 10,000 process names per program, so names of this program are not checked',
      ],
    );
  });

  test('process numbers past 2**53 are not counted on', () => {
    const model = analyzeText(config('2', 'w_%(process_num)d', '', '9007199254740992'));
    assert.equal(model.programs[0].processNames, undefined);
    assert.deepEqual(
      model.limits.map((l) => [l.range.start.line, l.message]),
      [
        [
          5,
          '[program:w] process numbers reach past 9,007,199,254,740,991, beyond what the analysis counts exactly, so names of this program are not checked',
        ],
      ],
    );
  });

  test('memmon/unknown-process on a million processes: real names pass, typos are found and fixed', () => {
    const memmon = '-p w_7=1GB -p w_999999=1GB -p w_1000000=1GB -p w_01=1GB -p W_12a=1GB -p x_5=1GB';
    const text = config('1000000', '%(program_name)s_%(process_num)d', memmon);
    const line = text.split('\n')[9];
    const found = findings(text, 'memmon/unknown-process');
    assert.deepEqual(
      found.map((f) => [line.slice(f.range.start.character, f.range.end.character), f.fixes.map((x) => x.title)]),
      [
        ['w_1000000', ['Change to "w_100000"']],
        ['w_01', ['Change to "w_0"']],
        ['W_12a', ['Change to "w_12"']],
        ['x_5', ['Change to "w_5"']],
      ],
    );
    assert.equal(applyFix(text, 'memmon/unknown-process'), text.replace('-p w_1000000=', '-p w_100000='));
  });

  test('the process index answers for templated programs without listing them', () => {
    const model = analyzeText(`[group:g]\nprograms=w\n${config('1000000', '%(program_name)s_%(process_num)d')}`);
    const index = buildProcessIndex([model], true);
    assert.ok(index.complete);
    assert.ok(index.hasProcess('w_123456') && !index.hasProcess('w_-1') && index.hasProcess('memmon'));
    assert.ok(
      index.hasQualifiedProcess('g:w_123456') && !index.hasQualifiedProcess('w:w_123456') && !index.hasQualifiedProcess('g:memmon'),
    );
    assert.equal(index.processNames().length, MAX_PROCESS_NAMES_PER_PROGRAM + 1);
  });
});

test('closestProcess skips programs only when they cannot win: same answer as asking every program', () => {
  let seed = 3;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(from: ArrayLike<T>): T => from[Math.floor(random() * from.length)];
  const prefixes = Array.from({ length: 40 }, (_, i) => `${pick('wq')}${pick('ebx')}${pick('b-')}-${i % 7}${pick('_-')}`);
  const sections = prefixes.map(
    (prefix, i) =>
      `[program:p${i}]\ncommand=x\nnumprocs=${pick('15') === '1' ? 3 : 500}\nprocess_name=${prefix}%(process_num)0${pick('123')}d\n`,
  );
  const model = analyzeText(`[supervisord]\n${sections.join('')}`);
  const index = buildProcessIndex([model], true);
  for (let round = 0; round < 300; round++) {
    const word = `${pick('wqeb')}${pick('ebwx')}${pick('b-e')}${pick('-_')}${Math.floor(random() * 700)}${pick(['', '_', 'x'])}`;
    const everyProgram = closest(
      word,
      model.programs.flatMap((p) => p.processNames!.near(word)),
    );
    assert.deepEqual(index.closestProcess(word), everyProgram, word);
  }
});

test('closestProcess over prefixes that nest and share their starts, listed names and case: same answer as asking every program', () => {
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(from: ArrayLike<T>): T => from[Math.floor(random() * from.length)];
  const stem = () => Array.from({ length: Math.floor(random() * 6) }, () => pick('wWorke-1_')).join('');
  // Templates with one number (a prefix, nested in others or equal to one), without a number (the name alone), and with
  // two (listed names, compared with every word); the same prefix again in a later program tests ties.
  const processName = (prefix: string) =>
    pick([`${prefix}%(process_num)d`, `${prefix}%(process_num)02dx`, prefix || 'p', `${prefix}%(process_num)d_%(process_num)d`]);
  for (let file = 0; file < 20; file++) {
    const prefixes = Array.from({ length: 30 }, () => stem());
    const sections = prefixes.map((prefix, i) => {
      const name = processName(prefix);
      const numprocs = name.includes('%') ? pick([1, 3, 200]) : 1;
      return `[program:p${i}]\ncommand=x\nnumprocs=${numprocs}\nprocess_name=${name}\n`;
    });
    const model = analyzeText(`[supervisord]\n${sections.join('')}`);
    const index = buildProcessIndex([model], true);
    for (let round = 0; round < 40; round++) {
      const word = `${stem()}${pick(['', '1', '07', '12', '_3', '199'])}${pick(['', 'x', 'W'])}`;
      const everyProgram = closest(
        word,
        model.programs.flatMap((p) => p.processNames?.near(word) ?? []),
      );
      assert.deepEqual(index.closestProcess(word), everyProgram, `${word} in\n${sections.join('')}`);
      // Within a reach: the same name when it is that near, else none.
      for (const reach of [0, 1, 2, 3])
        assert.deepEqual(
          index.closestProcess(word, reach),
          everyProgram && everyProgram.distance <= reach ? everyProgram : undefined,
          `${word} within ${reach}`,
        );
    }
  }
});
