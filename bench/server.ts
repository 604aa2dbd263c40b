// Drives the built language server (dist/server.js --stdio) the way an editor does, to time what a user waits for:
// diagnostics after an edit or a burst of keystrokes, a completion asked right after a keystroke, start-up, memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../server/src/launch';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

interface Published {
  uri: string;
  version?: number;
}

/** The LSP position (line, UTF-16 column) of an offset. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

export class Server {
  private readonly process: ChildProcess;
  private readonly connection: MessageConnection;
  private readonly waiters: { uri: string; version: number; resolve: () => void }[] = [];
  private readonly texts = new Map<string, { text: string; version: number }>();
  readonly started = performance.now();

  /** `codeCache`: the server's code-cache directory (SUPERVISOR_CODE_CACHE); by default the user's. */
  constructor(codeCache?: string) {
    // Started as the VS Code client starts it.
    const env = { ...process.env, ...SERVER_ENVIRONMENT, ...(codeCache === undefined ? {} : { SUPERVISOR_CODE_CACHE: codeCache }) };
    this.process = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      for (const w of this.waiters.filter((w) => w.uri === p.uri && p.version === w.version)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    });
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves when diagnostics for exactly this version arrive. */
  private published(uri: string, version: number): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  async open(uri: string, text: string): Promise<void> {
    this.texts.set(uri, { text, version: 1 });
    const done = this.published(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'supervisor', version: 1, text } });
    await done;
  }

  /**
   * Sends the change from the document's text to `text` as VS Code does under incremental sync (which the server asks
   * for): the replaced range and its new text; returns the promise of its diagnostics.
   */
  change(uri: string, text: string): Promise<void> {
    const doc = this.texts.get(uri)!;
    const old = doc.text;
    let start = 0;
    while (start < old.length && start < text.length && old[start] === text[start]) start++;
    let end = 0;
    while (end < old.length - start && end < text.length - start && old[old.length - 1 - end] === text[text.length - 1 - end]) end++;
    const range = { start: positionAt(old, start), end: positionAt(old, old.length - end) };
    doc.text = text;
    doc.version++;
    const done = this.published(uri, doc.version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: doc.version },
      contentChanges: [{ range, text: text.slice(start, text.length - end) }],
    });
    return done;
  }

  request(method: string, params: unknown): Promise<unknown> {
    return this.connection.sendRequest(method, params);
  }

  rssMB(): number {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  }

  async close(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    this.connection.dispose();
    this.process.kill();
  }
}
