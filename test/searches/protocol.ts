// A search over the language server, run by hand (npm run search:protocol): a main config and two conf.d files composed
// of lines the rules care about, edited at random through the protocol (incremental changes in bursts, quick fixes
// applied from textDocument/codeAction, files closed, reopened, saved, and changed on disk behind the server's back),
// and every few rounds, once no more diagnostics come, compared with a fresh server opening the same texts. A mismatch
// is written to LOG with every text and the steps that led to it, and the run exits 1; REPLAY=file (a `steps` line of
// LOG saved alone) sends those steps again to a fresh server and compares at the end. ROUNDS, FILE_EVENTS (the share of
// rounds that close, reopen or write a file) and LOG tune it. Needs dist/ (npm run build).
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../helpers/lspClient';
import { composedConfig } from '../hostile/composed';
import { random } from '../hostile/mutations';

const SEED = Number(process.env.SEED ?? 1);
const ROUNDS = Number(process.env.ROUNDS ?? 60);
/** The share of rounds that start by closing, reopening or writing a file. */
const FILE_EVENTS = Number(process.env.FILE_EVENTS ?? 0.1);
/** Rounds between two comparisons with a fresh server. */
const COMPARE_EVERY = 3;
const LOG = process.env.LOG ?? join(tmpdir(), 'protocol-search.log');
/** No diagnostics for this long: the server is done with what it was sent (or has gone quiet for good). */
const QUIET_MS = 1_200;
/** Typed text, and a line of a composed config. */
const PIECES = ['x', ' ', '\n', '=', ';', '%', '[', ']', '\n[program:', '\n[DEFAULT]\n', ' -P gevent', '\n    --concurrency=4'];

