// The language server analyses each version of a file from the previous one: the parser re-reads only the sections an
// edit touched, and rules of section scope check only those. Whatever is reused, the findings must be exactly those
// of a whole analysis of the same text: this compares the two over chains of random edits on every fixture.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { test } from 'node:test';
import { analyzeText, updateModel, type ConfigModel } from '../../server/src/analysis/model';
import { buildProcessIndex, type ProcessIndex } from '../../server/src/analysis/processIndex';
import { analyzeDocument, analyzeModel, type Analysis } from '../../server/src/lint';
import { NodeConfigSource, type SyncFileSystem } from '../../server/src/nodeConfigSource';
import { RULES } from '../../server/src/rules';
import type { RuleContext } from '../../server/src/rules/types';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { random } from '../hostile/mutations';

// PROPERTY_SEED and PROPERTY_EDITS (per chain) run a different or longer search by hand, e.g.
// `PROPERTY_SEED=104 PROPERTY_EDITS=40 node test/run.mjs incrementalAnalysis`; npm test uses the defaults.
const SEED = process.env.PROPERTY_SEED;
const EDITS = Number(process.env.PROPERTY_EDITS ?? 8);
/** A test's own seed, or the one given plus the test's offset. */
const seed = (own: number, offset: number) => (SEED === undefined ? own : Number(SEED) + offset);

const fixtures = readdirSync('test/fixtures', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(conf|ini)$/.test(f))
  .map((f) => join('test/fixtures', f));

const PIECES = [
  'x',
  ' ',
  '\n',
  '=',
  ';',
  '%',
  '[',
  ']',
  ' ; note',
  '\nstopwaitsecs=600\n',
  '\n    --max-memory-per-child=100000',
  ' --pool=gevent',
  ' -P prefork --concurrency=4',
  '\nnumprocs=3\n',
  '\nuser=root\n',
  '\nstopasgroup=true\nkillasgroup=false\n',
  '\n[program:added]\ncommand=celery -A proj worker\n',
  '\nenvironment=C_FORCE_ROOT="1"\n',
  '\nprocess_name=%(program_name)s\n',
  'é',
  '\n[group:g]\nprograms=added,web,worker,io\n',
  '\n[DEFAULT]\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)d\n',
  '\nnumprocs=200000\n',
  // Facts shared between programs: a node name, an embedded beat, a memmon watching one of them.
  ' -n dup@host',
  ' -B',
  '\ncommand=celery -A proj worker -n dup@host\n',
  '\n[eventlistener:mm]\ncommand=memmon -p added=100MB -p web=1GB\nevents=TICK_60\n',
  // Log files shared between programs, and what decides whether they rotate.
  '\nstdout_logfile=/var/log/shared.log\n',
  '\nstdout_logfile_maxbytes=0\n',
  '\nredirect_stderr=true\n',
  '\n[DEFAULT]\nstdout_logfile=/var/log/shared.log\n',
  // Suppressions, which an edit may add where none were (only the changed text is searched then).
  '\nbogus_key=1 ; supervisor-lint: disable=config/unknown-key\n',
  '\n; supervisor-lint: disable=config/unknown-key\nstopwaitsec=600\n',
  '\n; supervisor-lint: disable-file=all\n',
];

/** One random edit: most land inside program sections, where the analysis reuses the most. */
function edit(text: string, next: () => number): string {
  const programs = [...text.matchAll(/^\[(?:program|eventlistener|fcgi-program):[^\]\n]*\][^\n]*\n/gm)];
  const inProgram = programs.length > 0 && next() < 0.8;
  let at = Math.floor(next() * (text.length + 1));
  if (inProgram) {
    const header = programs[Math.floor(next() * programs.length)];
    const start = header.index + header[0].length;
    const end = text.indexOf('\n[', start);
    at = start + Math.floor(next() * ((end < 0 ? text.length : end) - start + 1));
  }
  if (next() < 0.3) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 6)));
  return text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
}

/** Records what the rules of section scope are run on (how many programs, which models), to show the reuse happened. */
function countChecks(): { programs: number; models: Set<unknown>; restore(): void } {
  const counter = { programs: 0, models: new Set<unknown>(), restore: () => {} };
  const originals = RULES.map((rule) => rule.check);
  RULES.forEach((rule) => {
    const check = rule.check;
    if (rule.scope === 'section')
      rule.check = (context: RuleContext) => {
        counter.programs += context.model.programs.length;
        counter.models.add(context.model);
        return check(context);
      };
  });
  counter.restore = () => RULES.forEach((rule, i) => (rule.check = originals[i]));
  return counter;
}

