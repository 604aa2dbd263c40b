// The shared configuration model: each file of a configuration read once however many of its files are analysed,
// invalidation by path and by mtime/size, reads that never complete given up without blocking, and the cache
// emptied of configurations no open document uses.
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { configContext } from '../../server/src/analysis/workspace';
import { loadConfiguration } from '../../server/src/configurationLoader';
import { analyzeDocument } from '../../server/src/lint';
import { NodeConfigSource, type AsyncFileSystem, type FileText, type SyncFileSystem } from '../../server/src/nodeConfigSource';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

const MAIN = '/etc/supervisor/supervisord.conf';
const mainText = '[supervisord]\n[include]\nfiles = conf.d/*.conf\n';
const fragment = (i: number) => `[program:p${i}]\ncommand=/bin/true\n`;

/** A configuration of `count` fragments, as path -> text. */
function configuration(count: number): Map<string, string> {
  const files = new Map([[MAIN, mainText]]);
  for (let i = 0; i < count; i++) files.set(`/etc/supervisor/conf.d/p${i}.conf`, fragment(i));
  return files;
}

const fileText = (text: string): FileText => ({ text, mtimeMs: 1, size: text.length });
const listing = (files: Map<string, string>, dir: string) => {
  const names = [...files.keys()].filter((p) => posix.dirname(p) === dir).map((p) => posix.basename(p));
  return names.length ? names : undefined;
};

const isDirectory = (files: Map<string, string>, path: string) => [...files.keys()].some((p) => p.startsWith(`${path}/`));

/** A synchronous file system over `files` that counts every operation by path. */
function countingSync(files: Map<string, string>) {
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const fs: SyncFileSystem = {
    read: (path) => (count(`read ${path}`), files.has(path) ? fileText(files.get(path)!) : undefined),
    list: (dir) => (count(`list ${dir}`), listing(files, dir)),
    exists: (path) => (count(`exists ${path}`), files.has(path) || isDirectory(files, path)),
  };
  return { fs, counts };
}

/** An asynchronous file system over `files`; reads of `hanging` paths never complete. */
function asyncFs(files: Map<string, string>, hanging = new Set<string>()) {
  const reads: string[] = [];
  const fs: AsyncFileSystem = {
    read: (path) => {
      reads.push(path);
      if (hanging.has(path)) return new Promise(() => undefined);
      return Promise.resolve(files.has(path) ? fileText(files.get(path)!) : undefined);
    },
    list: (dir) => Promise.resolve(listing(files, dir)),
    stat: (path) =>
      Promise.resolve(
        isDirectory(files, path) ? { mtimeMs: 1, size: 0 } : files.has(path) ? { mtimeMs: 1, size: files.get(path)!.length } : undefined,
      ),
  };
  return { fs, reads };
}

const lint = (path: string, source: NodeConfigSource, text?: string) =>
  analyzeDocument(text ?? (source.model(path) as { text: string }).text, path, DEFAULT_SETTINGS, source);

