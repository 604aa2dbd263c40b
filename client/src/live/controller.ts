// Decides when to talk to supervisord and to which one: only in a trusted workspace, for a supervisor config on
// the local (or remote) file system, once one is open, while supervisor.live.enabled allows it. The session follows
// the configuration of the supervisor editor last active.
import { EventEmitter, window, workspace, type Disposable, type ExtensionContext, type TextDocument } from 'vscode';
import { findConnection } from '../../../server/src/live';
import { readConfiguration } from './configuration';
import { LiveSession } from './session';

export interface LiveSettings {
  enabled: boolean;
  serverUrl?: string;
  diagnostics: boolean;
  refreshSeconds: number;
}

export function liveSettings(): LiveSettings {
  const c = workspace.getConfiguration('supervisor.live');
  return {
    enabled: c.get('enabled', true),
    serverUrl: c.get<string>('serverUrl') || undefined,
    diagnostics: c.get('diagnostics', true),
    refreshSeconds: c.get('refreshSeconds', 5),
  };
}

const isLiveDocument = (doc: TextDocument) => doc.languageId === 'supervisor' && doc.uri.scheme === 'file';

export class LiveController implements Disposable {
  private readonly changed = new EventEmitter<void>();
  /** Fires when the session is replaced and whenever the current one changes. */
  readonly onDidChange = this.changed.event;
  session?: LiveSession;
  /** Why no session could be made for the supervisor config last active (no connection in it, ...). */
  problem?: string;
  private sessionEvents?: Disposable;
  private readonly disposables: Disposable[] = [];

  constructor(
    private readonly context: ExtensionContext,
    private readonly isWatched: () => boolean,
    private readonly log: (line: string) => void,
  ) {
    this.disposables.push(
      window.onDidChangeActiveTextEditor((editor) => editor && this.follow(editor.document)),
      workspace.onDidOpenTextDocument((doc) => !this.session && this.follow(doc)),
      workspace.onDidSaveTextDocument((doc) => this.saved(doc)),
      workspace.onDidGrantWorkspaceTrust(() => this.followVisible()),
      workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('supervisor.live')) return;
        this.end();
        this.followVisible();
      }),
    );
    this.followVisible();
  }

  private followVisible(): void {
    const doc = window.activeTextEditor?.document ?? workspace.textDocuments.find(isLiveDocument);
    if (doc) this.follow(doc);
  }

  private follow(doc: TextDocument): void {
    if (!isLiveDocument(doc) || !workspace.isTrusted) return;
    const settings = liveSettings();
    if (!settings.enabled) return;
    if (this.session?.configPaths.includes(doc.uri.fsPath)) return;
    const configuration = readConfiguration(doc.uri.fsPath);
    if (!configuration) {
      if (!this.session) this.setProblem('no supervisord.conf that includes this file was found near it');
      return;
    }
    const target = findConnection(configuration.main, settings.serverUrl);
    if ('error' in target) {
      if (!this.session) this.setProblem(target.error);
      return;
    }
    // The secret belongs to one daemon and one user.
    const address = target.kind === 'unix' ? `unix://${target.socketPath}` : `http://${target.host}:${target.port}`;
    const key = `supervisor.live.password:${target.username ?? ''}@${address}`;
    if (this.session?.key === key) return;
    this.end();
    const session = new LiveSession(
      key,
      target,
      configuration,
      { configPath: configuration.main.path, serverUrl: settings.serverUrl },
      this.context.secrets,
      this.log,
    );
    this.session = session;
    this.problem = undefined;
    this.sessionEvents = session.onDidChange(() => this.changed.fire());
    session.poll(settings.refreshSeconds, this.isWatched);
    this.changed.fire();
    void session.start();
  }

  private setProblem(problem: string): void {
    this.problem = problem;
    this.changed.fire();
  }

  /** After a save, supervisord is asked what it would change: the configuration on disk is what it reads. */
  private saved(doc: TextDocument): void {
    if (!isLiveDocument(doc)) return;
    if (!this.session) return this.follow(doc);
    const session = this.session;
    const main = session.configuration.main.path;
    if (!main) return;
    const configuration = readConfiguration(main);
    if (!configuration) return;
    if (!configuration.models.some((m) => m.path === doc.uri.fsPath)) return;
    void session.reread(configuration);
  }

  private end(): void {
    this.sessionEvents?.dispose();
    this.session?.dispose();
    this.session = undefined;
    this.changed.fire();
  }

  dispose(): void {
    this.end();
    this.changed.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
