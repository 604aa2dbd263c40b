// Process logs followed into output channels (what `supervisorctl tail -f` shows), cleared on request, and the
// daemon's own log (`supervisorctl maintail`).
import { window, type Disposable, type OutputChannel } from 'vscode';
import type { LiveController } from './controller';
import { errorText } from './session';

type Channel = 'stdout' | 'stderr';
const DAEMON_LOG_BYTES = 64 * 1024;
const FOLLOW_INTERVAL_MS = 1_000;

interface Followed {
  output: OutputChannel;
  follower?: Disposable;
}

export class LiveLogs implements Disposable {
  private readonly followed = new Map<string, Followed>();
  private daemon?: OutputChannel;
  private readonly subscription: Disposable;
  private session: LiveController['session'];

  constructor(
    private readonly controller: LiveController,
    private readonly log: OutputChannel,
  ) {
    this.session = controller.session;
    // Followers belong to a session's client; another configuration's daemon starts with none.
    this.subscription = controller.onDidChange(() => {
      if (controller.session === this.session) return;
      this.session = controller.session;
      this.stopAll();
    });
  }

  follow(namespec: string, channel: Channel): void {
    const session = this.controller.session;
    if (!session) return;
    const key = `${namespec} ${channel}`;
    let entry = this.followed.get(key);
    if (!entry) {
      entry = { output: window.createOutputChannel(`supervisord: ${namespec} (${channel})`) };
      this.followed.set(key, entry);
    }
    const { output } = entry;
    output.show(true);
    if (entry.follower) return;
    this.log.appendLine(`$ ${session.commandLine('tail', '-f', namespec, ...(channel === 'stderr' ? ['stderr'] : []))}`);
    entry.follower = session.followLog(namespec, channel, (text) => output.append(text), {
      intervalMs: FOLLOW_INTERVAL_MS,
      onError: (error: unknown) => {
        output.appendLine(`\n[stopped following: ${errorText(error)}]`);
        entry.follower = undefined;
      },
    });
  }

  async clear(namespec: string): Promise<void> {
    const session = this.controller.session;
    if (!session) return;
    const line = session.commandLine('clear', namespec);
    this.log.appendLine(`$ ${line}`);
    try {
      await session.call((c) => c.clearProcessLogs(namespec));
      for (const channel of ['stdout', 'stderr'] as const) this.followed.get(`${namespec} ${channel}`)?.output.clear();
      void window.showInformationMessage(`${line}: logs cleared`);
    } catch (error) {
      void window.showErrorMessage(`${line}: ${errorText(error)}`);
    }
  }

  async showDaemonLog(): Promise<void> {
    const session = this.controller.session;
    if (!session) return;
    this.daemon ??= window.createOutputChannel('supervisord: daemon log');
    this.log.appendLine(`$ ${session.commandLine('maintail', `-${DAEMON_LOG_BYTES}`)}`);
    try {
      const text = await session.call((c) => c.readLog(-DAEMON_LOG_BYTES, 0));
      this.daemon.replace(text);
      this.daemon.show(true);
    } catch (error) {
      void window.showErrorMessage(`supervisord log: ${errorText(error)}`);
    }
  }

  private stopAll(): void {
    for (const entry of this.followed.values()) {
      entry.follower?.dispose();
      entry.follower = undefined;
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.stopAll();
    for (const entry of this.followed.values()) entry.output.dispose();
    this.daemon?.dispose();
  }
}