describe('one configuration shared by its files', () => {
  test('analysing the main config and each of N fragments reads and lists every file once', () => {
    const files = configuration(60);
    const { fs, counts } = countingSync(files);
    const source = new NodeConfigSource({ sync: fs });
    const analyses = [...files.keys()].map((path) => lint(path, source));
    for (const path of files.keys()) assert.equal(counts.get(`read ${path}`), 1, path);
    assert.equal(counts.get('list /etc/supervisor/conf.d'), 1);
    assert.ok(
      [...counts.values()].every((n) => n === 1),
      JSON.stringify([...counts].filter(([, n]) => n > 1)),
    );
    // One process index for the whole configuration, knowing every fragment's program.
    assert.equal(new Set(analyses.map((a) => a.processes)).size, 1);
    assert.equal(analyses[0].processes.programNames().length, 60);
    assert.ok(analyses.every((a) => a.context.complete && a.context.models.length === 61));
  });

  test('a fragment edited in memory gets its own process index with its new names', () => {
    const files = configuration(3);
    const source = new NodeConfigSource({ sync: countingSync(files).fs });
    const edited = lint('/etc/supervisor/conf.d/p1.conf', source, '[program:renamed]\ncommand=/bin/true\n');
    assert.ok(edited.processes.hasProgram('renamed'));
    assert.ok(!edited.processes.hasProgram('p1'));
    assert.ok(lint(MAIN, source).processes.hasProgram('p1'));
  });

  test('a changed path is read again; the others are not', () => {
    const files = configuration(5);
    const { fs, counts } = countingSync(files);
    const source = new NodeConfigSource({ sync: fs });
    lint(MAIN, source);
    files.set('/etc/supervisor/conf.d/p2.conf', '[program:other]\ncommand=/bin/true\n');
    assert.ok(!lint(MAIN, source).processes.hasProgram('other'));
    source.changed('/etc/supervisor/conf.d/p2.conf');
    const after = lint(MAIN, source);
    assert.ok(after.processes.hasProgram('other'));
    assert.ok(!after.processes.hasProgram('p2'));
    assert.equal(counts.get('read /etc/supervisor/conf.d/p2.conf'), 2);
    assert.equal(counts.get('read /etc/supervisor/conf.d/p3.conf'), 1);
  });

  test('an open document stands in for its file, and its edits are seen', () => {
    const files = configuration(2);
    let open = '[program:typed]\ncommand=/bin/true\n';
    const source = new NodeConfigSource({
      sync: countingSync(files).fs,
      openText: (path) => (path === '/etc/supervisor/conf.d/p0.conf' ? open : undefined),
    });
    assert.ok(lint(MAIN, source).processes.hasProgram('typed'));
    open = '[program:retyped]\ncommand=/bin/true\n';
    source.changed('/etc/supervisor/conf.d/p0.conf');
    assert.deepEqual(lint(MAIN, source).processes.programNames().sort(), ['p1', 'retyped']);
  });
});

describe('a fragment models the rest of its configuration only when its rules ask', () => {
  const beat = '[program:beat]\ncommand=/srv/venv/bin/celery -A proj beat\n';

  test('a fragment no rule needs the other models for reads the texts of its configuration and models none of them', () => {
    const files = configuration(20);
    const { fs, counts } = countingSync(files);
    const modelled: string[] = [];
    const source = new (class extends NodeConfigSource {
      model(path: string) {
        modelled.push(path);
        return super.model(path);
      }
    })({ sync: fs });
    const analysis = lint('/etc/supervisor/conf.d/p3.conf', source);
    assert.deepEqual(analysis.diagnoses, []);
    // Read to learn whether another file has a copy of its sections (config/duplicate-section-across-files).
    for (const path of files.keys()) assert.equal(counts.get(`read ${path}`), 1, path);
    assert.deepEqual([...new Set(modelled)].sort(), ['/etc/supervisor/conf.d/p3.conf', MAIN]);
    // Asked for, the context models the configuration: the same models an eager read gives.
    assert.equal(analysis.context.models.length, 21);
    assert.ok(analysis.processes.hasProgram('p19'));
    assert.equal(counts.get('read /etc/supervisor/conf.d/p19.conf'), 1);
  });

  test('a rule that judges the whole configuration reads it: two beats in two fragments', () => {
    const files = configuration(3);
    files.set('/etc/supervisor/conf.d/p0.conf', beat);
    files.set('/etc/supervisor/conf.d/p2.conf', beat.replace('beat]', 'beat2]'));
    const source = new NodeConfigSource({ sync: countingSync(files).fs });
    const rules = lint('/etc/supervisor/conf.d/p2.conf', source).diagnoses.map((d) => d.rule);
    assert.deepEqual(rules, ['celery/beat-multiple-instances']);
  });

  test('the main config reads every file it includes at once (its own findings count what could not be read)', () => {
    const files = configuration(4);
    const { fs, counts } = countingSync(files);
    lint(MAIN, new NodeConfigSource({ sync: fs }));
    for (const path of files.keys()) assert.equal(counts.get(`read ${path}`), 1, path);
  });
});

