import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { expand, expandNames, expansionRefs, mayHavePositionalSpec, positionalSpecs, Template } from '../../server/src/analysis/expand';

const VALUES = new Map<string, string | number>([
  ['program_name', 'worker'],
  ['process_num', 7],
  ['here', '/etc/supervisor'],
  ['group_name', 'w'],
]);

test('expands names with Python conversions', () => {
  assert.deepEqual(expand('%(program_name)s_%(process_num)02d', VALUES), { ok: true, value: 'worker_07' });
  assert.deepEqual(expand('%(process_num)s|%(process_num)3d|%(process_num)-3d|%%', VALUES), { ok: true, value: '7|  7|7  |%' });
  assert.deepEqual(expand('no specs', VALUES), { ok: true, value: 'no specs' });
});

test('unknown names and malformed specs are reported with offsets', () => {
  assert.deepEqual(expand('a %(ENV_HOME)s', VALUES), { ok: false, kind: 'unknown-name', name: 'ENV_HOME', start: 2, end: 14 });
  assert.equal(expand('50%', VALUES).ok, false);
  assert.equal(expand('%(program_name)d', VALUES).ok, false);
  assert.equal(expand('%(program_name', VALUES).ok, false);
  assert.equal(expand('100% done', VALUES).ok, false);
  // `% s` is a positional %s with the space flag: Python inserts the mapping, so it is no error.
  assert.equal(expand('100% sure', VALUES).ok, true);
});

test('refs lists every named spec', () => {
  assert.deepEqual(expansionRefs('%(here)s/%%/%(process_num)02d x%'), [
    { name: 'here', start: 0, end: 8, conversion: 's' },
    { name: 'process_num', start: 12, end: 29, conversion: 'd' },
  ]);
});

test('agrees with Python on a set of templates, including positional specs that take the mapping itself', () => {
  const templates = [
    '%(program_name)s',
    '%(process_num)02d',
    '%(process_num)5s',
    '%(program_name)-10s|',
    '%(process_num)+d',
    '%(process_num)x',
    '%(process_num)#x|%(process_num)#o|%(process_num)#06X',
    '%(process_num).3d|%(process_num)-5.3d|%(process_num)05.3d',
    '%%(x)s',
    '%(program_name).3s',
    'date +%s',
    '%r',
    '%.3s|%(here)s',
    '%s %s',
    '%(here)s %s',
    '%d',
    '%c',
    '%Y',
    '50%',
    '%(nope)s',
    '%(here)d',
    // Python 3.11: a literal % is %% alone, and one length modifier at most.
    '%5%',
    '%-%',
    '%.2%',
    '%(program_name)%',
    '%(process_num)ld|%(process_num)hd|%(program_name)Ls',
    '%(process_num)lld',
    '%(process_num)hhd',
    // %c takes one character or a character's number.
    '%(group_name)c|%(group_name)3c|%(group_name)-3c|',
    '%(program_name)c',
    '%(process_num)c',
  ];
  const script = [
    'import json,sys',
    "v={'program_name':'worker','process_num':7,'here':'/etc/supervisor','group_name':'w'}",
    'def run(t):',
    '    try: return t % v',
    '    except Exception: return None',
    'print(json.dumps([run(t) for t in json.load(sys.stdin)]))',
  ].join('\n');
  const run = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(templates), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const expected = JSON.parse(run.stdout) as (string | null)[];
  templates.forEach((t, i) => {
    const result = expand(t, VALUES);
    assert.deepEqual(result.ok ? result.value : null, expected[i], t);
  });
});

/** `count` texts of under `maxLength` characters drawn from `alphabet`, the same ones for the same seed. */
function* randomTexts(alphabet: readonly string[], seed: number, count: number, maxLength: number): Generator<string> {
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < count; n++) {
    let text = '';
    for (let k = Math.floor(random() * maxLength); k > 0; k--) text += alphabet[Math.floor(random() * alphabet.length)];
    yield text;
  }
}

