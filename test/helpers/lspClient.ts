// A minimal LSP client for protocol tests: starts dist/server.js --stdio, answers workspace/configuration
// from `settings`, and lets tests wait for published diagnostics (no sleeps).
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface Waiter {
  uri: string;
  accept: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  settings: unknown = {};
  stderr = '';
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private waiters: Waiter[] = [];
  private readonly docs = new Map<string, TextDocument>();

  /** `nodeOptions`: flags for node itself, e.g. a heap limit; `env`: variables added to the server's environment. */
  constructor(nodeOptions: string[] = [], env: NodeJS.ProcessEnv = {}) {
    this.process = spawn(process.execPath, [...nodeOptions, 'dist/server.js', '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    this.process.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map(() => this.settings),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.latest.set(p.uri, p);
      const ready = this.waiters.filter((w) => w.uri === p.uri && w.accept(p));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      ready.forEach((w) => w.resolve(p));
    });
    this.connection.listen();
  }

  /**
   * Writes `messages` in one write, so that the server reads them in one go, as it does with messages that arrived
   * while it was busy, and resolves with the response to the request among them whose id is `id` (a string the
   * connection never uses, so the response is read off the stream here).
   */
  sendTogether(messages: object[], id: string): Promise<{ result?: unknown; error?: { code: number } }> {
    const stdout = this.process.stdout!;
    let buffer = Buffer.alloc(0);
    const response = new Promise<{ result?: unknown; error?: { code: number } }>((resolve) => {
      // Frames the output from the first header seen (reading may start inside a message).
      const read = (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          const header = buffer.indexOf('Content-Length: ');
          const lineEnd = header === -1 ? -1 : buffer.indexOf('\r\n', header);
          const headerEnd = lineEnd === -1 ? -1 : buffer.indexOf('\r\n\r\n', lineEnd);
          if (headerEnd === -1) return;
          const bodyStart = headerEnd + 4;
          const bodyEnd = bodyStart + Number(buffer.toString('ascii', header + 'Content-Length: '.length, lineEnd));
          if (buffer.length < bodyEnd) return;
          const message = JSON.parse(buffer.toString('utf8', bodyStart, bodyEnd)) as {
            id?: unknown;
            result?: unknown;
            error?: { code: number };
          };
          buffer = buffer.subarray(bodyEnd);
          if (message.id !== id) continue;
          stdout.off('data', read);
          resolve(message);
          return;
        }
      };
      stdout.on('data', read);
    });
    const frames = messages.map((message) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.process.stdin!.write(Buffer.concat(frames));
    return response;
  }

  async initialize(textDocument: Record<string, unknown> = {}): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument,
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves with the first diagnostics for `uri` (already received or future) that satisfy `accept`. */
  diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const current = this.latest.get(uri);
    if (current && accept(current)) return Promise.resolve(current);
    return new Promise((resolve) => this.waiters.push({ uri, accept, resolve }));
  }

  /** Diagnostics for exactly this version of the document. */
  diagnosticsFor(uri: string): Promise<Diagnostic[]> {
    const version = this.docs.get(uri)!.version;
    return this.diagnostics(uri, (p) => p.version === version).then((p) => p.diagnostics);
  }

  async open(uri: string, text: string): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, 'supervisor', 1, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'supervisor', version: 1, text } });
  }

  /** A request about a document: `params` gets `textDocument: { uri }` added. */
  request<T>(method: string, uri: string, params: Record<string, unknown> = {}): Promise<T> {
    return this.connection.sendRequest(method, { textDocument: { uri }, ...params }) as Promise<T>;
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  /** Applies edits locally and sends them to the server as one full-text change. */
  async edit(uri: string, edits: { range: Diagnostic['range']; newText: string }[]): Promise<void> {
    const doc = this.docs.get(uri)!;
    const text = TextDocument.applyEdits(doc, edits);
    const next = TextDocument.create(uri, 'supervisor', doc.version + 1, text);
    this.docs.set(uri, next);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: next.version },
      contentChanges: [{ text }],
    });
  }

  async close(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}
