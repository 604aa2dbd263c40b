import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseConfig, valuePositionAt, type Entry } from '../../server/src/parser';

function entry(text: string, section = 0, index = 0) {
  return parseConfig(text).sections[section].entries[index];
}

describe('parser', () => {
  test('section header: kind, arg and ranges', () => {
    const file = parseConfig('\n[program:celery-worker]\ncommand=x\n');
    const section = file.sections[0];
    assert.equal(section.name, 'program:celery-worker');
    assert.equal(section.kind, 'program');
    assert.equal(section.arg, 'celery-worker');
    assert.deepEqual(section.headerRange, { start: { line: 1, character: 0 }, end: { line: 1, character: 23 } });
    assert.deepEqual(section.kindRange, { start: { line: 1, character: 1 }, end: { line: 1, character: 8 } });
    assert.deepEqual(section.argRange, { start: { line: 1, character: 9 }, end: { line: 1, character: 22 } });
    assert.deepEqual(section.range.end, { line: 2, character: 9 });
  });

  test('text after the last ] of a header is ignored, the name runs to the last ]', () => {
    assert.equal(parseConfig('[program:a] trailing words\nx=1').sections[0].name, 'program:a');
    assert.equal(parseConfig('[a]b]\nx=1').sections[0].name, 'a]b');
    assert.equal(parseConfig('[supervisord] ; comment ]\n').sections[0].name, 'supervisord');
  });

  test('keys fold to lower case and right-strip; the first = or : is the delimiter', () => {
    const e = entry('[a]\n  AutoStart  :  true=1 : x  \n');
    assert.equal(e.key, 'autostart');
    assert.equal(e.rawKey, 'AutoStart');
    assert.equal(e.delimiter, ':');
    assert.equal(e.value, 'true=1 : x');
    assert.deepEqual(e.keyRange, { start: { line: 1, character: 2 }, end: { line: 1, character: 11 } });
    assert.deepEqual(e.valueLines[0].range, { start: { line: 1, character: 16 }, end: { line: 1, character: 26 } });
  });

  test('columns of a key indented far or with long runs of spaces around its delimiter, and a folded key', () => {
    // Entries pack their columns into one number while they are small: these take the other way.
    const indent = ' '.repeat(5000);
    const deep = entry(`[a]\n${indent}Key=v\n`);
    assert.deepEqual(deep.keyRange, { start: { line: 1, character: 5000 }, end: { line: 1, character: 5003 } });
    assert.deepEqual(deep.delimiterRange, { start: { line: 1, character: 5003 }, end: { line: 1, character: 5004 } });
    assert.deepEqual(deep.valueLines[0].range, { start: { line: 1, character: 5004 }, end: { line: 1, character: 5005 } });
    assert.equal(deep.rawKey, 'Key');
    const spaced = entry(`[a]\nk${' '.repeat(300)}:${' '.repeat(256)}v\n`);
    assert.equal(spaced.delimiter, ':');
    assert.deepEqual(spaced.delimiterRange, { start: { line: 1, character: 301 }, end: { line: 1, character: 302 } });
    assert.deepEqual(spaced.valueLines[0].range, { start: { line: 1, character: 558 }, end: { line: 1, character: 559 } });
    const packed = entry(`[a]\n${' '.repeat(4095)}k${' '.repeat(255)}=${' '.repeat(255)}v\n`);
    assert.equal(packed.delimiter, '=');
    assert.deepEqual(packed.keyRange, { start: { line: 1, character: 4095 }, end: { line: 1, character: 4096 } });
    assert.deepEqual(packed.delimiterRange, { start: { line: 1, character: 4351 }, end: { line: 1, character: 4352 } });
    assert.deepEqual(packed.valueLines[0].range, { start: { line: 1, character: 4607 }, end: { line: 1, character: 4608 } });
    // A key whose folding changes its length keeps the written one's range.
    const folded = entry('[a]\n\u0130x = 1\n');
    assert.equal(folded.key, 'i\u0307x');
    assert.deepEqual(folded.keyRange, { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
    assert.deepEqual(folded.delimiterRange, { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } });
  });

  test('inline comments only after whitespace', () => {
    assert.equal(entry('[a]\nautostart=true;x').value, 'true;x');
    assert.equal(entry('[a]\nautostart=true ;x').value, 'true');
    assert.equal(entry('[a]\nurl=http://h/#frag').value, 'http://h/#frag');
    assert.equal(entry('[a]\nk=v\t# note').value, 'v');
    // configparser looks at the n-th occurrence of each prefix in round n: `#c` is found in round 2,
    // but `;d` qualifies in round 1 already.
    assert.equal(entry('[a]\nx=a#b #c ;d').value, 'a#b #c');
  });

  test('full-line comments, also indented, are not values', () => {
    const file = parseConfig('; top\n[a]\n  # indented\nk=v\n   ; not a continuation\n');
    assert.equal(file.sections[0].entries.length, 1);
    assert.equal(file.sections[0].entries[0].value, 'v');
    assert.equal(file.comments.length, 3);
    assert.ok(file.comments.every((c) => c.fullLine));
  });

  test('continuation lines join with newlines; blank lines inside values are kept, trailing ones dropped', () => {
    const e = entry('[program:x]\ncommand=celery\n  -A proj\n\n  worker ; c\n\nnext=1\n');
    assert.equal(e.value, 'celery\n-A proj\n\nworker');
    assert.deepEqual(
      e.valueLines.map((l) => [l.text, l.offset, l.line, l.startChar, l.endChar]),
      [
        ['celery', 0, 1, 8, 14],
        ['-A proj', 7, 2, 2, 9],
        ['', 15, 3, 0, 0],
        ['worker', 16, 4, 2, 8],
      ],
    );
    assert.deepEqual(e.range.end, { line: 4, character: 8 });
    assert.deepEqual(valuePositionAt(e, e.value.indexOf('worker')), { line: 4, character: 2 });
    assert.deepEqual(valuePositionAt(e, e.value.indexOf('proj')), { line: 2, character: 5 });
  });

  test('entries that repeat the section before, written alike or not, read as in a parse of their own', () => {
    // Entries of a key written alike share one layout and short values equal to the section before's share its
    // string: values that only start or end alike, other spacing, another delimiter, and a value that follows one of
    // several lines must each read their own text and columns.
    const text = [
      '[program:a]',
      'k=10',
      'user = app ; note',
      'w=a',
      '[program:b]',
      'k=1',
      'user = app ; note',
      'w=a',
      '   more',
      '',
      '   tail',
      '[group:c]',
      'k=100',
      'user:  app',
      'w  =a',
      '',
    ].join('\n');
    const file = parseConfig(text);
    assert.deepEqual(
      file.sections.map((section) => [section.kind, section.arg]),
      [
        ['program', 'a'],
        ['program', 'b'],
        ['group', 'c'],
      ],
    );
    const columns = (e: Entry) => [
      e.rawKey,
      e.value,
      e.keyRange.start,
      e.keyRange.end.character,
      e.delimiter,
      e.delimiterRange.start.character,
    ];
    assert.deepEqual(
      file.sections.map((section) => section.entries.map(columns)),
      [
        [
          ['k', '10', { line: 1, character: 0 }, 1, '=', 1],
          ['user', 'app', { line: 2, character: 0 }, 4, '=', 5],
          ['w', 'a', { line: 3, character: 0 }, 1, '=', 1],
        ],
        [
          ['k', '1', { line: 5, character: 0 }, 1, '=', 1],
          ['user', 'app', { line: 6, character: 0 }, 4, '=', 5],
          ['w', 'a\nmore\n\ntail', { line: 7, character: 0 }, 1, '=', 1],
        ],
        [
          ['k', '100', { line: 12, character: 0 }, 1, '=', 1],
          ['user', 'app', { line: 13, character: 0 }, 4, ':', 4],
          ['w', 'a', { line: 14, character: 0 }, 1, '=', 3],
        ],
      ],
    );
    const lines = (e: Entry) => e.valueLines.map((l) => [l.text, l.offset, l.line, l.startChar, l.endChar]);
    const [a, b, c] = file.sections;
    assert.deepEqual(lines(a.entries[1]), [['app', 0, 2, 7, 10]]);
    assert.deepEqual(lines(c.entries[1]), [['app', 0, 13, 7, 10]]);
    assert.deepEqual(lines(b.entries[2]), [
      ['a', 0, 7, 2, 3],
      ['more', 2, 8, 3, 7],
      ['', 7, 9, 0, 0],
      ['tail', 8, 10, 3, 7],
    ]);
    assert.deepEqual(b.range, { start: { line: 4, character: 0 }, end: { line: 10, character: 7 } });
    assert.deepEqual(lines(c.entries[2]), [['a', 0, 14, 4, 5]]);
    assert.deepEqual(
      file.comments.map((comment) => [comment.text, comment.range.start]),
      [
        ['; note', { line: 2, character: 11 }],
        ['; note', { line: 6, character: 11 }],
      ],
    );
  });

  test('an indented line is a continuation only when deeper than the key line', () => {
    const file = parseConfig('[a]\n  k=1\n  j=2\n    more\n');
    assert.deepEqual(
      file.sections[0].entries.map((e) => [e.key, e.value]),
      [
        ['k', '1'],
        ['j', '2\nmore'],
      ],
    );
  });

  test('malformed lines become problems with ranges and parsing goes on', () => {
    const file = parseConfig('[a]\nk=1\n  \n   junk line  \n=v\nj=2\n[program:x\nz=3');
    assert.deepEqual(
      file.problems.map((p) => [p.code, p.range.start.line, p.range.start.character, p.range.end.character]),
      [['empty-key', 4, 0, 2]],
    );
    // As the loader reads it: "   junk line" is deeper than k=1 so it continues k, and "[program:x" (no closing
    // bracket) is the key "[program" with value "x".
    assert.deepEqual(
      file.sections[0].entries.map((e) => [e.key, e.value]),
      [
        ['k', '1\n\njunk line'],
        ['', 'v'],
        ['j', '2'],
        ['[program', 'x'],
        ['z', '3'],
      ],
    );
    assert.equal(parseConfig('[a]\nk=1\njunk\n').problems[0].code, 'invalid-line');
  });

  test('empty key is reported', () => {
    const file = parseConfig('[a]\n= v\n');
    assert.deepEqual(
      file.problems.map((p) => p.code),
      ['empty-key'],
    );
  });

  test('a key is read whole when it only starts like the key that followed the previous one last time', () => {
    // The parser first looks for the key met after the previous key in the sections above, in place: keys that
    // extend it, differ in case or spacing, an empty key and a line without delimiter must read as if alone.
    const lines = ['k = 1', 'user = x', 'username = y', '= e'];
    const text = `[a]\n${lines.join('\n')}\n[b]\nk = 1\nuser = x\nusername2 = y\nusername x = y\nUSERNAME = q\n[c]\nk = 1\nuser=x\nusername\t:y\n= e\nuser\n`;
    const file = parseConfig(text);
    assert.deepEqual(
      file.sections.map((section) => section.entries.map((e) => `${e.rawKey}|${e.key}|${e.delimiter}|${e.value}`)),
      [
        ['k|k|=|1', 'user|user|=|x', 'username|username|=|y', '||=|e'],
        ['k|k|=|1', 'user|user|=|x', 'username2|username2|=|y', 'username x|username x|=|y', 'USERNAME|username|=|q'],
        ['k|k|=|1', 'user|user|=|x', 'username|username|:|y', '||=|e'],
      ],
    );
    const alone = (line: number) => entry(`[s]\n${text.split('\n')[line]}\n`);
    for (const section of file.sections)
      for (const e of section.entries) {
        const single = alone(e.keyRange.start.line);
        assert.deepEqual(
          [e.keyRange.start.character, e.keyRange.end.character],
          [single.keyRange.start.character, single.keyRange.end.character],
        );
        assert.equal(e.delimiterRange.start.character, single.delimiterRange.start.character);
        assert.equal(e.valueLines[0].startChar, single.valueLines[0].startChar);
      }
    assert.deepEqual(
      file.problems.map((p) => `${p.code}@${p.range.start.line}`),
      ['empty-key@4', 'empty-key@15', 'invalid-line@16'],
    );
  });

  test('keys learnt from earlier parses, and from more keys than are kept, read as in a parse of their own', () => {
    // Spellings are shared between parses: what one file taught must not change how the next one reads.
    const keysOf = (text: string) => parseConfig(text).sections.flatMap((s) => s.entries.map((e) => `${e.rawKey}|${e.key}|${e.value}`));
    assert.deepEqual(keysOf('[a]\ncommand = run\nuser = x\n'), ['command|command|run', 'user|user|x']);
    assert.deepEqual(keysOf('[b]\ncommand = run\nusername = y\nUser = z\n'), ['command|command|run', 'username|username|y', 'User|user|z']);
    // Keys are kept as property names are: names that mean something to objects are still plain keys.
    assert.deepEqual(keysOf('[p]\n__proto__ = a\n0 = b\nConstructor = c\n'), [
      '__proto__|__proto__|a',
      '0|0|b',
      'Constructor|constructor|c',
    ]);
    // Past the kept spellings' limit the table starts over (at the next parse); keys read the same before and after.
    const many = Array.from({ length: 5000 }, (_, i) => `key${i} = ${i}`).join('\n');
    const text = `[c]\ncommand = a\n${many}\ncommand = b\nKEY7 = c\n`;
    for (const _ of [1, 2]) {
      const read = keysOf(text);
      assert.equal(read.length, 5003);
      assert.deepEqual(read.slice(0, 2), ['command|command|a', 'key0|key0|0']);
      assert.deepEqual(read.slice(-3), ['key4999|key4999|4999', 'command|command|b', 'KEY7|key7|c']);
      assert.equal(parseConfig(text).sections[0].distinctKeys, false);
    }
  });

  test('a section knows when no key repeats; a key set again or written with a capital may', () => {
    const distinct = (text: string) => parseConfig(text).sections.map((s) => [s.name, s.distinctKeys]);
    assert.deepEqual(distinct('[a]\nx=1\ny=2\n[b]\nx=1\ny=2\nx=3\n[c]\nX=1\ny=2\n[d]\ny=1\nx=2\n[e]\n=1\n=2\n[f]\n'), [
      ['a', true],
      ['b', false],
      ['c', false],
      ['d', true],
      ['e', false],
      ['f', true],
    ]);
  });

  test('the shared key spellings keep no parsed text alive', () => {
    // Keys of 13 characters or more would be views of their whole text if the table kept the slices.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const text = (tag: string) =>
      Array.from({ length: 40_000 }, (_, i) => `[program:${tag}${i}]\nstdout_logfile_maxbytes_${tag} = 50MB\n`).join('');
    parseConfig(text('a')); // code compiled and optimised, the table's own keys in place
    gc();
    const before = process.memoryUsage().heapUsed;
    for (const tag of ['b', 'c', 'd']) parseConfig(text(tag)); // about 2 MB each, dropped at once
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    assert.ok(kept < 3_000_000, `${kept} bytes kept`); // the three texts held would be 6 MB
  });

  test('settings before any header: one problem, the rest still read', () => {
    const file = parseConfig('x=1\ny=2\n[a]\nk=v');
    assert.deepEqual(
      file.problems.map((p) => [p.code, p.range.start.line]),
      [['missing-section-header', 0]],
    );
    assert.equal(file.sections[0].entries[0].value, 'v');
  });

  test('\\r\\n, \\r and \\n all end lines', () => {
    const file = parseConfig('[a]\r\nk=1\rj=2\nm=3');
    assert.deepEqual(
      file.sections[0].entries.map((e) => [e.key, e.range.start.line]),
      [
        ['k', 1],
        ['j', 2],
        ['m', 3],
      ],
    );
    assert.deepEqual(file.lineLengths, [3, 3, 3, 3]);
  });

  test('line lengths come from the line starts, whatever the line breaks, also in a copy of the file', () => {
    const text = 'a\r\nbb\rccc\n\r\n\ndddd';
    const file = parseConfig(text);
    assert.deepEqual(file.lineStarts, [0, 3, 6, 10, 12, 13]);
    assert.deepEqual(file.lineLengths, [1, 2, 3, 0, 0, 4]);
    assert.equal(file.eol, '\r\n');
    assert.deepEqual({ ...file, sections: [] }.lineLengths, [1, 2, 3, 0, 0, 4]);
    assert.deepEqual(parseConfig('x\n').lineLengths, [1, 0]);
    assert.deepEqual(parseConfig('').lineLengths, [0]);
    assert.equal(parseConfig('x').eol, '\n');
  });

  test('UTF-16 columns after non-ASCII text', () => {
    const e = entry('[program:ü]\nkey=😀 ;x\ncommand=é --opt');
    assert.deepEqual(e.valueLines[0].range, { start: { line: 1, character: 4 }, end: { line: 1, character: 6 } });
    const c = entry('[program:ü]\nkey=😀 ;x\ncommand=é --opt', 0, 1);
    assert.deepEqual(valuePositionAt(c, 2), { line: 2, character: 10 });
  });

  test('Python whitespace: no-break space before ; starts a comment, BOM is not whitespace', () => {
    assert.equal(entry('[a]\nk=v\u00a0;c').value, 'v');
    assert.equal(parseConfig('\ufeff[a]\nk=v').problems[0]?.code, 'missing-section-header');
  });

  test('total: never throws on hostile input, and handles big inputs in one pass', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 200; i++) {
      const text = Array.from({ length: 200 }, () => String.fromCharCode(Math.floor(random() * 0x3000))).join('');
      assert.doesNotThrow(() => parseConfig(text));
    }
    const long = parseConfig(`[a]\nk=${'x;'.repeat(500_000)}`);
    assert.equal(long.sections[0].entries[0].value.length, 1_000_000);
    const continued = parseConfig(`[a]\nk=1\n${'  more\n'.repeat(20_000)}`);
    assert.equal(continued.sections[0].entries[0].valueLines.length, 20_001);
    const unterminated = parseConfig('[program:x\ncommand=y');
    assert.equal(unterminated.problems[0].code, 'missing-section-header');
  });
});