test('mayHavePositionalSpec is true wherever positionalSpecs finds one, and false on names and %% alone', () => {
  assert.equal(mayHavePositionalSpec('%(program_name)s_%(process_num)02d -n w@%%h'), false);
  assert.equal(mayHavePositionalSpec('%(a%s)s'), true); // conservative: the %s inside the name
  assert.equal(mayHavePositionalSpec('%%%s'), true);
  assert.equal(mayHavePositionalSpec('%5%%s'), true);
  // Random templates over the characters that shape specs: never false where a positional spec exists.
  const alphabet = ['%', '%', '(', ')', 's', 'd', '5', '-', ' ', '.', 'x', 'a'];
  let surelyNone = 0;
  for (const template of randomTexts(alphabet, 12345, 50_000, 10)) {
    const found = positionalSpecs(template).length > 0;
    if (found) assert.equal(mayHavePositionalSpec(template), true, template);
    if (!mayHavePositionalSpec(template) && template.includes('%')) surelyNone++;
  }
  assert.ok(surelyNone > 1000, 'the check rules out many templates with a %');
});

test('a template read once expands each set of values as a fresh reading does, failures included', () => {
  const other = new Map<string, string | number>([
    ['program_name', 'beat'],
    ['process_num', 12],
  ]);
  const templates = [
    '%(program_name)s_%(process_num)02d',
    '%(here)s/%%/%s',
    '%(process_num)d %(program_name)d',
    'a %(here)s 50%',
    '%(program_name)s at 50%',
  ];
  for (const text of templates) {
    const template = new Template(text);
    const first = template.expand(VALUES);
    assert.deepEqual(first, expand(text, VALUES), text);
    // A caller changing a failure it was given does not change the next one.
    if (!first.ok) first.start = -1;
    assert.deepEqual(template.expand(other), expand(text, other), text);
  }
  assert.deepEqual(new Template('%(program_name)s_%(process_num)02d').expand(other), { ok: true, value: 'beat_12' });
});

test('an open template gives each program its own text around one shared number field', () => {
  const template = new Template('%(program_name)s-%(process_num)03d.log');
  const worker = template.open('process_num', VALUES);
  const beat = template.open('process_num', new Map([['program_name', 'beat']]));
  assert.ok(worker?.ok && beat?.ok);
  assert.deepEqual([worker.before, worker.after, beat.before, beat.after], ['worker-', '.log', 'beat-', '.log']);
  assert.equal(worker.field, beat.field);
  assert.equal(worker.field?.print(7), '007');
  // Read back only when the number shows exactly once and nothing prints the whole mapping.
  assert.equal(new Template('%(process_num)d-%(process_num)d').open('process_num', VALUES), undefined);
  assert.equal(new Template('%s %(process_num)d').open('process_num', VALUES), undefined);
  assert.equal(new Template('%(process_num).1s').open('process_num', VALUES), undefined);
  assert.deepEqual(new Template('%(nope)s_%(process_num)d').open('process_num', VALUES), {
    ok: false,
    kind: 'unknown-name',
    name: 'nope',
    start: 0,
    end: 8,
  });
});

test('the one-pass expansion gives what reading the template piece by piece gives, or leaves it to that reading', () => {
  // Random templates over the characters that shape specs: flags, widths, precisions, names, positional specs.
  const alphabet = [
    '%',
    '%',
    '%(program_name)',
    '%(process_num)',
    '%(nope)',
    '(',
    ')',
    's',
    'd',
    'x',
    'X',
    'o',
    'r',
    'c',
    '0',
    '5',
    '-',
    '+',
    ' ',
    '#',
    '.',
    'a',
  ];
  let expanded = 0;
  for (const text of randomTexts(alphabet, 4242, 30_000, 8)) {
    const pieces = new Template(text).expand(VALUES);
    const value = expandNames(text, VALUES);
    if (value === undefined) continue;
    expanded++;
    assert.deepEqual(pieces, { ok: true, value }, text);
  }
  assert.ok(expanded > 3000, 'many templates take the one pass');
});
