// Rename writes a new name into headers, `programs=` lists and memmon's -p/-g words: it refuses names that would not
// read back as one name in each of those places, and names that are already taken.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ResponseError } from 'vscode-languageserver';
import { unwritableName } from '../../server/src/analysis/references';
import { prepareRename, references, rename, type Navigation } from '../../server/src/features/navigation';
import { analyzeDocument } from '../../server/src/lint';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { applyEdits } from '../helpers/edits';

const URI = 'file:///etc/supervisor/supervisord.conf';
const CONFIG = [
  '[supervisord]',
  '[program:web]', // 1: the name at (1, 10)
  'command=/srv/app/run.sh',
  '[program:worker]',
  'command=celery -A proj worker -l info',
  '[group:site]',
  'programs=web, worker',
  '[eventlistener:memmon]',
  'command=memmon -p web=200MB -g site=1GB',
  'events=TICK_60',
  '',
].join('\n');

const navigation = (text: string): Navigation => ({
  modelled: analyzeDocument(text, '/etc/supervisor/supervisord.conf', DEFAULT_SETTINGS),
  uri: URI,
});
const WEB = { line: 1, character: 10 };

function renamed(text: string, newName: string): string {
  const edit = rename(navigation(text), WEB, newName);
  assert.ok(edit?.changes);
  return applyEdits(text, edit.changes[URI]);
}

function refusal(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof ResponseError, String(error));
    return error.message;
  }
  assert.fail('not refused');
}

test('names that break a header, a programs= list or a memmon word are refused, with the reason', () => {
  const refused: [string, RegExp][] = [
    ['', /empty/],
    ['a b', /whitespace/],
    ['a\tb', /whitespace/],
    ['a\nb', /whitespace/],
    ['a\rb', /whitespace/],
    ['a\u00a0b', /whitespace/],
    ['a\u0007b', /control/],
    ['a:b', /refuses it/],
    ['a/b', /refuses it/],
    ['a,b', /programs= list/],
    ['w%x', /expands %/],
    ['a=b', /NAME=SIZE/],
    ['a\\b', /shell line/],
    ['a"b', /shell line/],
    ["a'b", /shell line/],
    [';a', /comment/],
    ['#a', /comment/],
  ];
  for (const [name, reason] of refused) {
    assert.match(unwritableName(name) ?? '', reason, JSON.stringify(name));
    assert.match(
      refusal(() => rename(navigation(CONFIG), WEB, name)),
      /^Invalid name: /,
    );
  }
  for (const name of ['web_1', 'celery-worker', 'a.b', 'a;b', 'a#b', 'é', 'a]b', 'API2'])
    assert.equal(unwritableName(name), undefined, name);
});

test('where a value prints a name with %c (one character), only a one-character name is taken', () => {
  const text = CONFIG.replace('command=/srv/app/run.sh', 'command=/srv/app/run.sh --tag %(program_name)c');
  assert.match(
    refusal(() => rename(navigation(text), WEB, 'api')),
    /prints a program or group name with %c/,
  );
  assert.match(renamed(text, 'a'), /^\[program:a\]$/m);
});

test('names that pass are written everywhere and supervisord reads them back as the same name', () => {
  const names = ['a;b', 'a#b', 'é-1', 'x]y', 'web.v2'];
  const texts = names.map((name) => renamed(CONFIG, name));
  assert.equal(
    texts[0],
    CONFIG.replace('[program:web]', '[program:a;b]').replace('programs=web,', 'programs=a;b,').replace('-p web=', '-p a;b='),
  );
  const input = JSON.stringify([CONFIG, ...texts].map((text) => ({ text, as_include: false })));
  const run = spawnSync('/usr/bin/python3', ['test/conformance/loader.py', '--batch'], { input, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const verdicts = JSON.parse(run.stdout) as { accepted: boolean; message: string | null }[];
  verdicts.forEach((v, i) => assert.ok(v.accepted, `${names[i - 1] ?? 'original'}: ${v.message}`));
  // Our analysis finds the renamed program at the same three places.
  for (const text of texts) assert.equal(references(navigation(text), WEB, true).length, 3, text);
});

test('renaming onto another program, listener or group is refused; keeping the name is not', () => {
  for (const taken of ['worker', 'memmon', 'site']) {
    assert.match(
      refusal(() => rename(navigation(CONFIG), WEB, taken)),
      new RegExp(`${taken} already names a program or group`),
    );
  }
  assert.equal(renamed(CONFIG, 'web'), CONFIG);
});

test('a name holding % cannot be renamed: values may spell it %%', () => {
  const text = '[supervisord]\n[program:w%x]\ncommand=/bin/cat\n[group:g]\nprograms=w%%x\n';
  assert.match(
    refusal(() => prepareRename(navigation(text), WEB)),
    /contains "%"/,
  );
  assert.match(
    refusal(() => rename(navigation(text), WEB, 'wx')),
    /contains "%"/,
  );
});
