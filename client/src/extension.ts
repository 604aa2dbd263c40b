// The VS Code side: starts the bundled language server over IPC once a supervisor document is open, gives
// supervisor configs opened as Properties/Ini/plain text their language, and connects to the live supervisord
// (live/). Diagnostics, fixes and settings live in the server.
import * as path from 'node:path';
import { Uri, workspace, type ExtensionContext, type TextDocument } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../../server/src/launch';
import { INCLUDED_FILES, type IncludedFilesParams } from '../../server/src/protocol';
import { LanguageDetection } from './languageDetection';
import { activateLive } from './live';
import { explicitSettings } from './settings';

let client: LanguageClient | undefined;

function createClient(context: ExtensionContext, detection: LanguageDetection): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server's V8 code cache (server/src/startup/codeCache.ts) lives in the extension's own storage.
  const env = { ...SERVER_ENVIRONMENT, SUPERVISOR_CODE_CACHE: path.join(context.globalStorageUri.fsPath, 'code-cache') };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS, env } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'], env },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'supervisor', scheme: 'file' },
      { language: 'supervisor', scheme: 'untitled' },
    ],
    synchronize: {
      configurationSection: 'supervisor',
      // Included files and the configs that include them may change on disk without being open; so may the
      // .supervisor-lint.json that applies to them.
      fileEvents: [workspace.createFileSystemWatcher('**/*.{conf,ini}'), workspace.createFileSystemWatcher('**/.supervisor-lint.json')],
    },
    middleware: {
      workspace: {
        // Only what the user set, so that .supervisor-lint.json decides what they left at its default.
        configuration: (params, token, next) =>
          params.items.every((item) => item.section === 'supervisor')
            ? params.items.map((item) => explicitSettings(item.scopeUri ? Uri.parse(item.scopeUri) : undefined))
            : next(params, token),
      },
    },
    // In an untrusted workspace the server reads no include outside the workspace folders (package.json declares
    // limited support for untrusted workspaces).
    initializationOptions: { untrustedWorkspace: !workspace.isTrusted },
  };
  const created = new LanguageClient('supervisor', 'Supervisor Language Server', serverOptions, clientOptions);
  created.onNotification(INCLUDED_FILES, (params: IncludedFilesParams) => detection.includedFiles(params));
  return created;
}

export function activate(context: ExtensionContext): void {
  const detection = new LanguageDetection();
  context.subscriptions.push(detection);
  activateLive(context);
  // The extension also activates for Properties, Ini and plain text files (to look at their content): the server
  // starts only once a supervisor document is open.
  const startIfNeeded = (doc: TextDocument) => {
    if (client || doc.languageId !== 'supervisor') return;
    client = createClient(context, detection);
    void client.start();
  };
  context.subscriptions.push(workspace.onDidOpenTextDocument(startIfNeeded));
  workspace.textDocuments.forEach(startIfNeeded);
  // Trust granted: a new server without the limit.
  context.subscriptions.push(
    workspace.onDidGrantWorkspaceTrust(async () => {
      if (!client) return;
      await client.stop();
      client = createClient(context, detection);
      await client.start();
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
