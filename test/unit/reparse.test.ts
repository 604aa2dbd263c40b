// reparseConfig against parseConfig: chains of random edits on every fixture and on generated shapes must give the
// same structure, position for position, as parsing the edited text from scratch; and sections the edit does not
// touch must be the previous objects, moved when the edit added or removed lines.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseConfig, reparseConfig, type ConfigFile, type Entry, type Section } from '../../server/src/parser';

/** Everything a ConfigFile tells, as plain data (ranges are getters on the nodes). */
function dump(file: ConfigFile) {
  const entry = (e: Entry) => ({
    key: e.key,
    rawKey: e.rawKey,
    keyRange: e.keyRange,
    delimiter: e.delimiter,
    delimiterRange: e.delimiterRange,
    value: e.value,
    range: e.range,
    valueLines: e.valueLines.map((l) => ({
      text: l.text,
      offset: l.offset,
      range: l.range,
      line: l.line,
      startChar: l.startChar,
      endChar: l.endChar,
    })),
  });
  const section = (s: Section) => ({
    name: s.name,
    kind: s.kind,
    arg: s.arg,
    headerRange: s.headerRange,
    nameRange: s.nameRange,
    kindRange: s.kindRange,
    argRange: s.argRange,
    range: s.range,
    entries: s.entries.map(entry),
  });
  return {
    sections: file.sections.map(section),
    comments: file.comments.map((c) => ({ text: c.text, fullLine: c.fullLine, range: c.range })),
    problems: file.problems.map((p) => ({ ...p })),
    lineStarts: [...file.lineStarts],
    lineLengths: [...file.lineLengths],
    eol: file.eol,
  };
}

