// The shared edit helpers of the rules' fixes: what they insert must be read by supervisord's own parser exactly as
// meant, whatever the indentation around it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { parseConfig } from '../../server/src/parser';
import { readCommandLine } from '../../server/src/analysis/commandLine';
import { escapeForValue, insertLinesAfter, removeSectionLines, replaceWords } from '../../server/src/rules/edits';
import { applyEdits } from '../helpers/edits';

type Read = { sections: [string, [string, string][]][] };

/** What supervisord's UnhosedConfigParser reads from each text. */
function configParserViews(texts: string[]): Read[] {
  const run = spawnSync('/usr/bin/python3', ['test/tools/configparser_dump.py'], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Read[];
}

function loaderVerdicts(texts: string[]): { accepted: boolean; message: string | null }[] {
  const input = JSON.stringify(texts.map((text) => ({ text, as_include: false })));
  const run = spawnSync('/usr/bin/python3', ['test/conformance/loader.py', '--batch'], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

const insertAfter = (text: string, line: number, lines: string) => applyEdits(text, [insertLinesAfter(parseConfig(text), line, lines)]);

test('a line inserted in front of an indented header is indented like the key it follows', () => {
  const text = '[supervisord]\n  logfile=/tmp/s.log\n[program:a]\n  command=celery -A proj worker\n  [program:b]\n  command=/bin/cat\n';
  const fixed = insertAfter(text, 3, 'stopwaitsecs=600');
  assert.equal(
    fixed,
    '[supervisord]\n  logfile=/tmp/s.log\n[program:a]\n  command=celery -A proj worker\n  stopwaitsecs=600\n  [program:b]\n  command=/bin/cat\n',
  );
  // Without the indent the header would continue the new value: "invalid literal for int(): '600\n[program:b]...'".
  const unindented = text.replace('worker\n', 'worker\nstopwaitsecs=600\n');
  const [original, withFix, broken] = loaderVerdicts([text, fixed, unindented]);
  assert.ok(original.accepted && withFix.accepted, withFix.message ?? '');
  assert.equal(broken.accepted, false);
});

test('after a header with no keys, the inserted line takes the indent of the next header', () => {
  const text = '[supervisord]\n    [program:b]\n    command=/bin/cat\n';
  assert.equal(insertAfter(text, 0, 'nodaemon=true'), '[supervisord]\n    nodaemon=true\n    [program:b]\n    command=/bin/cat\n');
});

test('every line of an inserted section is indented, and CRLF and a missing final line break are kept', () => {
  const text = '[program:a]\r\n\tcommand=/bin/cat\r\n\t[program:b]\r\n\tcommand=/bin/cat';
  const section = ['', '[eventlistener:memmon]', 'command=memmon -p a=200MB', 'events=TICK_60'].join('\r\n');
  assert.equal(
    insertAfter(text, 1, section),
    '[program:a]\r\n\tcommand=/bin/cat\r\n\r\n [eventlistener:memmon]\r\n command=memmon -p a=200MB\r\n events=TICK_60\r\n\t[program:b]\r\n\tcommand=/bin/cat',
  );
  assert.equal(insertAfter(text, 3, 'autostart=false'), `${text}\r\n autostart=false`);
});

test('an unindented file gets unindented lines', () => {
  assert.equal(
    insertAfter('[program:a]\ncommand=/bin/cat\n; note\n\n[program:b]\n', 2, 'stopwaitsecs=600'),
    '[program:a]\ncommand=/bin/cat\n; note\nstopwaitsecs=600\n\n[program:b]\n',
  );
});

test('ConfigParser reads an inserted key in its section and everything else as before, for any indentation', () => {
  const layouts = [
    '[program:a]\ncommand=/bin/cat\n[program:b]\ncommand=/bin/cat\n',
    '[program:a]\n  command=/bin/cat\n  [program:b]\n  command=/bin/cat\n',
    '  [program:a]\n  command=/bin/cat\n    --flag\n\n  ; trailing comment\n  [program:b]\n  command=/bin/cat\n',
    '[program:a]\n\tcommand=/bin/cat\n\n\t[program:b]\n\tcommand=/bin/cat\n\t  [program:c]\n\t  command=/bin/cat',
    '[supervisord]\n   [program:b]\n   command=/bin/cat\n',
    '[supervisord]\n[program:b]\n     command=/bin/cat\n  [program:c]\n  command=x\n',
  ];
  const cases: { text: string; fixed: string; section: string }[] = [];
  for (const text of layouts) {
    for (const section of parseConfig(text).sections) {
      cases.push({ text, fixed: insertAfter(text, section.range.end.line, 'stopwaitsecs=600'), section: section.name });
    }
  }
  const views = configParserViews(cases.flatMap((c) => [c.text, c.fixed]));
  cases.forEach(({ fixed, section }, i) => {
    const expected = views[2 * i].sections.map(([name, keys]): [string, [string, string][]] => [
      name,
      name === section ? [...keys, ['stopwaitsecs', '600']] : keys,
    ]);
    assert.deepEqual(views[2 * i + 1].sections, expected, `inserting into [${section}] misread:\n${fixed}`);
  });
});

test('ConfigParser reads every other section as before once a section is deleted, for any layout', () => {
  const layouts = [
    '[program:a]\ncommand=/bin/cat\n[include]\nfiles=x/*.conf\n[program:b]\ncommand=/bin/cat\n',
    '[include]\nfiles = a/*.conf\n  b/*.conf\n\n  ; between\n\n[program:b]\ncommand=/bin/cat\n',
    '  [program:a]\n  command=/bin/cat\n    --flag\n\n  ; trailing comment\n  [include]\n  files=x\n\n\n  [program:c]\n  command=/bin/cat',
    '[program:a]\r\ncommand=/bin/cat\r\n\r\n[supervisorctl]\r\nserverurl=unix:///run/s.sock',
    '[supervisorctl]\n[program:b]\n     command=/bin/cat\n  [include]\n  files=x\n',
  ];
  const cases: { fixed: string; section: string }[] = [];
  const texts: string[] = [];
  for (const text of layouts) {
    for (const section of parseConfig(text).sections) {
      texts.push(text);
      cases.push({ fixed: applyEdits(text, [removeSectionLines(parseConfig(text), section)]), section: section.name });
    }
  }
  const views = configParserViews([...texts, ...cases.map((c) => c.fixed)]);
  cases.forEach(({ fixed, section }, i) => {
    const expected = views[i].sections.filter(([name]) => name !== section);
    assert.deepEqual(views[texts.length + i].sections, expected, `deleting [${section}] misread:\n${fixed}`);
  });
});

test('a name written into a value is escaped so supervisord reads it back', () => {
  assert.equal(escapeForValue('w%x'), 'w%%x');
  assert.equal(escapeForValue('%(program_name)s%%'), '%%(program_name)s%%%%');
  assert.equal(escapeForValue('web'), 'web');
  const config = (written: string) => `[supervisord]\n[program:w%x]\ncommand=/bin/cat\n[group:g]\nprograms=${written}\n`;
  const [escaped, raw] = loaderVerdicts([config(escapeForValue('w%x')), config('w%x')]);
  assert.ok(escaped.accepted, escaped.message ?? '');
  assert.match(raw.message ?? '', /badly formatted/);
});

test('words replaced across continuation lines keep the comments at the ends of those lines', () => {
  const text = '[eventlistener:memmon]\ncommand=memmon -p  ; the limit\n    worker=1GB ; raised in May\nevents=TICK_60\n';
  const command = readCommandLine(parseConfig(text).sections[0].entries[0]);
  const words = command.split.words;
  assert.equal(
    applyEdits(text, replaceWords(command, words, 1, 2, '-g worker=1GB')),
    '[eventlistener:memmon]\ncommand=memmon -g worker=1GB  ; the limit\n     ; raised in May\nevents=TICK_60\n',
  );
});
