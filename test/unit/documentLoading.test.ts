// When the language server publishes a document whose includes are slow to read: early, once the loading's time
// budget is spent, and again (the newest version only) when the loading that went on in the background ends;
// never for a document closed meanwhile.
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { test } from 'node:test';
import { configContext } from '../../server/src/analysis/workspace';
import { DocumentLoading } from '../../server/src/documentLoading';
import { NodeConfigSource, type AsyncFileSystem } from '../../server/src/nodeConfigSource';

const MAIN = '/etc/supervisor/supervisord.conf';
const MAIN_URI = `file://${MAIN}`;
const FRAGMENTS = 12;
// Wide apart, so that a loaded machine (late timers, slow set-up) still reads exactly the first eight within the budget.
const READ_MILLISECONDS = 400;
const BUDGET_MILLISECONDS = 150;

/**
 * The main config open in an editor and FRAGMENTS included files that each take READ_MILLISECONDS to read: the first
 * MAX_CONCURRENT_FILE_OPERATIONS (8) are read within the budget, the others only later.
 */
function slowConfiguration() {
  const directories = new Map([
    ['/etc', ['supervisor']],
    ['/etc/supervisor', ['supervisord.conf', 'conf.d']],
    ['/etc/supervisor/conf.d', Array.from({ length: FRAGMENTS }, (_, i) => `p${i}.conf`)],
  ]);
  const reads: Promise<unknown>[] = [];
  const fs: AsyncFileSystem = {
    read: (path) => {
      const text = `[program:${posix.basename(path, '.conf')}]\ncommand=/bin/true\n`;
      const read = new Promise((resolve) => setTimeout(resolve, READ_MILLISECONDS)).then(() => ({ text, mtimeMs: 1, size: text.length }));
      reads.push(read);
      return read;
    },
    list: async (dir) => directories.get(dir),
    stat: async (path) => (directories.has(path) ? { mtimeMs: 1, size: 0 } : undefined),
  };
  const doc = { uri: MAIN_URI, version: 1, text: '[supervisord]\n[include]\nfiles = conf.d/*.conf\n', open: true };
  const source = new NodeConfigSource({ openText: (path) => (path === MAIN && doc.open ? doc.text : undefined), async: fs });
  const lookUp = () => configContext(source.model(MAIN) as Exclude<ReturnType<typeof source.model>, string | undefined>, source);
  /** Each publish: the version and how many files of the configuration it saw. */
  const published: string[] = [];
  const loading: DocumentLoading<typeof doc> = new DocumentLoading(
    source,
    {
      document: () => (doc.open ? doc : undefined),
      lookUp,
      publish: (d) => published.push(`v${d.version}: ${lookUp().models.length} files`),
      republish: () => setImmediate(() => loading.publishWhenLoaded(doc)),
      error: (message) => assert.fail(message),
    },
    BUDGET_MILLISECONDS,
  );
  /** Resolves once every read started so far and the publishes they lead to are done. */
  const settled = async () => {
    for (let seen = -1; seen !== reads.length;) {
      seen = reads.length;
      await Promise.all(reads);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { doc, loading, published, settled };
}

test('a document is published when the budget is spent, and again with every file once loading ends', async () => {
  const { doc, loading, published, settled } = slowConfiguration();
  loading.publishWhenLoaded(doc);
  assert.ok(loading.whenLoaded(MAIN_URI), 'requests wait for the loading within its budget');
  await loading.whenLoaded(MAIN_URI);
  await settled();
  assert.equal(published.length, 2);
  assert.equal(published[0], 'v1: 9 files');
  assert.equal(published[1], `v1: ${FRAGMENTS + 1} files`);
});

test('an edit while loading goes on is published at once, and the newest version again when loading ends', async () => {
  const { doc, loading, published, settled } = slowConfiguration();
  loading.publishWhenLoaded(doc);
  await loading.whenLoaded(MAIN_URI);
  await new Promise((resolve) => setImmediate(resolve));
  doc.version = 2;
  loading.publishWhenLoaded(doc);
  assert.equal(loading.whenLoaded(MAIN_URI), undefined, 'requests on the new version do not wait for the late loading');
  await settled();
  assert.deepEqual(
    published.map((p) => p.startsWith('v2')),
    [false, true, true],
  );
  assert.equal(published.at(-1), `v2: ${FRAGMENTS + 1} files`);
});

test('a document closed while loading goes on is not published again', async () => {
  const { doc, loading, published, settled } = slowConfiguration();
  loading.publishWhenLoaded(doc);
  await loading.whenLoaded(MAIN_URI);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(published.length, 1);
  doc.open = false;
  loading.closed(MAIN_URI);
  await settled();
  assert.equal(published.length, 1);
});
