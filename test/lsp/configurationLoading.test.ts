// The language server loads a configuration's files before analysing and keeps them: an included file changed on
// disk (didChangeWatchedFiles) or in an editor is seen by the main config's diagnostics; a FIFO among the includes is
// reported unreadable while requests keep being answered; includes too slow to read within the loading's time budget
// are published as unread at once, and the document is published again, without an edit, once they are read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeLens, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fileTree } from '../helpers/fileTree';
import { LspClient } from '../helpers/lspClient';

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code));
const rpc =
  '[unix_http_server]\nfile=/run/supervisor.sock\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n';

/** For a describe: a language server over a tree of files, started before its tests and closed after them. */
function serverOver(files: Record<string, string>): { client: () => LspClient; file: (name: string) => string } {
  let client: LspClient;
  let root = '';
  before(async () => {
    root = fileTree(files);
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.close());
  return { client: () => client, file: (name) => pathToFileURL(join(root, name)).toString() };
}

describe('configuration loading in the language server', () => {
  let client: LspClient;
  let root: string;
  const file = (name: string) => pathToFileURL(join(root, name)).toString();
  const main = () => file('supervisord.conf');
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'supervisor-loading-'));
    mkdirSync(join(root, 'conf.d'));
    writeFileSync(join(root, 'conf.d', 'api.conf'), '[program:api]\ncommand=/bin/cat\n');
    client = new LspClient();
    await client.initialize();
    await client.open(
      main(),
      `[supervisord]\n[include]\nfiles = conf.d/*.conf\n[eventlistener:memmon]\ncommand=memmon -p api=512MB\nevents=TICK_60\n${rpc}`,
    );
  });
  after(() => client.close());

  test('an included file changed on disk is read again after didChangeWatchedFiles', async () => {
    assert.deepEqual(codes(await client.diagnostics(main())), []);
    writeFileSync(join(root, 'conf.d', 'api.conf'), '[program:web]\ncommand=/bin/cat\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: file('conf.d/api.conf'), type: 2 }] });
    const changed = await client.diagnostics(main(), (p) => codes(p).includes('memmon/unknown-process'));
    assert.match(changed.diagnostics.find((d) => d.code === 'memmon/unknown-process')!.message as string, /names "api"/);
  });

  test('an included file open in an editor is read from the editor, edits included', async () => {
    await client.open(file('conf.d/api.conf'), '[program:api]\ncommand=/bin/cat\n');
    await client.diagnostics(main(), (p) => codes(p).length === 0);
    await client.edit(file('conf.d/api.conf'), [
      { range: { start: { line: 0, character: 9 }, end: { line: 0, character: 12 } }, newText: 'www' },
    ]);
    await client.diagnostics(main(), (p) => codes(p).includes('memmon/unknown-process'));
  });

  test('a FIFO among the includes is reported unreadable, and requests are answered', async () => {
    execFileSync('mkfifo', [join(root, 'conf.d', 'pipe.conf')]);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: file('conf.d/pipe.conf'), type: 1 }] });
    const found = await client.diagnostics(main(), (p) => codes(p).includes('lint/limit-reached'));
    assert.match(
      found.diagnostics.find((d) => d.code === 'lint/limit-reached')!.message as string,
      /1 matching paths could not be read as config files/,
    );
    const hover = await client.request<{ contents: unknown } | null>('textDocument/hover', main(), { position: { line: 4, character: 2 } });
    assert.ok(hover);
  });
});

describe('includes read after the loading budget', () => {
  // 64 includes that each take 300 ms to read, 8 at a time: 2.4 s in all, past the 2 s budget.
  const FRAGMENTS = 64;
  let client: LspClient;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'supervisor-late-'));
    mkdirSync(join(root, 'conf.d'));
    for (let i = 0; i < FRAGMENTS; i++) writeFileSync(join(root, 'conf.d', `p${i}.slow.conf`), `[program:p${i}]\ncommand=/bin/cat\n`);
    client = new LspClient(['--import', './test/helpers/slowFiles.mjs']);
    await client.initialize();
  });
  after(() => client.close());

  test('are reported unread at once, and the document is published again when they are read', async () => {
    const main = pathToFileURL(join(root, 'supervisord.conf')).toString();
    await client.open(
      main,
      `[supervisord]\n[include]\nfiles = conf.d/*.conf\n[eventlistener:memmon]\ncommand=memmon -p p63=512MB\nevents=TICK_60\n${rpc}`,
    );
    const early = await client.diagnostics(main);
    assert.deepEqual(codes(early), ['lint/limit-reached']);
    assert.match(early.diagnostics[0].message as string, /^\[include\] conf\.d\/\*\.conf: \d+ matching files were not read/);
    const late = await client.diagnostics(main, (p) => p !== early);
    assert.equal(late.version, 1);
    assert.deepEqual(
      late.diagnostics.map((d) => d.message),
      [],
    );
    assert.deepEqual(
      client.published.filter((p) => p.uri === main).map((p) => p.version),
      [1, 1],
    );
  });
});

