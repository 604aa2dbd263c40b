// A rule that never returns is stopped at the analysis's deadline and turned off for the file, with a
// lint/analysis-failed naming it; the other rules' findings stand (lint.ts analyzeStopping, in the language server's
// document cache and in the CLI's run over a configuration).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { lintConfigurations } from '../../server/src/cli/configuration';
import { SettingsResolver } from '../../server/src/cli/settings';
import { gatherTargets } from '../../server/src/cli/targets';
import { DocumentCache } from '../../server/src/documentCache';
import { analyzeDocument, analyzeStopping, type Analysis } from '../../server/src/lint';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/settings';
import { Overrun } from '../../server/src/util/deadline';
import type { ConfigSource } from '../../server/src/analysis/workspace';
import { fileTree } from '../helpers/fileTree';
import { memorySource } from '../helpers/memorySource';
import { hangingRule } from '../helpers/hangingRule';

const LIMIT_MS = 200;
const HANGS = '; hang here';
/** Findings of three rules: a misspelt key, a Celery pool ignoring its memory limit, a program without command. */
const TEXT = `${HANGS}
[program:worker]
command=celery -A proj worker -P gevent --max-memory-per-child=262144
stopwaitsec=600

[program:empty]
`;

const withOff = (...ids: string[]): Settings => ({ ...DEFAULT_SETTINGS, rules: Object.fromEntries(ids.map((id) => [id, 'off'])) });
const summary = (analysis: Pick<Analysis, 'diagnoses'>) => analysis.diagnoses.map((d) => `${d.rule} ${d.range.start.line}: ${d.message}`);
const stoppedLine = (id: string) =>
  `lint/analysis-failed 0: analysis failed (rule ${id}): it did not finish within 0.2 s and was stopped; it is off for this file`;

