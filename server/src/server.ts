// Wires the LSP connection to the analysis and the features; no logic of its own.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  ResponseError,
  ErrorCodes,
  LSPErrorCodes,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
} from './lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { EDITOR_DOCUMENTS } from './editorDocument';
import { MAX_RULES_MILLISECONDS, STOP_ANALYSIS_MILLISECONDS } from './analysis/limits';
import { runWithin } from './util/deadline';
import { DocumentCache } from './documentCache';
import { IdleCollection } from './idleCollection';
import { PublishScheduler } from './publishScheduler';
import { codeLenses } from './features/codeLens';
import { completion } from './features/completion';
import { formatDocument } from './features/formatting';
import { hover } from './features/hover';
import { documentLinks, linkedPaths } from './features/links';
import { LinkTargets } from './linkTargets';
import { definition, documentHighlights, prepareRename, references, rename, type Navigation } from './features/navigation';
import { documentSymbols, foldingRanges, selectionRanges } from './features/outline';
import type { Analysis, Modelled } from './lint';
import { nodeAsync, NodeConfigSource } from './nodeConfigSource';
import { DocumentLoading } from './documentLoading';
import { configContext } from './analysis/workspace';
import { codeActions } from './features/codeActions';
import { toDiagnostic } from './features/diagnostics';
import type { Diagnosis } from './rules/engine';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
import { applyLintConfig, LintConfigCache, type LintConfigLookup } from './lintConfig';
import { configInvalid } from './rules/engineDiagnostics';
import { INCLUDED_FILES, type IncludedFilesParams } from './protocol';
import { warmedUp } from './startup/warm';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(EDITOR_DOCUMENTS);
/** The editor's `supervisor` settings as sent (the VS Code client sends only the values a user set). */
let editorSettings: unknown;
const lintConfigs = new LintConfigCache();
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