describe('a fragment copied without renaming its program', () => {
  let client: LspClient;
  let root: string;
  const file = (name: string) => pathToFileURL(join(root, name)).toString();
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'supervisor-copy-'));
    mkdirSync(join(root, 'conf.d'));
    writeFileSync(join(root, 'supervisord.conf'), '[supervisord]\n[include]\nfiles = conf.d/*.conf\n');
    writeFileSync(join(root, 'conf.d', 'api.conf'), '[program:api]\ncommand=/bin/cat\n');
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.close());

  test('is warned about once its configuration is loaded, and no longer once renamed', async () => {
    const copy = file('conf.d/api-v2.conf');
    writeFileSync(join(root, 'conf.d', 'api-v2.conf'), '[program:api]\ncommand=/bin/cat --v2\n');
    await client.open(copy, '[program:api]\ncommand=/bin/cat --v2\n');
    const found = await client.diagnostics(copy, (p) => codes(p).includes('config/duplicate-section-across-files'));
    const warning = found.diagnostics.find((d) => d.code === 'config/duplicate-section-across-files')!;
    assert.match(warning.message as string, /also in api\.conf \(line 1, read after this file\)/);
    assert.deepEqual(warning.range.start, { line: 0, character: 0 });
    await client.edit(copy, [{ range: { start: { line: 0, character: 9 }, end: { line: 0, character: 12 } }, newText: 'api-v2' }]);
    await client.diagnostics(copy, (p) => codes(p).length === 0);
  });
});

describe("two fragments open in editors, one edited to write the other's log file", () => {
  let client: LspClient;
  let root: string;
  const file = (name: string) => pathToFileURL(join(root, name)).toString();
  const worker = (name: string, log: string) => `[program:${name}]\ncommand=/bin/cat\nstdout_logfile=${log}\nredirect_stderr=true\n`;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'supervisor-logs-'));
    mkdirSync(join(root, 'conf.d'));
    writeFileSync(join(root, 'supervisord.conf'), '[supervisord]\n[include]\nfiles = conf.d/*.conf\n');
    writeFileSync(join(root, 'conf.d', 'a.conf'), worker('a', '/var/log/a.log'));
    writeFileSync(join(root, 'conf.d', 'b.conf'), worker('b', '/var/log/celery.log'));
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.close());

  test('both are warned, each naming the other, as the edit is typed (unsaved)', async () => {
    const [a, b] = [file('conf.d/a.conf'), file('conf.d/b.conf')];
    await client.open(a, worker('a', '/var/log/a.log'));
    await client.open(b, worker('b', '/var/log/celery.log'));
    assert.deepEqual(codes(await client.diagnostics(b)), []);
    await client.edit(a, [{ range: { start: { line: 2, character: 24 }, end: { line: 2, character: 25 } }, newText: 'celery' }]);
    const rule = 'config/logfile-shared-by-programs';
    const inA = await client.diagnostics(a, (p) => codes(p).includes(rule));
    const inB = await client.diagnostics(b, (p) => codes(p).includes(rule));
    assert.match(
      inA.diagnostics[0].message as string,
      /^\[program:a\] writes \/var\/log\/celery\.log, which \[program:b\] of b\.conf writes too/,
    );
    assert.match(
      inB.diagnostics[0].message as string,
      /^\[program:b\] writes \/var\/log\/celery\.log, which \[program:a\] of a\.conf writes too/,
    );
    assert.deepEqual(inB.diagnostics[0].range.start, { line: 2, character: 0 });
  });
});

describe('an override file open next to the program it overrides (supervisord merges the two copies)', () => {
  const original = '[program:worker]\ncommand=/bin/cat\nstopasgroup=true\n';
  const override = '[program:worker]\nkillasgroup=false\n';
  const { client: server, file } = serverOver({
    'supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n',
    'conf.d/worker.conf': original,
    'conf.d/worker.override.conf': override,
  });

  test("the Error of keys split over the two files is on each file's own line, and goes as the override is edited", async () => {
    const client = server();
    const [worker, overrides] = [file('conf.d/worker.conf'), file('conf.d/worker.override.conf')];
    const rule = 'config/stopasgroup-without-killasgroup';
    await client.open(worker, original);
    await client.open(overrides, override);
    const inWorker = (await client.diagnostics(worker, (p) => codes(p).includes(rule))).diagnostics.find((d) => d.code === rule)!;
    const inOverride = (await client.diagnostics(overrides, (p) => codes(p).includes(rule))).diagnostics.find((d) => d.code === rule)!;
    assert.deepEqual(inWorker.range.start, { line: 2, character: 0 });
    assert.match(inWorker.message as string, /killasgroup=false \(set in worker\.override\.conf\)/);
    assert.deepEqual(inOverride.range.start, { line: 1, character: 0 });
    // Unsaved: the original's analysis reads the override as it is in the editor.
    await client.edit(overrides, [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 17 } }, newText: 'true' }]);
    await client.diagnostics(overrides, (p) => !codes(p).includes(rule));
    await client.diagnostics(worker, (p) => !codes(p).includes(rule));
  });
});