/** The analysis of `model` built from `previous`, which must have reused findings (some rules ran on a view of it). */
function reusingAnalysis(model: ConfigModel, previous: Analysis): Analysis {
  const counter = countChecks();
  try {
    const analysis = analyzeModel(model, DEFAULT_SETTINGS, undefined, previous);
    assert.ok(
      [...counter.models].some((checked) => checked !== model),
      'the findings were not reused',
    );
    return analysis;
  } finally {
    counter.restore();
  }
}

/** The findings, and the programs as the model gives them (taken over from the previous version or made anew). */
const dump = (analysis: Analysis) =>
  JSON.stringify([
    analysis.diagnoses,
    analysis.model.programs.map((p) => [
      p.kind,
      p.name,
      p.section.name,
      p.section.nodes.length,
      p.numprocs,
      p.groupName,
      p.processNames?.first(5),
      p.processNames?.count,
      p.command?.entry.value,
    ]),
    analysis.model.limits,
  ]);

test('an analysis built from the previous version finds exactly what a whole analysis finds', () => {
  const next = random(seed(20261125, 0));
  let steps = 0;
  let reused = 0;
  for (const file of fixtures) {
    const original = readFileSync(file, 'utf8');
    let text = original;
    let model = analyzeText(text);
    let analysis = analyzeModel(model, DEFAULT_SETTINGS);
    for (let step = 0; step < EDITS; step++) {
      text = edit(text, next);
      model = updateModel(model, text);
      // As in the server during a burst: a version modelled (a request asked) but never analysed, so the next
      // analysis starts from one two edits back, in two places.
      if (step < EDITS - 1 && next() < 0.3) continue;
      const whole = analyzeDocument(text, undefined, DEFAULT_SETTINGS);
      const counter = countChecks();
      try {
        analysis = analyzeModel(model, DEFAULT_SETTINGS, undefined, analysis);
      } finally {
        counter.restore();
      }
      steps++;
      if (![...counter.models].every((checked) => checked === model)) reused++;
      assert.equal(dump(analysis), dump(whole), `${file}, edit ${step + 1}:\n${text}`);
    }
  }
  // Most edits land in one program of a file with several: the reuse must really have happened.
  assert.ok(reused > steps / 4, `only ${reused} of ${steps} analyses reused findings`);
});

test('edits to facts programs share (node names, beat, pools, memmon targets) give the findings of a whole analysis', () => {
  const next = random(seed(7, 1));
  const options = [' -n dup@host', ' -B', ' --pool=gevent', ' -P prefork', ' --max-memory-per-child=100000', ' -c 4', ' -l info'];
  const worker = (i: number) =>
    `[program:w${i}]\ncommand=celery -A proj worker\nnumprocs=${1 + (i % 2)}\nprocess_name=%(program_name)s_%(process_num)d\n`;
  let text = [
    '[supervisord]\nlogfile=/tmp/s.log\n',
    '[unix_http_server]\nfile=/tmp/s.sock\n',
    ...Array.from({ length: 6 }, (_, i) => worker(i)),
    '[eventlistener:memmon]\ncommand=memmon -p w0_0=200MB -g w1=1GB\nevents=TICK_60\n',
  ].join('\n');
  let model = analyzeText(text);
  let analysis = analyzeModel(model, DEFAULT_SETTINGS);
  for (let step = 0; step < EDITS * 15; step++) {
    // A line added to or taken from a program moves the programs below it, whose facts are kept.
    if (next() < 0.25) {
      const headers = [...text.matchAll(/^\[program:[^\]]*\]\n(user=app\n)?/gm)];
      const header = headers[Math.floor(next() * headers.length)];
      const end = header.index + header[0].length;
      text = header[1] ? text.slice(0, end - header[1].length) + text.slice(end) : text.slice(0, end) + 'user=app\n' + text.slice(end);
    } else {
      // Add an option at the end of a command, or take one back out.
      const commands = [...text.matchAll(/^command=celery[^\n]*$/gm)];
      const command = commands[Math.floor(next() * commands.length)];
      const end = command.index + command[0].length;
      const option = options[Math.floor(next() * options.length)];
      text =
        command[0].endsWith(option) && next() < 0.7
          ? text.slice(0, end - option.length) + text.slice(end)
          : text.slice(0, end) + option + text.slice(end);
    }
    model = updateModel(model, text);
    analysis = analyzeModel(model, DEFAULT_SETTINGS, undefined, analysis);
    assert.equal(dump(analysis), dump(analyzeDocument(text, undefined, DEFAULT_SETTINGS)), `edit ${step + 1}:\n${text}`);
  }
});