/** Open documents by path: their text stands in for the file on disk. */
const openByPath = new Map<string, TextDocument>();
const openText = (path: string) => openByPath.get(path)?.getText();
/** Folders an untrusted workspace may read includes from; undefined while the workspace is trusted. */
let readableRoots: string[] | undefined;
const mayRead = (path: string) =>
  !readableRoots || readableRoots.some((root) => path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`));
// Reads nothing while analysing: what a configuration needs is loaded asynchronously first (loadBeforePublish).
const source = new NodeConfigSource({ openText, mayRead, async: nodeAsync });

/** The nearest `.supervisor-lint.json` above a document, when it is a file. */
function lintConfigOf(uri: string): LintConfigLookup {
  const path = pathOf(uri);
  return path ? lintConfigs.forDirectory(dirname(path)) : {};
}

/** Defaults, then the document's `.supervisor-lint.json`, then the editor's settings: the editor wins. */
function settingsFor(uri: string): Settings {
  const { config } = lintConfigOf(uri);
  const settings = readSettings(editorSettings, config ? applyLintConfig(DEFAULT_SETTINGS, config) : DEFAULT_SETTINGS);
  return { ...settings, rulesTimeBudgetMs: MAX_RULES_MILLISECONDS };
}

/** A broken `.supervisor-lint.json` is shown on each document it would apply to (and is ignored meanwhile). */
function lintConfigProblems(uri: string): Diagnosis[] {
  const { error } = lintConfigOf(uri);
  if (!error) return [];
  const start = { line: 0, character: 0 };
  return [
    {
      rule: configInvalid.id,
      severity: configInvalid.severity,
      message: `${error.message}; its settings are not applied until it is fixed`,
      range: { start, end: start },
      fixes: [],
    },
  ];
}

const cache = new DocumentCache(settingsFor, pathOf, source);
const idleCollection = new IdleCollection();
let snippetSupport = false;
/** Requests between their arrival and their turn (see withDocument). */
let requestsWaiting = 0;
const scheduler = new PublishScheduler(
  (uri) => {
    const doc = documents.get(uri);
    if (doc) loading.publishWhenLoaded(doc);
  },
  undefined,
  {
    model: (uri) => {
      const doc = documents.get(uri);
      if (doc && !loading.loadsFirst(doc)) cache.modelled(doc);
    },
    requestsWaiting: () => requestsWaiting > 0,
  },
);

/** Runs the document's configuration lookup against what is loaded, noting in the source what is missing. */
function askForConfiguration(doc: TextDocument): void {
  const path = pathOf(doc.uri);
  const model = path === undefined ? undefined : source.model(path);
  if (model && typeof model === 'object') configContext(model, source);
}

const loading = new DocumentLoading<TextDocument>(source, {
  document: (uri) => documents.get(uri),
  lookUp: askForConfiguration,
  publish,
  republish: (uri) => {
    cache.invalidate(uri);
    scheduler.request(uri);
  },
  error: (message) => connection.console.error(message),
});

/** Tells the client which files the main config includes, so it can give them the supervisor language. */
const announced = new Map<string, string>();
function announceIncludes(doc: TextDocument, analysis: Analysis): void {
  const files = analysis.context.includes.flatMap((pattern) => pattern.matches).map((path) => pathToFileURL(path).toString());
  // Once per change of the list, not on every keystroke.
  const key = files.join('\n');
  if (!files.length || announced.get(doc.uri) === key) return;
  announced.set(doc.uri, key);
  void connection.sendNotification(INCLUDED_FILES, { uri: doc.uri, files } satisfies IncludedFilesParams);
}

/**
 * The editor's document works its line starts out when an edit first asks for them: 15 ms on a 1 MB file, in code V8
 * has not optimised yet, on the first keystroke. Asked in the turn after the document's first diagnostics went out.
 */
const lineStartsKnown = new WeakSet<TextDocument>();
function learnLineStarts(doc: TextDocument): void {
  if (lineStartsKnown.has(doc)) return;
  lineStartsKnown.add(doc);
  setImmediate(() => doc.offsetAt({ line: 1, character: 0 }));
}

function publish(doc: TextDocument): void {
  try {
    // Every publish names the version it was computed for, so a client can drop late ones.
    const analysis = cache.analyze(doc);
    const diagnostics = [...lintConfigProblems(doc.uri), ...analysis.diagnoses].map(diagnostic);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    learnLineStarts(doc);
    announceIncludes(doc, analysis);
    // The first diagnostics are out: what V8 compiled to start and analyse is kept for the next start.
    warmedUp();
    idleCollection.worked();
  } catch (error) {
    connection.console.error(`Analysis of ${doc.uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

async function refreshSettings(pushed?: unknown): Promise<void> {
  const raw = pullsConfiguration ? await connection.workspace.getConfiguration('supervisor') : pushed;
  editorSettings = raw;
  cache.invalidateAll();
  documents.all().forEach((doc) => scheduler.request(doc.uri));
}

connection.onInitialize((params) => {
  const caps = params.capabilities;
  // The VS Code client says when the workspace is untrusted: then no include outside its folders is read.
  if ((params.initializationOptions as { untrustedWorkspace?: boolean } | undefined)?.untrustedWorkspace) {
    readableRoots = (params.workspaceFolders ?? []).flatMap((folder) => pathOf(folder.uri) ?? []);
  }
  pullsConfiguration = caps.workspace?.configuration === true;
  versionedEdits = caps.workspace?.workspaceEdit?.documentChanges === true;
  snippetSupport = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll], resolveProvider: false },
      completionProvider: { triggerCharacters: ['[', '=', '-', '(', ',', ' '] },
      hoverProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentLinkProvider: { resolveProvider: false },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      codeLensProvider: { resolveProvider: false },
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
    cache.invalidate(dependent);
    scheduler.request(dependent);
  }
}

/** Re-analyses every open document (files changed on disk). */
function republishAll(): void {
  cache.invalidateAll();
  documents.all().forEach((doc) => scheduler.request(doc.uri));
}

