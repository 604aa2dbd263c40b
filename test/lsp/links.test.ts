// Document links over the protocol: answered without waiting on the file system (a path on a dead mount, a FIFO,
// /dev/stdout), linking only files and directories that exist here, and, in an untrusted workspace, nothing outside
// its folders.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { MAX_FILE_OPERATION_MILLISECONDS } from '../../server/src/analysis/limits';
import { LspClient } from '../helpers/lspClient';

const url = (path: string) => pathToFileURL(path).toString();
/** Line and target of each link, in document order. */
const linked = (links: DocumentLink[]) => links.map((l) => [l.range.start.line, l.target]).sort(([a], [b]) => Number(a) - Number(b));

describe('document links', () => {
  let client: LspClient;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'supervisor-links-'));
    mkdirSync(join(root, 'logs'));
    writeFileSync(join(root, 'logs', 'out.log'), 'started\n');
    execFileSync('mkfifo', [join(root, 'logs', 'pipe.log')]);
    client = new LspClient(['--import', './test/helpers/slowFiles.mjs']);
    await client.initialize();
  });
  after(() => client.close());

  test('link files and directories that exist; a missing file, a FIFO, /dev/stdout and a dead mount get none', async () => {
    const uri = url(join(root, 'worker.conf'));
    await client.open(
      uri,
      [
        '[program:worker]',
        'command=/bin/cat',
        `directory=${root}`,
        `stdout_logfile=${join(root, 'logs', 'out.log')}`,
        `stderr_logfile=${join(root, 'logs', 'missing.log')}`,
        '[program:piped]',
        'command=/bin/cat',
        `stdout_logfile=${join(root, 'logs', 'pipe.log')}`,
        'stderr_logfile=/dev/stdout',
        '[program:mounted]',
        'command=/bin/cat',
        'stdout_logfile=/mnt/nfs.hang/out.log',
        '',
      ].join('\n'),
    );
    await client.diagnosticsFor(uri);
    const started = performance.now();
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', uri);
    assert.ok(performance.now() - started < MAX_FILE_OPERATION_MILLISECONDS + 1_000, 'answered within the time limit');
    assert.deepEqual(linked(links), [
      [2, url(root)],
      [3, url(join(root, 'logs', 'out.log'))],
    ]);
    // The next request waits on the same hung check, within the same limit.
    const again = performance.now();
    assert.deepEqual(linked(await client.request<DocumentLink[]>('textDocument/documentLink', uri)), linked(links));
    assert.ok(performance.now() - again < MAX_FILE_OPERATION_MILLISECONDS + 1_000);
    const hover = await client.request<{ contents: unknown } | null>('textDocument/hover', uri, { position: { line: 0, character: 3 } });
    assert.ok(hover, 'the server still answers');
  });
});

describe('document links in an untrusted workspace', () => {
  let client: LspClient;
  let workspace: string;
  let outside: string;
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'supervisor-untrusted-'));
    outside = mkdtempSync(join(tmpdir(), 'supervisor-outside-'));
    writeFileSync(join(workspace, 'in.log'), '');
    writeFileSync(join(outside, 'out.log'), '');
    client = new LspClient();
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: url(workspace),
      workspaceFolders: [{ uri: url(workspace), name: 'repo' }],
      capabilities: {},
      initializationOptions: { untrustedWorkspace: true },
    });
    await client.connection.sendNotification('initialized', {});
  });
  after(() => client.close());

  test('link paths inside the workspace folders only', async () => {
    const uri = url(join(workspace, 'worker.conf'));
    await client.open(
      uri,
      `[program:worker]\ncommand=/bin/cat\nstdout_logfile=${join(workspace, 'in.log')}\nstderr_logfile=${join(outside, 'out.log')}\n`,
    );
    await client.diagnosticsFor(uri);
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', uri);
    assert.deepEqual(linked(links), [[2, url(join(workspace, 'in.log'))]]);
  });
});