describe('loading for the language server', () => {
  test('nothing is read while analysing; loading brings the whole configuration in, each file once', async () => {
    const files = configuration(20);
    const { fs, reads } = asyncFs(files);
    const source = new NodeConfigSource({ async: fs });
    const model = analyzeText('[program:p3]\ncommand=/bin/true\n', '/etc/supervisor/conf.d/p3.conf');
    assert.equal(configContext(model, source).complete, false);
    assert.equal(reads.length, 0);
    await loadConfiguration(source, () => configContext(model, source));
    const context = configContext(model, source);
    assert.equal(context.includer, MAIN);
    assert.ok(context.complete);
    assert.equal(context.models.length, 21);
    assert.deepEqual([...reads].sort(), [...files.keys()].sort());
    assert.ok(!source.hasMisses());
  });

  test('a file asked for again while its read runs is not read a second time', async () => {
    const files = configuration(2);
    const { fs, reads } = asyncFs(files);
    const source = new NodeConfigSource({ async: fs });
    const main = analyzeText(mainText, MAIN);
    await loadConfiguration(source, () => configContext(main, source));
    source.changed('/etc/supervisor/conf.d/p0.conf');
    configContext(main, source);
    const loading = source.load();
    // Another document's analysis asks for the same file before the read ends (the server's early publish does).
    configContext(main, source);
    await loading;
    await source.load();
    assert.deepEqual(
      reads.filter((p) => p === '/etc/supervisor/conf.d/p0.conf'),
      ['/etc/supervisor/conf.d/p0.conf', '/etc/supervisor/conf.d/p0.conf'],
    );
    assert.ok(configContext(main, source).complete);
  });

  test('a read that never completes is given up as unreadable while the event loop keeps running', async () => {
    const files = configuration(3);
    const stuck = '/etc/supervisor/conf.d/p1.conf';
    const source = new NodeConfigSource({ async: asyncFs(files, new Set([stuck])).fs, operationMilliseconds: 50 });
    const main = analyzeText(mainText, MAIN);
    let turns = 0;
    const ticking = setInterval(() => turns++, 5);
    await loadConfiguration(source, () => configContext(main, source));
    clearInterval(ticking);
    assert.ok(turns > 0, 'other work ran while the read hung');
    const found = analyzeDocument(mainText, MAIN, DEFAULT_SETTINGS, source).diagnoses.filter((d) => d.rule === 'lint/limit-reached');
    assert.deepEqual(
      found.map((d) => d.message),
      [
        '[include] conf.d/*.conf: 1 matching paths could not be read as config files (directories, devices, pipes, files under /proc, /sys or /dev, or larger than 8 MB), so the configuration is checked in part',
      ],
    );
  });

  test('files changed on disk while kept are dropped on re-validation', async () => {
    const files = configuration(2);
    const { fs, reads } = asyncFs(files);
    const source = new NodeConfigSource({ async: fs });
    const main = analyzeText(mainText, MAIN);
    await loadConfiguration(source, () => configContext(main, source));
    assert.equal(await source.revalidate(), 0);
    files.set('/etc/supervisor/conf.d/p0.conf', '[program:grown]\ncommand=/bin/true\n');
    assert.equal(await source.revalidate(), 1);
    await loadConfiguration(source, () => configContext(main, source));
    assert.ok(analyzeDocument(mainText, MAIN, DEFAULT_SETTINGS, source).processes.hasProgram('grown'));
    assert.equal(reads.filter((p) => p === '/etc/supervisor/conf.d/p0.conf').length, 2);
  });

  test('the cache keeps only the configurations of open documents', async () => {
    const files = configuration(4);
    const other = '/srv/app/supervisord.conf';
    files.set(other, '[supervisord]\n[include]\nfiles = conf.d/*.conf\n');
    files.set('/srv/app/conf.d/a.conf', fragment(100));
    const source = new NodeConfigSource({ async: asyncFs(files).fs });
    for (const path of [MAIN, other]) {
      const main = analyzeText(files.get(path)!, path);
      await loadConfiguration(source, () => configContext(main, source));
    }
    // The main configs are analysed from their text (open documents); their includes are read.
    assert.equal(source.size().files, 5);
    assert.equal(source.size().configurations, 2);
    // The fragment /srv/app/conf.d/a.conf stays open: its configuration stays.
    source.retain(new Set(['/srv/app/conf.d/a.conf']));
    assert.deepEqual(source.size(), { files: 1, listings: 0, bytes: fragment(100).length, configurations: 1 });
    source.retain(new Set());
    assert.deepEqual(source.size(), { files: 0, listings: 0, bytes: 0, configurations: 0 });
  });
});