describe('a rule that never returns', () => {
  let restore: (() => void)[] = [];
  before(() => {
    restore = [hangingRule('config/unknown-key', HANGS), hangingRule('celery/max-memory-per-child-ignored', HANGS)];
  });
  after(() => restore.forEach((undo) => undo()));

  test('is stopped and turned off, its failure reported, every other finding kept', () => {
    const stopped: string[] = [];
    const analysis = analyzeStopping(LIMIT_MS, DEFAULT_SETTINGS, stopped, (settings) => analyzeDocument(TEXT, undefined, settings));
    assert.deepEqual(stopped, ['config/unknown-key', 'celery/max-memory-per-child-ignored']);
    const rest = analyzeDocument(TEXT, undefined, withOff(...stopped));
    assert.ok(rest.diagnoses.some((d) => d.rule === 'config/missing-required-key'));
    assert.deepEqual(summary(analysis), [
      stoppedLine('config/unknown-key'),
      stoppedLine('celery/max-memory-per-child-ignored'),
      ...summary(rest),
    ]);
    // Kept off for the file's next analyses: no wait, the same report.
    const again = analyzeStopping(LIMIT_MS, DEFAULT_SETTINGS, stopped, (settings) => analyzeDocument(TEXT, undefined, settings));
    assert.deepEqual(summary(again), summary(analysis));
    assert.equal(stopped.length, 2);
  });

  test('a file without the marker is analysed in full, with nothing stopped', () => {
    const text = TEXT.replace(HANGS, '; fine');
    const stopped: string[] = [];
    const analysis = analyzeStopping(LIMIT_MS, DEFAULT_SETTINGS, stopped, (settings) => analyzeDocument(text, undefined, settings));
    assert.deepEqual(stopped, []);
    assert.deepEqual(summary(analysis), summary(analyzeDocument(text, undefined, DEFAULT_SETTINGS)));
    assert.ok(analysis.diagnoses.some((d) => d.rule === 'config/unknown-key'));
  });

  test('work stopped outside any rule is thrown as the overrun', () => {
    const stopped: string[] = [];
    assert.throws(
      () =>
        analyzeStopping(LIMIT_MS, DEFAULT_SETTINGS, stopped, () => {
          // eslint-disable-next-line no-empty
          for (;;) {}
        }),
      Overrun,
    );
    assert.deepEqual(stopped, []);
  });

  test('the language server keeps the rule off for the document until it closes', () => {
    const cache = new DocumentCache(
      () => DEFAULT_SETTINGS,
      () => undefined,
      undefined,
      LIMIT_MS,
    );
    const uri = 'untitled:hang';
    const first = cache.analyze({ uri, version: 1, getText: () => TEXT });
    assert.deepEqual(summary(first).slice(0, 2), [stoppedLine('config/unknown-key'), stoppedLine('celery/max-memory-per-child-ignored')]);
    const edited = `${TEXT}\n[program:other]\ncommand=/bin/true\nautorestar=true\n`;
    const second = cache.analyze({ uri, version: 2, getText: () => edited });
    assert.deepEqual(summary(second), [
      stoppedLine('config/unknown-key'),
      stoppedLine('celery/max-memory-per-child-ignored'),
      ...summary(analyzeDocument(edited, undefined, withOff('config/unknown-key', 'celery/max-memory-per-child-ignored'))),
    ]);
    // Closed and opened again without the marker: every rule runs.
    cache.forget(uri);
    const fine = edited.replace(HANGS, '; fine');
    const reopened = cache.analyze({ uri, version: 1, getText: () => fine });
    assert.deepEqual(summary(reopened), summary(analyzeDocument(fine, undefined, DEFAULT_SETTINGS)));
  });

  test("the language server stops a document's modelling that never ends, and models it again only once it reopens", () => {
    let hangs = true;
    const memory = memorySource({});
    const source: ConfigSource = {
      ...memory,
      model: (path) => {
        // eslint-disable-next-line no-empty
        if (hangs) for (;;) {}
        return memory.model(path);
      },
    };
    const cache = new DocumentCache(
      () => DEFAULT_SETTINGS,
      () => '/etc/supervisor/conf.d/app.conf',
      source,
      LIMIT_MS,
    );
    const uri = 'file:///etc/supervisor/conf.d/app.conf';
    const stuck = `lint/analysis-failed 0: analysis failed (parsing and modelling the file): did not finish within 0.2 s and was stopped; the file is analysed again once it is reopened`;
    const doc = (version: number) => ({ uri, version, getText: () => TEXT.replace(HANGS, '; fine') });
    // A feature asks first (the model of a version is made before its analysis), then the analysis.
    assert.equal(cache.modelled(doc(1)).model.text, '');
    assert.deepEqual(summary(cache.analyze(doc(1))), [stuck]);
    // Not modelled again: the next versions answer at once (the source would still hang).
    assert.deepEqual(summary(cache.analyze(doc(2))), [stuck]);
    assert.equal(cache.modelled(doc(3)).model.text, '');
    hangs = false;
    cache.forget(uri);
    assert.ok(summary(cache.analyze(doc(1))).some((line) => line.startsWith('config/unknown-key 3')));
  });

  test('a document whose modelling is stopped answers from its last good analysis, process index included', () => {
    let hangs = false;
    const memory = memorySource({});
    const source: ConfigSource = {
      ...memory,
      model: (path) => {
        // eslint-disable-next-line no-empty
        if (hangs) for (;;) {}
        return memory.model(path);
      },
    };
    const cache = new DocumentCache(
      () => DEFAULT_SETTINGS,
      () => '/etc/supervisor/conf.d/app.conf',
      source,
      LIMIT_MS,
    );
    const uri = 'file:///etc/supervisor/conf.d/app.conf';
    const text = TEXT.replace(HANGS, '; fine');
    cache.analyze({ uri, version: 1, getText: () => text });
    hangs = true;
    const stuck = cache.modelled({ uri, version: 2, getText: () => `${text}\n` });
    assert.equal(stuck.model.text, text);
    assert.deepEqual(stuck.processes.programNames(), ['worker', 'empty']);
  });

  test('the CLI reports every file of the configuration, the rule off only in the file it hung on', () => {
    const fragment = (name: string) => `[program:${name}]\ncommand=/srv/${name}\nautorestar=true\n`;
    const root = fileTree({
      'supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
      'conf.d/a.conf': fragment('a'),
      'conf.d/b.conf': `${HANGS}\n${fragment('b')}`,
      'conf.d/c.conf': fragment('c'),
    });
    const { targets } = gatherTargets([join(root, 'supervisord.conf')], undefined, () => false);
    const resolver = new SettingsResolver({ config: false, rules: {} });
    const reports = lintConfigurations(targets, resolver, new Map(), undefined, LIMIT_MS);
    const byFile = new Map(reports.map((r) => [r.path?.slice(root.length + 1), r.findings.map((f) => `${f.rule} ${f.range.start.line}`)]));
    assert.deepEqual([...byFile.keys()], ['supervisord.conf', 'conf.d/a.conf', 'conf.d/b.conf', 'conf.d/c.conf']);
    assert.deepEqual(byFile.get('conf.d/a.conf'), ['config/unknown-key 2']);
    assert.deepEqual(byFile.get('conf.d/c.conf'), ['config/unknown-key 2']);
    // Both rules hang on b.conf: each is stopped in turn.
    const failures = reports.find((r) => r.path?.endsWith('b.conf'))!.findings.map((f) => `${f.rule} ${f.range.start.line}: ${f.message}`);
    assert.deepEqual(failures, [stoppedLine('config/unknown-key'), stoppedLine('celery/max-memory-per-child-ignored')]);
  });
});