describe('the code lens of a program an override file changes (supervisord merges the two copies)', () => {
  const original = '[program:worker]\ncommand=/bin/cat\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)02d\n';
  const override = '[program:worker]\nnumprocs=3\n';
  const { client: server, file } = serverOver({
    'supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n',
    'conf.d/worker.conf': original,
    'conf.d/worker.override.conf': override,
  });

  test('both files show the merged processes, and follow an unsaved edit of the override', async () => {
    const client = server();
    const [worker, overrides] = [file('conf.d/worker.conf'), file('conf.d/worker.override.conf')];
    await client.open(worker, original);
    await client.open(overrides, override);
    const titles = async (uri: string) => (await client.request<CodeLens[]>('textDocument/codeLens', uri)).map((l) => l.command?.title);
    assert.deepEqual(await titles(worker), ['3 processes: worker_00, worker_01, worker_02']);
    assert.deepEqual(await titles(overrides), ['3 processes: worker_00, worker_01, worker_02']);
    await client.edit(overrides, [{ range: { start: { line: 1, character: 9 }, end: { line: 1, character: 10 } }, newText: '1' }]);
    await client.diagnostics(overrides);
    assert.deepEqual(await titles(overrides), ['1 process: worker_00']);
    assert.deepEqual(await titles(worker), ['1 process: worker_00']);
  });
});

describe("the main config's [DEFAULT] open next to a conf.d file (supervisord has one [DEFAULT] for all its files)", () => {
  const main = (defaults: string) => `[DEFAULT]\n${defaults}\n\n[supervisord]\n[include]\nfiles = conf.d/*.conf\n`;
  const fragment = '[program:web]\nautostart=true\n';
  const { client: server, file } = serverOver({ 'supervisord.conf': main('command=/bin/cat'), 'conf.d/web.conf': fragment });

  test("the fragment's program takes its command from there, and loses it as the main config is edited (unsaved)", async () => {
    const client = server();
    const [web, supervisord] = [file('conf.d/web.conf'), file('supervisord.conf')];
    await client.open(supervisord, main('command=/bin/cat'));
    await client.open(web, fragment);
    assert.deepEqual(codes(await client.diagnostics(web)), []);
    const rule = 'config/missing-required-key';
    await client.edit(supervisord, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } }, newText: 'comment' }]);
    const missing = await client.diagnostics(web, (p) => codes(p).includes(rule));
    assert.match(missing.diagnostics.find((d) => d.code === rule)!.message as string, /^\[program:web\] requires a "command" line/);
    await client.edit(supervisord, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } }, newText: 'command' }]);
    await client.diagnostics(web, (p) => !codes(p).includes(rule));
  });

  test('the fragment is analysed again when the config near it becomes its main config again ([supervisord] retyped)', async () => {
    const client = server();
    const [web, supervisord] = [file('conf.d/web.conf'), file('supervisord.conf')];
    const rule = 'config/missing-required-key';
    const header = (name: string) => [
      { range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, newText: `[${name}]\n` },
    ];
    // Without [supervisord] the file is no main config: the fragment is read alone, without the [DEFAULT] command.
    await client.edit(supervisord, header('supervisor'));
    await client.diagnostics(web, (p) => codes(p).includes(rule));
    // The fragment's analysis read no file of a configuration then, but it had looked at this one for its includer.
    await client.edit(supervisord, header('supervisord'));
    const published = await Promise.race([
      client.diagnostics(web, (p) => !codes(p).includes(rule)),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000).unref()),
    ]);
    assert.ok(published, 'the fragment was not analysed again with its main config');
  });
});

describe('a conf.d file with a [supervisord] of its own (Docker images add nodaemon=true so)', () => {
  let client: LspClient;
  let root: string;
  const docker =
    '[supervisord]\nnodaemon=true\n[program:worker]\ncommand=/bin/cat\n[eventlistener:memmon]\ncommand=memmon -c -p worker=512MB\nevents=TICK_60\n';
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'supervisor-docker-'));
    mkdirSync(join(root, 'conf.d'));
    writeFileSync(join(root, 'supervisord.conf'), `[supervisord]\n[include]\nfiles = conf.d/*.conf\n${rpc}`);
    writeFileSync(join(root, 'conf.d', 'supervisord.conf'), docker);
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.close());

  test('is analysed with the main config that includes it: memmon reaches the server configured there', async () => {
    const uri = pathToFileURL(join(root, 'conf.d', 'supervisord.conf')).toString();
    await client.open(uri, docker);
    assert.deepEqual(codes(await client.diagnostics(uri)), []);
    // The same text where no main config includes it.
    const lone = pathToFileURL(join(root, 'elsewhere', 'supervisord.conf')).toString();
    await client.open(lone, docker);
    assert.deepEqual(codes(await client.diagnostics(lone)), ['memmon/no-rpc-server']);
  });
});
