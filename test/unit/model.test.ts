import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText, updateModel } from '../../server/src/analysis/model';
import { buildProcessIndex } from '../../server/src/analysis/processIndex';

test('repeated sections merge into the first, the last value of a key wins, DEFAULT fills gaps', () => {
  const model = analyzeText('[DEFAULT]\nnumprocs=3\n[program:a]\ncommand=x\n[program:b]\ncommand=y\n[program:a]\ncommand=z\nnumprocs=1\n');
  const a = model.section('program:a')!;
  assert.equal(a.nodes.length, 2);
  assert.equal(model.lookup(a, 'command')!.value, 'z');
  assert.deepEqual(
    model.programs.map((p) => [p.name, p.numprocs]),
    [
      ['a', 1],
      ['b', 3],
    ],
  );
});

test('process names follow process_name, numprocs and numprocs_start', () => {
  const model = analyzeText('[program:w]\ncommand=x\nnumprocs=3\nnumprocs_start=1\nprocess_name=%(program_name)s-%(process_num)02d\n');
  assert.deepEqual(model.programs[0].processNames?.first(10), ['w-01', 'w-02', 'w-03']);
  const hostDependent = analyzeText('[program:w]\ncommand=x\nprocess_name=%(ENV_NAME)s\n');
  assert.equal(hostDependent.programs[0].processNames, undefined);
});

test('numprocs=%(ENV_X)s counts as [supervisord] environment= sets X, and follows an edit of it', () => {
  const text = (workers: string) =>
    `[supervisord]\nenvironment=WORKERS="${workers}"\n\n[program:w]\ncommand=/bin/cat\nnumprocs=%(ENV_WORKERS)s\nprocess_name=%(program_name)s_%(process_num)s\n\n[program:other]\ncommand=/bin/cat\n`;
  const names = (model: ReturnType<typeof analyzeText>) => [...buildProcessIndex([model], true).processNames()];
  let model = analyzeText(text('3'));
  assert.equal(model.programs[0].numprocs, 3);
  assert.deepEqual(names(model).sort(), ['other', 'w_0', 'w_1', 'w_2']);
  // The edit is in [supervisord] alone: the program sections are kept, but their numprocs read the new value.
  model = updateModel(model, text('2'));
  assert.equal(model.programs[0].numprocs, 2);
  assert.deepEqual(names(model).sort(), ['other', 'w_0', 'w_1']);
  // Set only in the server's environment: one process, as before.
  assert.equal(analyzeText('[program:w]\ncommand=/bin/cat\nnumprocs=%(ENV_WORKERS)s\n').programs[0].numprocs, 1);
});

test('group membership and the process index', () => {
  const model = analyzeText(
    '[supervisord]\n[group:site]\nprograms=web, api\n[program:web]\ncommand=a\n[program:api]\ncommand=b\n[program:solo]\ncommand=c\n[eventlistener:ev]\ncommand=d\nevents=TICK_5\n',
  );
  assert.deepEqual(
    model.programs.map((p) => [p.name, p.groupName]),
    [
      ['web', 'site'],
      ['api', 'site'],
      ['solo', 'solo'],
      ['ev', 'ev'],
    ],
  );
  assert.deepEqual(
    model.groups[0].members.map((m) => [m.name, m.range.start.character]),
    [
      ['web', 9],
      ['api', 14],
    ],
  );
  const index = buildProcessIndex([model], true);
  // memmon's -p matches bare process names only; group:name is kept apart for memmon/group-qualified-name.
  assert.ok(index.hasProcess('web') && index.hasProcess('solo') && index.hasProcess('ev'));
  assert.ok(!index.hasProcess('site:web') && !index.hasProcess('solo:solo'));
  assert.ok(index.hasQualifiedProcess('site:web') && index.hasQualifiedProcess('solo:solo') && !index.hasQualifiedProcess('solo:web'));
  assert.ok(index.hasGroup('site') && index.hasGroup('solo') && !index.hasGroup('web'));
});

test('a file without [supervisord] is a fragment; section kinds are case-sensitive', () => {
  const model = analyzeText('[Program:x]\ncommand=y\n');
  assert.ok(model.isFragment);
  assert.deepEqual(model.programs, []);
});

test("a section's entries answer as the loader's map does: last value wins, keys in first-seen order, any spelling", () => {
  const model = analyzeText(
    [
      '[program:lone]\ncommand=a\nuser=app\n',
      '[program:again]\nuser=a\ncommand=b\nuser=c\n',
      '[program:caps]\nUser=a\ncommand=b\nuser=c\n',
      '[program:split]\ncommand=a\n[program:other]\nuser=x\n[program:split]\nuser=b\ncommand=c\n[program:split]\nstartsecs=3\n',
      '[program:empty]\n',
    ].join(''),
  );
  const absent = 'stopsignal';
  for (const section of model.sections) {
    const loader = new Map(section.nodes.flatMap((node) => node.entries.map((entry) => [entry.key, entry] as const)));
    assert.deepEqual([...section.entries], [...loader], section.name);
    assert.deepEqual([...section.entries.values()], [...loader.values()], section.name);
    assert.equal(section.entries.size, loader.size, section.name);
    for (const key of [...loader.keys(), absent]) {
      assert.equal(section.entries.get(key), loader.get(key), `${section.name} ${key}`);
      assert.equal(section.entries.has(key), loader.has(key), `${section.name} ${key}`);
    }
  }
  const value = (name: string, key: string) => model.section(name)!.entries.get(key)?.value;
  assert.deepEqual(
    [value('program:again', 'user'), value('program:caps', 'user'), value('program:split', 'user'), value('program:split', 'command')],
    ['c', 'c', 'b', 'c'],
  );
  assert.equal(model.section('program:split')!.nodes.length, 3);
});

test('sections that write the same keys in the same order, or orders that share their first keys, each read their own entries', () => {
  const keys = ['command', 'user', 'directory', 'numprocs', 'startsecs', 'stopsignal', 'environment', 'priority'];
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const sections: string[] = [];
  for (let i = 0; i < 300; i++) {
    // A few orders, many times each, and some cut short: paths through the same keys that end at different places.
    const order = [...keys].sort((a, b) => ((a.length * (i % 3)) % 5) - ((b.length * (i % 3)) % 5) || a.localeCompare(b));
    const written = order.slice(0, 1 + Math.floor(random() * order.length));
    sections.push(`[program:p${i}]\n${written.map((key) => `${key}=${key}-${i}`).join('\n')}\n`);
    // A section of more keys than a shared order holds: it gets a map of its own between the others.
    if (i === 150) sections.push(`[program:long]\n${Array.from({ length: 70_000 }, (_, k) => `key${k}=${k}`).join('\n')}\n`);
  }
  const model = analyzeText(sections.join(''));
  for (const section of model.sections) {
    const written = new Map(section.nodes[0].entries.map((entry) => [entry.key, entry]));
    for (const key of [...keys, 'key0', 'key69999', 'absent'])
      assert.equal(section.entries.get(key), written.get(key), `${section.name} ${key}`);
  }
  assert.equal(model.section('program:long')!.entries.get('key69999')!.value, '69999');
});
