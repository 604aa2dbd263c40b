// Protocol tests: the real bundled server (dist/server.js --stdio), spoken to over LSP.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const GEVENT = readFileSync('test/fixtures/celery/gevent-max-memory.conf', 'utf8');

function editsOf(action: CodeAction): TextEdit[] {
  const change = action.edit?.documentChanges?.[0];
  assert.ok(change && 'edits' in change, 'expected a versioned text document edit');
  return change.edits as TextEdit[];
}

describe('language server over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.close());

  test('publishes the Celery warning with code, source and a docs link', async () => {
    const uri = 'file:///etc/supervisor/conf.d/gevent.conf';
    await client.open(uri, GEVENT);
    const diagnostics = await client.diagnosticsFor(uri);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d.code, 'celery/max-memory-per-child-ignored');
    assert.equal(d.source, 'supervisor');
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, { start: { line: 6, character: 106 }, end: { line: 6, character: 135 } });
    const page = fileURLToPath(d.codeDescription!.href);
    assert.ok(existsSync(page), page);
  });

  test('quick fix removes the option; the new version has no diagnostics', async () => {
    const uri = 'file:///srv/a/supervisord.conf';
    await client.open(uri, GEVENT);
    const [d] = await client.diagnosticsFor(uri);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    })) as CodeAction[];
    // No memmon fix: this config has no HTTP server, so a memmon listener could not reach supervisord.
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [['Remove --max-memory-per-child', true]],
    );
    assert.equal((actions[0].edit!.documentChanges![0] as { textDocument: { version: number } }).textDocument.version, 1);
    await client.edit(uri, editsOf(actions[0]));
    assert.ok(client.text(uri).includes('--pool=gevent --concurrency=10\n'));
    assert.deepEqual(await client.diagnosticsFor(uri), []);
  });

  test('source.fixAll applies every preferred fix at once', async () => {
    const RPC =
      '[unix_http_server]\nfile=/run/supervisor.sock\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n';
    const uri = 'file:///srv/b/supervisord.conf';
    await client.open(
      uri,
      `[supervisord]\n[program:w]\ncommand=celery -A p worker -P gevent --max-memory-per-child 100\n[eventlistener:m]\ncommand=memmon -p w=1GB\nevents=PROCESS_STATE\n${RPC}`,
    );
    const diagnostics = await client.diagnosticsFor(uri);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), [
      'celery/max-memory-per-child-ignored',
      'celery/pool-concurrency-missing',
      'celery/shutdown-timeout-default',
      'celery/task-logging-disabled',
      'memmon/missing-tick-event',
    ]);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    await client.edit(uri, editsOf(actions[0]));
    assert.equal(
      client.text(uri),
      `[supervisord]\n[program:w]\ncommand=celery -A p worker -l info -P gevent --concurrency=10\nstopwaitsecs=600\n[eventlistener:m]\ncommand=memmon -p w=1GB\nevents=PROCESS_STATE,TICK_60\n${RPC}`,
    );
    assert.deepEqual(await client.diagnosticsFor(uri), []);
  });

  test('a settings change re-lints open documents without reopening them', async () => {
    const uri = 'file:///srv/c/supervisord.conf';
    await client.open(
      uri,
      '[supervisord]\n[program:w]\ncommand=celery -A p worker -l info --max-memory-per-child 200000\nstopwaitsecs=600\n',
    );
    assert.deepEqual(await client.diagnosticsFor(uri), []);
    client.settings = { celery: { minMemoryPerChildMB: 512 } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      published.diagnostics.map((d: Diagnostic) => d.code),
      ['celery/max-memory-per-child-too-low'],
    );
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
  });
});

describe('robustness', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.close());

  let seed = 99;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const inputs: [string, string][] = [
    ['random bytes', Array.from({ length: 20_000 }, () => String.fromCharCode(Math.floor(random() * 0xd7ff))).join('')],
    ['a 1 MB single line', `[program:x]\ncommand=celery worker ${'-P gevent '.repeat(100_000)}`],
    ['20,000 continuation lines', `[program:x]\ncommand=celery -A p worker\n${'    --max-memory-per-child 1 -P gevent\n'.repeat(20_000)}`],
    ['an unterminated header', '[program:x\ncommand=celery -A p worker'],
    ['an unclosed quote', '[program:x]\ncommand=celery -A "p worker -P gevent --max-memory-per-child 1'],
  ];
  for (const [name, text] of inputs) {
    test(`${name}: diagnostics arrive and requests are answered`, async () => {
      const uri = `file:///tmp/robust-${name.replace(/\W+/g, '-')}.conf`;
      await client.open(uri, text);
      await client.diagnosticsFor(uri);
      const actions = await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
        context: { diagnostics: [] },
      });
      assert.ok(Array.isArray(actions));
    });
  }
});
