// One connection to the supervisord of one configuration: the processes it runs (polled), what it has not applied
// yet (asked after each save), the password (asked once, kept in SecretStorage). Everything the views show.
import { EventEmitter, window, type Disposable, type SecretStorage } from 'vscode';
import { LiveError, SupervisorClient, type LiveTarget, type ProcessInfo, type ConfigChanges } from '../../../server/src/live';
import { supervisorctl, type CommandContext } from './commandLine';
import { rereadLines } from './pending';
import { sectionRefs, type LiveConfiguration, type SectionRef } from './configuration';

export type Connection = { kind: 'connecting' } | { kind: 'connected'; infos: ProcessInfo[] } | { kind: 'disconnected'; reason: string };

const TIMEOUT_MS = 5_000;

export class LiveSession implements Disposable {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  connection: Connection = { kind: 'connecting' };
  /** The daemon's answer to reloadConfig after the last save, or why it could not answer. */
  pending?: ConfigChanges | { error: string };
  refs: SectionRef[];
  private client: SupervisorClient;
  private askedForPassword = false;
  private timer?: ReturnType<typeof setInterval>;
  private polling = false;

  constructor(
    readonly key: string,
    readonly target: LiveTarget,
    public configuration: LiveConfiguration,
    readonly commandContext: CommandContext,
    private readonly secrets: SecretStorage,
    /** Where the supervisorctl-equivalent lines and their answers go. */
    private readonly log: (line: string) => void,
  ) {
    this.refs = sectionRefs(configuration.models);
    this.client = new SupervisorClient(target, { timeoutMs: TIMEOUT_MS });
  }

  get infos(): ProcessInfo[] {
    return this.connection.kind === 'connected' ? this.connection.infos : [];
  }

  get configPaths(): string[] {
    return this.configuration.models.flatMap((m) => (m.path ? [m.path] : []));
  }

  commandLine(...args: string[]): string {
    return supervisorctl(this.commandContext, ...args);
  }

  /** Polls every `seconds` while `wanted()` says the state is on screen. */
  poll(seconds: number, wanted: () => boolean): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => wanted() && void this.refresh(), Math.max(1, seconds) * 1000);
  }

  async start(): Promise<void> {
    await this.connect();
    await this.refresh();
  }

  /** A client with the config's password, else the one kept for this target. */
  private async connect(): Promise<void> {
    const password = this.target.password ?? (await this.secrets.get(this.key));
    this.client.close();
    this.client = new SupervisorClient(this.target, { password, timeoutMs: TIMEOUT_MS });
  }

  /**
   * Runs a call; on a refused login asks for the password once per session (not when the config has one), keeps it
   * in SecretStorage and tries again. Other errors go to the caller.
   */
  async call<T>(run: (client: SupervisorClient) => Promise<T>): Promise<T> {
    try {
      return await run(this.client);
    } catch (error) {
      if (!(error instanceof LiveError) || error.kind !== 'auth-failed' || this.target.password !== undefined || this.askedForPassword)
        throw error;
      this.askedForPassword = true;
      const password = await window.showInputBox({
        password: true,
        ignoreFocusOut: true,
        title: 'supervisord password',
        prompt: `Password${this.target.username ? ` of ${this.target.username}` : ''} for supervisord at ${this.target.description}`,
      });
      if (password === undefined) throw error;
      await this.secrets.store(this.key, password);
      await this.connect();
      try {
        return await run(this.client);
      } catch (again) {
        if (again instanceof LiveError && again.kind === 'auth-failed') await this.secrets.delete(this.key);
        throw again;
      }
    }
  }

  async refresh(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const infos = await this.call((c) => c.getAllProcessInfo());
      this.connection = { kind: 'connected', infos };
    } catch (error) {
      this.connection = { kind: 'disconnected', reason: errorText(error) };
    } finally {
      this.polling = false;
    }
    this.changed.fire();
  }

  /** Asks supervisord what it would change (reloadConfig, as `supervisorctl reread`): it changes no process. */
  async reread(configuration: LiveConfiguration): Promise<void> {
    this.configuration = configuration;
    this.refs = sectionRefs(configuration.models);
    this.log(`$ ${this.commandLine('reread')}`);
    try {
      this.pending = await this.call((c) => c.reloadConfig());
      rereadLines(this.pending).forEach(this.log);
    } catch (error) {
      this.pending = { error: errorText(error) };
      this.log(`ERROR: ${this.pending.error}`);
    }
    this.changed.fire();
  }

  /** Whatever a user action did: the new state and what is still pending. */
  async afterAction(): Promise<void> {
    if (this.pending) await this.reread(this.configuration);
    await this.refresh();
  }

  /** Follows a process log with this session's client (closed with it). */
  followLog(...args: Parameters<SupervisorClient['followLog']>): Disposable {
    return this.client.followLog(...args);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.client.close();
    this.changed.dispose();
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
