// Every hostile shape through the stdio server with a heap limit: open, diagnostics, then each editor request in
// turn, each within a budget; a request may fail with an LSP error, but the server must neither die nor stall, and
// must still answer a trivial request on a small document afterwards.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-jsonrpc';
import { LspClient } from '../helpers/lspClient';
import { SHAPES, cursorOf, type Position } from './shapes';
import { withCaseFilesAsync } from './workdir';

/** Wall time per request on a machine that may be busy: generous, since these catch hangs and crashes, not slowness. */
const REQUEST_BUDGET_MS = 30_000;

async function within<T>(what: string, work: Promise<T>): Promise<T | ResponseError<unknown>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${REQUEST_BUDGET_MS} ms`)), REQUEST_BUDGET_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    // The feature failed and said so: the protocol's way of refusing, which keeps the server serving.
    if (error instanceof ResponseError) return error;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Inside the first program name (for rename), else the cursor. */
function namePosition(text: string, fallback: Position): Position {
  const at = text.indexOf('[program:');
  if (at < 0) return fallback;
  const line = text.slice(0, at).split('\n').length - 1;
  return { line, character: at - text.lastIndexOf('\n', at) - 1 + '[program:'.length + 1 };
}

describe('language server on hostile configs', () => {
  for (const shape of SHAPES) {
    test(shape.name, () =>
      withCaseFilesAsync(shape, async ({ config, text }) => {
        const client = new LspClient(['--max-old-space-size=512']);
        let exited: string | undefined;
        client.process.on(
          'exit',
          (code, signal) => (exited = `server exited: code ${code}, signal ${signal}\n${client.stderr.slice(0, 2000)}`),
        );
        try {
          await within('initialize', client.initialize());
          const uri = pathToFileURL(config).toString();
          await client.open(uri, text);
          await within('diagnostics', client.diagnosticsFor(uri));
          const position = cursorOf(shape, text);
          const name = namePosition(text, position);
          const requests: [string, Record<string, unknown>][] = [
            ['textDocument/hover', { position }],
            ['textDocument/hover', { position: name }],
            ['textDocument/formatting', { options: { tabSize: 4, insertSpaces: true } }],
            ['textDocument/codeAction', { range: { start: position, end: position }, context: { diagnostics: [] } }],
            [
              'textDocument/codeAction',
              { range: { start: position, end: position }, context: { diagnostics: [], only: ['source.fixAll'] } },
            ],
            ['textDocument/prepareRename', { position: name }],
            ['textDocument/rename', { position: name, newName: 'renamed' }],
            ['textDocument/completion', { position }],
            ['textDocument/documentSymbol', {}],
            ['textDocument/foldingRange', {}],
            ['textDocument/documentLink', {}],
            ['textDocument/codeLens', {}],
            ['textDocument/references', { position: name, context: { includeDeclaration: true } }],
          ];
          for (const [method, params] of requests) await within(method, client.request(method, uri, params));
          await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
          const small = pathToFileURL(`${config}.small.conf`).toString();
          await client.open(small, '[program:ok]\ncommand=/bin/true\n');
          await within('diagnostics of a small document', client.diagnosticsFor(small));
          const symbols = await within('a trivial request afterwards', client.request('textDocument/documentSymbol', small));
          assert.ok(Array.isArray(symbols) && symbols.length === 1, JSON.stringify(symbols));
          assert.equal(exited, undefined);
        } catch (error) {
          throw exited ? new Error(exited) : error;
        } finally {
          await Promise.race([client.close().catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
          client.process.kill('SIGKILL');
        }
      }),
    );
  }
});