test('an analysis two edits in two places behind the model moves each untouched section by its own shift', () => {
  const worker = (i: number) => `[program:w${i}]\ncommand=celery -A proj worker\nstopwaitsecs=600\n`;
  const text = Array.from({ length: 5 }, (_, i) => worker(i)).join('\n');
  const first = analyzeModel(analyzeText(text), DEFAULT_SETTINGS);
  // A line added to w1, then one to w3 (modelled, never analysed in between): w2 moved by one line, w4 by two.
  const once = text.replace('[program:w1]\n', '[program:w1]\nuser=app\n');
  const twice = once.replace('[program:w3]\n', '[program:w3]\nuser=app\n');
  const analysis = reusingAnalysis(updateModel(updateModel(first.model, once), twice), first);
  assert.equal(dump(analysis), dump(analyzeDocument(twice, undefined, DEFAULT_SETTINGS)));
});

test('a fix adding lines to the edited program alone is laid out among all the lines of the file', () => {
  // [program:x] has no key: a line added after its header takes the indent of the next header, which lies in a
  // section the edit left alone (found by the property test above with seed 104: the fix was indented as the header).
  const text = '    [program:x]\n[DEFAULT]\nnumprocs=2\n';
  const first = analyzeModel(analyzeText(text), DEFAULT_SETTINGS);
  const edited = text.replace('x]', 'xy]');
  const analysis = reusingAnalysis(updateModel(first.model, edited), first);
  const added = analysis.diagnoses.find((d) => d.rule === 'config/process-name-needs-process-num')?.fixes?.[0].edits[0].newText;
  assert.equal(added, 'process_name=%(program_name)s_%(process_num)02d\n');
  assert.equal(dump(analysis), dump(analyzeDocument(edited, undefined, DEFAULT_SETTINGS)));
});

test("a rule run on the edited program alone still knows this file's other sections as this file's", () => {
  // The rules run on a view of the file holding only the edited program; [supervisord] is found in the file itself,
  // so the REMAP_SIGTERM and C_FORCE_ROOT findings stay on its environment= line rather than the program's header.
  const text = [
    '[supervisord]\nlogfile=/tmp/s.log\nenvironment=C_FORCE_ROOT="1",REMAP_SIGTERM="SIGQUIT"\n',
    '[program:a]\ncommand=celery -A proj worker -l info\nuser=root\nstopwaitsecs=600\n',
    '[program:b]\ncommand=/bin/cat\n',
  ].join('\n');
  const first = analyzeModel(analyzeText(text), DEFAULT_SETTINGS);
  const edited = text.replace('command=/bin/cat', 'command=celery -A proj worker -l info\nstopwaitsecs=600');
  const second = analyzeModel(updateModel(first.model, edited), DEFAULT_SETTINGS, undefined, first);
  const whole = analyzeDocument(edited, undefined, DEFAULT_SETTINGS);
  const onEnvironment = (analysis: Analysis) =>
    analysis.diagnoses
      .filter((d) => d.range.start.line === 2)
      .map((d) => d.rule)
      .sort();
  // Both workers are stopped with a remapped TERM; b, not run as root, is told C_FORCE_ROOT is pointless.
  assert.deepEqual(onEnvironment(whole), ['celery/cold-stop-signal', 'celery/cold-stop-signal', 'celery/worker-runs-as-root']);
  assert.equal(dump(second), dump(whole));
});

