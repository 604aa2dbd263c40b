// The values the server takes from the LSP library, imported in this one module (types are imported where they are
// used). The bundler gives each file that imports a CommonJS package its own copy of the package's ~300 exports,
// made at start-up: seven copies took about 2 ms of every server start. The CLI must not import this module (it would
// load the server's connection layer).
export {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentHighlightKind,
  ErrorCodes,
  FileChangeType,
  FoldingRangeKind,
  InsertTextFormat,
  LSPErrorCodes,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
