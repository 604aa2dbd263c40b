// The VS Code side: starts the bundled language server over IPC and hands it supervisor documents.
// Everything else (diagnostics, fixes, settings) lives in the server.
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

function createClient(context: ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'supervisor', scheme: 'file' },
      { language: 'supervisor', scheme: 'untitled' },
    ],
    // Included files and the configs that include them may change on disk without being open.
    synchronize: { configurationSection: 'supervisor', fileEvents: workspace.createFileSystemWatcher('**/*.{conf,ini}') },
    // In an untrusted workspace the server reads no include outside the workspace folders (package.json declares
    // limited support for untrusted workspaces).
    initializationOptions: { untrustedWorkspace: !workspace.isTrusted },
  };
  return new LanguageClient('supervisor', 'Supervisor Language Server', serverOptions, clientOptions);
}

export async function activate(context: ExtensionContext): Promise<void> {
  client = createClient(context);
  // Trust granted: a new server without the limit.
  context.subscriptions.push(
    workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.stop();
      client = createClient(context);
      await client.start();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