documents.onDidOpen((e) => {
  const path = pathOf(e.document.uri);
  if (path) openByPath.set(path, e.document);
  scheduler.request(e.document.uri);
  // Files kept from earlier may have changed while no editor watched them.
  void source.revalidate().then((changed) => changed > 0 && republishAll());
});
documents.onDidChangeContent((e) => {
  const path = pathOf(e.document.uri);
  if (path) {
    openByPath.set(path, e.document);
    source.changed(path);
  }
  scheduler.request(e.document.uri);
  publishDependents(e.document.uri);
});
connection.onDidChangeWatchedFiles((params) => {
  lintConfigs.clear();
  for (const change of params.changes) {
    const path = pathOf(change.uri);
    if (path) source.changed(path, change.type !== FileChangeType.Changed);
  }
  republishAll();
});
documents.onDidClose((e) => {
  const path = pathOf(e.document.uri);
  if (path) openByPath.delete(path);
  if (path) source.changed(path);
  scheduler.cancel(e.document.uri);
  cache.forget(e.document.uri);
  announced.delete(e.document.uri);
  loading.closed(e.document.uri);
  // What only closed documents used is dropped: the cache holds the configurations of open documents.
  source.retain(new Set(documents.all().flatMap((doc) => (doc.uri === e.document.uri ? [] : (pathOf(doc.uri) ?? [])))));
  publishDependents(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCodeAction((params, token) =>
  withAnalysis(params.textDocument.uri, token, [], (analysis) => {
    const doc = documents.get(params.textDocument.uri)!;
    return codeActions({ uri: doc.uri, version: doc.version }, analysis.diagnoses, params, diagnostic, versionedEdits);
  }),
);

/** One turn of the event loop: messages that arrived meanwhile (a newer edit, a cancellation) are read first. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs a feature on what `read` gives for an open document's current text (its model, or its whole analysis), after
 * letting queued messages in: a request cancelled meanwhile is answered as cancelled without work. A failure is
 * logged and answered with an LSP error; the server keeps serving.
 */
async function withDocument<A, T>(
  uri: string,
  token: CancellationToken,
  empty: T,
  read: (doc: TextDocument) => A,
  feature: (input: A) => T | Promise<T>,
): Promise<T> {
  requestsWaiting++;
  try {
    await nextTurn();
  } finally {
    requestsWaiting--;
  }
  // A document whose configuration is loading is answered once it is loaded (within the loading's time budget);
  // other documents are answered meanwhile.
  await loading.whenLoaded(uri);
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
  const doc = documents.get(uri);
  if (!doc) return empty;
  try {
    const input = read(doc);
    // A feature that never ends (a fix worked out on demand, say) is stopped: the request fails, the server goes on.
    return await runWithin(STOP_ANALYSIS_MILLISECONDS, () => feature(input));
  } catch (error) {
    if (error instanceof ResponseError) throw error;
    connection.console.error(`Request on ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
    throw new ResponseError(ErrorCodes.InternalError, `supervisor: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A feature that needs the findings (code actions): the current text analysed with every rule. */
const withAnalysis = <T>(uri: string, token: CancellationToken, empty: T, feature: (analysis: Analysis) => T | Promise<T>) =>
  withDocument(uri, token, empty, (doc) => cache.analyze(doc), feature);

/** The other features read the current text's model in its configuration, not the findings: no rule runs first. */
const withModel = <T>(uri: string, token: CancellationToken, empty: T, feature: (modelled: Modelled) => T | Promise<T>) =>
  withDocument(uri, token, empty, (doc) => cache.modelled(doc), feature);

const navigation = (uri: string, modelled: Modelled): Navigation => ({ modelled, uri });

connection.onCompletion((p, token) =>
  withModel(p.textDocument.uri, token, [], (a) => completion(a, p.position, { snippets: snippetSupport })),
);
connection.onHover((p, token) => withModel(p.textDocument.uri, token, null, (a) => hover(a, p.position) ?? null));
connection.onDocumentSymbol((p, token) => withModel(p.textDocument.uri, token, [], (a) => documentSymbols(a.model)));
connection.onFoldingRanges((p, token) => withModel(p.textDocument.uri, token, [], (a) => foldingRanges(a.model)));
connection.onSelectionRanges((p, token) => withModel(p.textDocument.uri, token, [], (a) => selectionRanges(a.model, p.positions)));
connection.onDefinition((p, token) =>
  withModel(p.textDocument.uri, token, [], (a) => definition(navigation(p.textDocument.uri, a), p.position)),
);
connection.onReferences((p, token) =>
  withModel(p.textDocument.uri, token, [], (a) => references(navigation(p.textDocument.uri, a), p.position, p.context.includeDeclaration)),
);
connection.onDocumentHighlight((p, token) =>
  withModel(p.textDocument.uri, token, [], (a) => documentHighlights(navigation(p.textDocument.uri, a), p.position)),
);
connection.onPrepareRename((p, token) =>
  withModel(p.textDocument.uri, token, null, (a) => prepareRename(navigation(p.textDocument.uri, a), p.position)),
);
connection.onRenameRequest((p, token) =>
  withModel(p.textDocument.uri, token, null, (a) => rename(navigation(p.textDocument.uri, a), p.position, p.newName)),
);
const linkTargets = new LinkTargets(mayRead);
connection.onDocumentLinks((p, token) =>
  withModel(p.textDocument.uri, token, [], async (a) => {
    const targets = await linkTargets.find(linkedPaths(a), () => token.isCancellationRequested);
    return documentLinks(a, (path) => targets.get(path));
  }),
);
connection.onDocumentFormatting((p, token) =>
  withModel(p.textDocument.uri, token, [], (a) =>
    formatDocument(a.model, { equals: settingsFor(p.textDocument.uri).format.spaceAroundEquals }),
  ),
);
connection.onDocumentRangeFormatting((p, token) =>
  withModel(p.textDocument.uri, token, [], (a) =>
    formatDocument(a.model, { equals: settingsFor(p.textDocument.uri).format.spaceAroundEquals, range: p.range }),
  ),
);
connection.onCodeLens((p, token) => withModel(p.textDocument.uri, token, [], (a) => codeLenses(a.model, a.context.readingOrder)));

documents.listen(connection);
connection.listen();
