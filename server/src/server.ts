// Wires the LSP connection to the analysis and the features; no logic of its own.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from './documentCache';
import { NodeConfigSource } from './nodeConfigSource';
import { codeActions } from './features/codeActions';
import { toDiagnostic } from './features/diagnostics';
import type { Diagnosis } from './rules/engine';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let settings: Settings = DEFAULT_SETTINGS;
let pullsConfiguration = false;
let versionedEdits = false;

// Rule pages ship beside the bundle (dist/../docs/rules/<id>.md).
const docsRoot = join(__dirname, '..', 'docs', 'rules');
const docsUri = (rule: string) => pathToFileURL(join(docsRoot, `${rule}.md`)).toString();
const diagnostic = (d: Diagnosis) => toDiagnostic(d, docsUri);

function pathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

const openText = (path: string) => documents.all().find((d) => pathOf(d.uri) === path)?.getText();
const cache = new DocumentCache(() => settings, pathOf, new NodeConfigSource(openText));

function publish(doc: TextDocument): void {
  try {
    const diagnostics = cache.analyze(doc).diagnoses.map(diagnostic);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  } catch (error) {
    connection.console.error(`Analysis of ${doc.uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

async function refreshSettings(pushed?: unknown): Promise<void> {
  const raw = pullsConfiguration ? await connection.workspace.getConfiguration('supervisor') : pushed;
  settings = readSettings(raw);
  cache.clear();
  documents.all().forEach(publish);
}

connection.onInitialize((params) => {
  const caps = params.capabilities;
  pullsConfiguration = caps.workspace?.configuration === true;
  versionedEdits = caps.workspace?.workspaceEdit?.documentChanges === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll], resolveProvider: false },
    },
    serverInfo: { name: 'supervisor-language-server' },
  };
});

connection.onInitialized(() => {
  if (!pullsConfiguration) return;
  void connection.client.register(DidChangeConfigurationNotification.type, { section: 'supervisor' }).catch(() => undefined);
  void refreshSettings().catch((e) => connection.console.error(`Reading settings failed: ${String(e)}`));
});

connection.onDidChangeConfiguration((change) => {
  const pushed = (change.settings as { supervisor?: unknown } | null)?.supervisor;
  void refreshSettings(pushed).catch((e) => connection.console.error(`Reading settings failed: ${String(e)}`));
});

/** Re-analyses open documents that read this one as part of their configuration. */
function publishDependents(uri: string): void {
  const path = pathOf(uri);
  if (!path) return;
  for (const dependent of cache.dependentsOf(path)) {
    cache.forget(dependent);
    const doc = documents.get(dependent);
    if (doc) publish(doc);
  }
}

documents.onDidOpen((e) => publish(e.document));
documents.onDidChangeContent((e) => {
  publish(e.document);
  publishDependents(e.document.uri);
});
connection.onDidChangeWatchedFiles(() => {
  cache.clear();
  documents.all().forEach(publish);
});
documents.onDidClose((e) => {
  cache.forget(e.document.uri);
  publishDependents(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCodeAction((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  return codeActions({ uri: doc.uri, version: doc.version }, cache.analyze(doc).diagnoses, params, diagnostic, versionedEdits);
});

documents.listen(connection);
connection.listen();