const rng = random(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the client holds of each file: its open text (the disk's when closed). */
const docs = new Map<string, TextDocument>();
const open = new Set<string>();

/** What was sent to the server under search, and when the disk changed and the search waited: enough to replay it. */
type Step = { write: string; text: string } | { method: string; params: object } | { quiet: true } | { sleep: number };
const steps: Step[] = [];

async function send(client: LspClient, method: string, params: object): Promise<void> {
  steps.push({ method, params });
  await client.connection.sendNotification(method, params);
}

function write(path: string, text: string): void {
  steps.push({ write: path, text });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

async function pause(ms: number): Promise<void> {
  steps.push({ sleep: ms });
  await sleep(ms);
}

async function settle(client: LspClient): Promise<void> {
  steps.push({ quiet: true });
  await quiet(client);
}

async function quiet(client: LspClient): Promise<void> {
  for (;;) {
    const seen = client.published.length;
    await sleep(QUIET_MS);
    if (client.published.length === seen) return;
  }
}

function latest(client: LspClient, uri: string): PublishDiagnosticsParams | undefined {
  return client.published.findLast((p) => p.uri === uri);
}

/** The diagnostics as comparable lines (lint/limit-reached depends on the machine's speed). */
const shown = (published: PublishDiagnosticsParams | undefined) =>
  JSON.stringify(
    (published?.diagnostics ?? [])
      .filter((d) => d.code !== 'lint/limit-reached')
      .map(
        ({ range: { start, end }, severity, code, message }) =>
          `${start.line}:${start.character}-${end.line}:${end.character} ${severity} ${code} ${message}`,
      )
      .sort(),
  );

/** Sends `edits` as incremental changes, the last in the text first so that the others' positions still hold. */
async function change(client: LspClient, uri: string, edits: TextEdit[]): Promise<void> {
  const doc = docs.get(uri)!;
  docs.set(uri, TextDocument.create(uri, 'supervisor', doc.version + 1, TextDocument.applyEdits(doc, edits)));
  const lastFirst = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  await send(client, 'textDocument/didChange', {
    textDocument: { uri, version: doc.version + 1 },
    contentChanges: lastFirst.map((edit) => ({ range: edit.range, text: edit.newText })),
  });
}

function randomEdit(uri: string): TextEdit {
  const doc = docs.get(uri)!;
  const at = Math.floor(rng() * (doc.getText().length + 1));
  const start = doc.positionAt(at);
  if (rng() < 0.3) return { range: { start, end: doc.positionAt(at + 1 + Math.floor(rng() * 12)) }, newText: '' };
  return { range: { start, end: start }, newText: rng() < 0.5 ? pick(PIECES) : `\n${composedConfig(rng).split('\n')[0]}\n` };
}

/** Applies one of the quick fixes the server offers on a random line; false when it offers none. */
async function applyFix(client: LspClient, uri: string): Promise<boolean> {
  const line = Math.floor(rng() * docs.get(uri)!.lineCount);
  const actions =
    (await client.request<{ edit?: WorkspaceEdit }[] | null>('textDocument/codeAction', uri, {
      range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
      context: { diagnostics: latest(client, uri)?.diagnostics ?? [] },
    })) ?? [];
  const withEdits = actions.filter((action) => action.edit?.documentChanges?.length);
  if (!withEdits.length) return false;
  for (const documentChange of pick(withEdits).edit!.documentChanges!) {
    if (!('edits' in documentChange)) continue;
    // An edit for another version than the open one is refused, as an editor refuses it.
    if (docs.get(documentChange.textDocument.uri)?.version !== documentChange.textDocument.version) continue;
    await change(
      client,
      documentChange.textDocument.uri,
      documentChange.edits.filter((e): e is TextEdit => 'range' in e),
    );
  }
  return true;
}

/** Closes a file, reopens one from disk, or writes one to disk (an open one saved, a closed one changed elsewhere). */
async function fileEvent(client: LspClient, uris: string[]): Promise<void> {
  const roll = rng();
  if (roll < 0.3 && open.size > 1) {
    const uri = pick([...open]);
    open.delete(uri);
    await send(client, 'textDocument/didClose', { textDocument: { uri } });
  } else if (roll < 0.6 && open.size < uris.length) {
    const uri = pick(uris.filter((u) => !open.has(u)));
    const text = readFileSync(fileURLToPath(uri), 'utf8');
    docs.set(uri, TextDocument.create(uri, 'supervisor', 1, text));
    open.add(uri);
    await send(client, 'textDocument/didOpen', { textDocument: { uri, languageId: 'supervisor', version: 1, text } });
  } else {
    const uri = pick(uris);
    const text = open.has(uri) ? docs.get(uri)!.getText() : composedConfig(rng);
    write(fileURLToPath(uri), text);
    if (!open.has(uri)) docs.set(uri, TextDocument.create(uri, 'supervisor', 1, text));
    await send(client, 'workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  }
}

/** Compares the open files' last diagnostics with those a fresh server publishes for the same texts; the mismatches. */
async function compare(client: LspClient, uris: string[], round: number): Promise<number> {
  const fresh = new LspClient();
  let mismatches = 0;
  try {
    await fresh.initialize({ publishDiagnostics: { versionSupport: true } });
    for (const uri of open) await fresh.open(uri, docs.get(uri)!.getText());
    await quiet(fresh);
    for (const uri of open) {
      const mine = latest(client, uri);
      if (shown(mine) === shown(latest(fresh, uri)) && mine?.version === docs.get(uri)!.version) continue;
      mismatches++;
      const texts = Object.fromEntries(uris.map((u) => [u, docs.get(u)!.getText()]));
      appendFileSync(
        LOG,
        `seed ${SEED} round ${round} ${uri}: version ${mine?.version}, open ${docs.get(uri)!.version}, open files ${JSON.stringify([...open])}\n` +
          `server ${shown(mine)}\nfresh  ${shown(latest(fresh, uri))}\ntexts  ${JSON.stringify(texts)}\nsteps  ${JSON.stringify(steps)}\n\n`,
      );
    }
  } finally {
    await fresh.close();
  }
  return mismatches;
}

/** Sends recorded steps to a fresh server, then compares the files open at the end. */
async function replay(file: string): Promise<number> {
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as Step[];
  const client = new LspClient();
  let mismatches = 0;
  try {
    await client.initialize({ publishDiagnostics: { versionSupport: true } });
    for (const step of recorded) {
      if ('write' in step) write(step.write, step.text);
      else if ('sleep' in step) await pause(step.sleep);
      else if ('quiet' in step) await settle(client);
      else {
        await send(client, step.method, step.params);
        follow(step.method, step.params);
      }
    }
    await settle(client);
    mismatches = await compare(client, [...docs.keys()], -1);
  } finally {
    await client.close();
  }
  console.log(`replay of ${file}: ${mismatches} mismatches${mismatches ? ` (see ${LOG})` : ''}`);
  return mismatches ? 1 : 0;
}

/** Keeps `docs` and `open` as the server sees them while a replay sends `method`. */
function follow(method: string, params: object): void {
  const { textDocument, contentChanges } = params as {
    textDocument?: { uri: string; version?: number; text?: string };
    contentChanges?: { range: TextEdit['range']; text: string }[];
  };
  if (method === 'textDocument/didOpen') {
    docs.set(textDocument!.uri, TextDocument.create(textDocument!.uri, 'supervisor', textDocument!.version!, textDocument!.text!));
    open.add(textDocument!.uri);
  } else if (method === 'textDocument/didClose') open.delete(textDocument!.uri);
  else if (method === 'textDocument/didChange') {
    const doc = docs.get(textDocument!.uri)!;
    docs.set(doc.uri, TextDocument.update(doc, contentChanges!, textDocument!.version!));
  }
}

async function main(): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'protocol-search-'));
  mkdirSync(join(root, 'conf.d'));
  const texts = [`[supervisord]\n[include]\nfiles = conf.d/*.conf\n${composedConfig(rng)}`, composedConfig(rng), composedConfig(rng)];
  const uris = ['supervisord.conf', 'conf.d/a.conf', 'conf.d/b.conf'].map((name, i) => {
    write(join(root, name), texts[i]);
    return pathToFileURL(join(root, name)).href;
  });
  const client = new LspClient();
  let checks = 0;
  let mismatches = 0;
  try {
    await client.initialize({
      publishDiagnostics: { versionSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    });
    for (const [i, uri] of uris.entries()) {
      docs.set(uri, TextDocument.create(uri, 'supervisor', 1, texts[i]));
      open.add(uri);
      await send(client, 'textDocument/didOpen', { textDocument: { uri, languageId: 'supervisor', version: 1, text: texts[i] } });
    }
    for (let round = 0; round < ROUNDS; round++) {
      if (rng() < FILE_EVENTS) await fileEvent(client, uris);
      const uri = pick([...open]);
      const burst = 1 + Math.floor(rng() * 4);
      for (let k = 0; k < burst; k++) {
        if (rng() < 0.2 && (await applyFix(client, uri))) continue;
        await change(client, uri, [randomEdit(uri)]);
        if (rng() < 0.5) await pause(Math.floor(rng() * 40));
      }
      await settle(client);
      if (round % COMPARE_EVERY !== COMPARE_EVERY - 1 && round !== ROUNDS - 1) continue;
      checks += open.size;
      mismatches += await compare(client, uris, round);
    }
  } finally {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  }
  console.log(`seed ${SEED}: ${checks} comparisons, ${mismatches} mismatches${mismatches ? ` (see ${LOG})` : ''}`);
  return mismatches ? 1 : 0;
}

(process.env.REPLAY ? replay(process.env.REPLAY) : main()).then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