function prng(seed: number) {
  return (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
}

// Lines chosen for the chunk logic: column-0 and indented headers, `[` lines that are no headers, continuation
// lines (with comments, blank lines between them), lines before any header, tabs and non-ASCII text.
const LINES = [
  '[program:a]',
  '[supervisord]',
  '[a]b] ; x',
  '  [program:indented]',
  '\t[tabbed]',
  '[x',
  '[]',
  '[ ;x]',
  'command=celery -A proj worker',
  'k = v ; comment',
  'k=v#not',
  'Key: value',
  '=v',
  'no delimiter',
  '  continued',
  '    deeper ; c',
  '\tcont',
  '',
  '   ',
  '; comment',
  '  # indented comment',
  'ключ=значение é',
  'k=v\u00a0;c',
];
const BREAKS = ['\n', '\n', '\n', '\r\n', '\r'];
const PIECES = ['\n', '\r\n', '\r', '[', ']', ';', '#', ' ', '  ', '\t', '=', ':', 'x', 'é', '[a]', '\n[b]\n', '\n  c', 'k=v\n'];

function generated(random: (n: number) => number): string {
  const lines = Array.from({ length: 1 + random(25) }, () => LINES[random(LINES.length)]);
  return lines.map((line) => line + BREAKS[random(BREAKS.length)]).join('') + (random(2) ? 'tail=1' : '');
}

/** One random edit: an insertion, deletion or replacement, at a random offset or at a line start. */
function edit(text: string, random: (n: number) => number): string {
  let at = random(text.length + 1);
  if (random(3) === 0) {
    const lineStart = Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1;
    at = lineStart;
  }
  const removed = random(3) === 0 ? 0 : random(4) === 0 ? random(60) : 1 + random(3);
  const inserted = random(3) === 0 ? '' : PIECES[random(PIECES.length)];
  return text.slice(0, at) + inserted + text.slice(Math.min(text.length, at + removed));
}

function fixtures(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.conf'))
    .map((path) => readFileSync(join(dir, path), 'utf8'));
}

function checkChain(start: string, steps: number, random: (n: number) => number): void {
  let text = start;
  let file = parseConfig(text);
  for (let step = 0; step < steps; step++) {
    const next = edit(text, random);
    file = reparseConfig(file, text, next);
    text = next;
    // Dumping reads every entry's value lines, which are made on first read: skip some steps so that nodes whose
    // lines were never read get moved too.
    if (random(2) === 0 || step === steps - 1)
      assert.deepEqual(dump(file), dump(parseConfig(text)), `after step ${step}: ${JSON.stringify(text)}`);
  }
}

describe('reparseConfig', () => {
  test('chains of random edits on every fixture parse like the edited text', () => {
    const random = prng(2024);
    const texts = fixtures('test/fixtures');
    assert.ok(texts.length > 100, `only ${texts.length} fixtures found`);
    for (const text of texts) checkChain(text, 12, random);
  });

  test('chains of random edits on generated shapes parse like the edited text', () => {
    const random = prng(7);
    for (let i = 0; i < 400; i++) checkChain(generated(random), 25, random);
  });

  const text = '[supervisord]\nlogfile=/x\n\n[program:a]\ncommand=a\n  --flag ; c\n\n[program:b]\ncommand=b\n\n[program:c]\ncommand=c\n';

  test('an edit inside one section keeps every other section object', () => {
    const before = parseConfig(text);
    const [supervisord, a, b, c] = before.sections;
    const edited = text.replace('command=b', 'command=bb');
    const after = reparseConfig(before, text, edited);
    assert.equal(after.sections.length, 4);
    assert.equal(after.sections[0], supervisord);
    assert.equal(after.sections[1], a);
    assert.notEqual(after.sections[2], b);
    assert.equal(after.sections[2].entries[0].value, 'bb');
    assert.equal(after.sections[3], c);
  });

  test('sections after an edit that adds lines are the same objects, moved down', () => {
    const before = parseConfig(text);
    const [supervisord, a, , c] = before.sections;
    const comment = before.comments[0];
    const edited = text.replace('command=a\n', 'command=a\n  --more\n\n  --and-more\n');
    const after = reparseConfig(before, text, edited);
    assert.equal(after.sections[0], supervisord);
    assert.notEqual(after.sections[1], a);
    assert.equal(after.sections[3], c);
    assert.deepEqual(c.headerRange, { start: { line: 13, character: 0 }, end: { line: 13, character: 11 } });
    assert.deepEqual(c.entries[0].valueLines[0].range, { start: { line: 14, character: 8 }, end: { line: 14, character: 9 } });
    assert.notEqual(after.comments[0], comment, 'the comment of the edited section is parsed again');
    assert.deepEqual(after.comments[0].range, { start: { line: 8, character: 9 }, end: { line: 8, character: 12 } });
    assert.deepEqual(dump(after), dump(parseConfig(edited)));
  });

  test('the continuation lines of a section moved by an edit above it move with their entry', () => {
    const multi = '[a]\nk=1\nm=3\n[b]\ncommand=celery\n  -A proj\n\n  worker\n';
    const before = parseConfig(multi);
    const b = before.sections[1];
    // Read before the edit as well: the lines of a value on several lines are kept (callers look offsets up in them
    // once per word, which made a fresh array per read quadratic), so the kept first line must move too.
    const lines = b.entries[0].valueLines;
    assert.equal(b.entries[0].valueLines, lines);
    const edited = multi.replace('k=1\n', 'k=1\nj=2\n\n');
    const after = reparseConfig(before, multi, edited);
    assert.equal(after.sections[1], b);
    assert.equal(b.entries[0].valueLines, lines);
    assert.deepEqual(
      lines.map((l) => [l.text, l.line]),
      [
        ['celery', 6],
        ['-A proj', 7],
        ['', 8],
        ['worker', 9],
      ],
    );
    assert.deepEqual(b.entries[0].range, { start: { line: 6, character: 0 }, end: { line: 9, character: 8 } });
    assert.deepEqual(dump(after), dump(parseConfig(edited)));
  });

  test('an edit before an indented header re-parses it with the column-0 section it may now continue', () => {
    const indented = '[a]\nk\n  [b]\nx=1\n[c]\ny=2\n';
    const before = parseConfig(indented);
    assert.deepEqual(
      before.sections.map((s) => s.name),
      ['a', 'b', 'c'],
    );
    const edited = indented.replace('k\n', 'k=v\n');
    const after = reparseConfig(before, indented, edited);
    assert.deepEqual(
      after.sections.map((s) => s.name),
      ['a', 'c'],
    );
    assert.deepEqual(
      after.sections[0].entries.map((e) => [e.key, e.value]),
      [
        ['k', 'v\n[b]'],
        ['x', '1'],
      ],
    );
    assert.equal(after.sections[1], before.sections[2]);
  });

  test('an edit after an indented header re-parses from that header, keeping the section above it', () => {
    const indented = '[a]\nk\n  [b]\nx=1\n[c]\ny=2\n';
    const before = parseConfig(indented);
    const [a, b, c] = before.sections;
    const after = reparseConfig(before, indented, indented.replace('x=1', 'x=2'));
    assert.equal(after.sections[0], a);
    assert.notEqual(after.sections[1], b);
    assert.equal(after.sections[1].entries[0].value, '2');
    assert.equal(after.sections[2], c);
  });
});
