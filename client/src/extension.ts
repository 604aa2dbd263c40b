// The VS Code side: starts the bundled language server over IPC and hands it supervisor documents.
// Everything else (diagnostics, fixes, settings) lives in the server.
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
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
  };
  client = new LanguageClient('supervisor', 'Supervisor Language Server', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