test('a section copied in another file is told apart from the edited one after an edit', () => {
  const files = new Map([
    [
      '/etc/supervisor/supervisord.conf',
      '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n\n[program:web]\ncommand=/bin/cat\nautostart=maybe\n',
    ],
    ['/etc/supervisor/conf.d/web.conf', '[program:web]\ncommand=/bin/cat\n'],
  ]);
  const fs: SyncFileSystem = {
    read: (path) => (files.has(path) ? { text: files.get(path)!, mtimeMs: 1, size: files.get(path)!.length } : undefined),
    list: (dir) => [...files.keys()].filter((p) => posix.dirname(p) === dir).map((p) => posix.basename(p)),
    exists: (path) => files.has(path) || [...files.keys()].some((p) => p.startsWith(`${path}/`)),
  };
  const source = new NodeConfigSource({ sync: fs });
  const path = '/etc/supervisor/supervisord.conf';
  const text = files.get(path)!;
  const first = analyzeModel(analyzeText(text, path), DEFAULT_SETTINGS, source);
  const edited = text.replace('command=/bin/cat', 'command=/bin/cat -u');
  const second = analyzeModel(updateModel(first.model, edited), DEFAULT_SETTINGS, source, first);
  const whole = analyzeModel(analyzeText(edited, path), DEFAULT_SETTINGS, source);
  const rules = (analysis: Analysis) => analysis.diagnoses.map((d) => `${d.rule} ${d.message.slice(0, 60)}`);
  // The copy in conf.d does not set autostart, so this file's value is read, and is wrong; the file is not its own copy.
  assert.deepEqual(rules(whole), [
    'config/duplicate-section-across-files [program:web] is also in conf.d/web.conf (line 1, read after',
    "config/invalid-value [program:web] autostart: not a valid boolean value: 'maybe' ",
  ]);
  assert.deepEqual(rules(second), rules(whole));
});

test('after an edit in one program of many, the rules of section scope check that program alone', () => {
  const program = (i: number) => `[program:worker-${i}]\ncommand=celery -A proj worker -l info --pool=gevent\nstopwaitsecs=600\n`;
  const text = `[supervisord]\nlogfile=/tmp/s.log\n\n${Array.from({ length: 50 }, (_, i) => program(i)).join('\n')}`;
  const first = analyzeModel(analyzeText(text), DEFAULT_SETTINGS);
  assert.ok(first.diagnoses.some((d) => d.rule === 'celery/pool-concurrency-missing'));
  const edited = text.replace('[program:worker-20]\ncommand=celery', '[program:worker-20]\ncommand=celery ');
  const counter = countChecks();
  let second: Analysis;
  try {
    second = analyzeModel(updateModel(first.model, edited), DEFAULT_SETTINGS, undefined, first);
  } finally {
    counter.restore();
  }
  const sectionRules = RULES.filter((r) => r.scope === 'section').length;
  assert.equal(counter.programs, sectionRules);
  assert.equal(dump(second), dump(analyzeDocument(edited, undefined, DEFAULT_SETTINGS)));
});

test('the process index of a version built from the previous one answers as one built afresh, and so does the old one', () => {
  const next = random(seed(20261126, 2));
  const namesIn = (text: string) => [...new Set(text.match(/[\w%.-]+(:[\w%.-]+)?/g) ?? [])];
  /** Its answers for every name the text spells, with and without a group before it. */
  const answers = (index: ProcessIndex, text: string) =>
    JSON.stringify([
      index.complete,
      namesIn(text).map((w) => [index.hasProcess(w), index.hasQualifiedProcess(w), index.hasGroup(w), index.hasProgram(w)]),
      index.programNames(),
      index.groupNames(),
      index.processNames(),
    ]);
  const afresh = (text: string) => answers(buildProcessIndex([analyzeText(text)], true), text);
  let compared = 0;
  for (const file of fixtures) {
    let text = readFileSync(file, 'utf8');
    let model = analyzeText(text);
    let indexed = { index: buildProcessIndex([model], true), text };
    for (let step = 0; step < EDITS; step++) {
      text = edit(text, next);
      model = updateModel(model, text);
      // The index of an earlier version, whose names the new model took over, still answers for its own version.
      if (next() < 0.5)
        assert.equal(answers(indexed.index, indexed.text), afresh(indexed.text), `${file}: the index before edit ${step + 1}`);
      // Some versions are never asked (a burst): their names are brought up to date at the next hand-over.
      if (step < EDITS - 1 && next() < 0.3) continue;
      indexed = { index: buildProcessIndex([model], true), text };
      assert.equal(answers(indexed.index, text), afresh(text), `${file}, edit ${step + 1}:\n${text}`);
      compared++;
    }
  }
  assert.ok(compared > fixtures.length * 4);
});
