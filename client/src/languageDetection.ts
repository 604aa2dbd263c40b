// Gives supervisor configs that VS Code opened as Properties, Ini or plain text the supervisor language: on open,
// for documents already open at activation, and for files an open main config includes (the server announces them).
import { languages, Uri, workspace, type Disposable, type TextDocument } from 'vscode';
import type { IncludedFilesParams } from '../../server/src/protocol';
import { shouldBeSupervisor, type DetectionContext } from './detection';

const SCHEMES = new Set(['file', 'untitled']);

export class LanguageDetection implements Disposable {
  private readonly included = new Set<string>();
  /** Documents whose language someone changed after opening them (the user, mostly): never switched again. */
  private readonly chosen = new Set<string>();
  /** Documents closed in this very turn: a language change closes and reopens a document synchronously. */
  private readonly closing = new Set<string>();
  private readonly subscriptions: Disposable[];

  constructor() {
    this.subscriptions = [
      workspace.onDidCloseTextDocument((doc) => {
        const key = doc.uri.toString();
        this.closing.add(key);
        queueMicrotask(() => this.closing.delete(key));
      }),
      workspace.onDidOpenTextDocument((doc) => {
        if (this.closing.has(doc.uri.toString()) && doc.languageId !== 'supervisor') this.chosen.add(doc.uri.toString());
        this.consider(doc);
      }),
    ];
    workspace.textDocuments.forEach((doc) => this.consider(doc));
  }

  /** The server's list of files a main config includes: switch those open now, and those opened later. */
  includedFiles(params: IncludedFilesParams): void {
    for (const file of params.files) this.included.add(Uri.parse(file).path);
    workspace.textDocuments.forEach((doc) => this.consider(doc));
  }

  private context(): DetectionContext {
    return {
      enabled: workspace.getConfiguration('supervisor').get<boolean>('detectByContent', true),
      associations: workspace.getConfiguration('files').get<Record<string, unknown>>('associations') ?? {},
      included: this.included,
    };
  }

  private consider(doc: TextDocument): void {
    if (!SCHEMES.has(doc.uri.scheme) || this.chosen.has(doc.uri.toString())) return;
    if (!shouldBeSupervisor({ path: doc.uri.path, languageId: doc.languageId, text: () => doc.getText() }, this.context())) return;
    void languages.setTextDocumentLanguage(doc, 'supervisor').then(undefined, () => undefined);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
