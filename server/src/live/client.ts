// supervisord's XML-RPC interface as supervisorctl uses it (Supervisor 4.2.5 `supervisor/rpcinterface.py`:
// `SupervisorNamespaceRPCInterface`), typed. No VS Code here: the extension, the CLI and the tests share it.
import { Agent } from 'node:http';
import { isFault, LiveError } from './errors';
import { followLog, type FollowOptions, type LogChannel, type LogFollower, type LogReader } from './followLog';
import { callRpc, type Credentials } from './rpc';
import type { LiveTarget } from './target';
import { applyUpdate, type GroupUpdate } from './update';

export type ProcessStateName = 'STOPPED' | 'STARTING' | 'RUNNING' | 'BACKOFF' | 'STOPPING' | 'EXITED' | 'FATAL' | 'UNKNOWN';

/** One entry of getAllProcessInfo (`getProcessInfo`); times are seconds since the epoch, 0 when never. */
export interface ProcessInfo {
  name: string;
  group: string;
  state: number;
  statename: ProcessStateName;
  pid: number;
  start: number;
  stop: number;
  now: number;
  exitstatus: number;
  /** Why the last spawn failed (set for BACKOFF and FATAL), else ''. */
  spawnerr: string;
  /** supervisorctl status's last column: "pid 123, uptime 0:01:02", "Exited too quickly (process log may have details)". */
  description: string;
  logfile: string;
  stdout_logfile: string;
  stderr_logfile: string;
}

export interface DaemonState {
  /** 2 RUNNING, 1 RESTARTING, 0 FATAL, -1 SHUTDOWN. */
  statecode: number;
  statename: 'FATAL' | 'RUNNING' | 'RESTARTING' | 'SHUTDOWN';
}

/** The result of a call on several processes (stopProcessGroup, signalProcessGroup, ...): status 80 is SUCCESS. */
export interface ProcessResult {
  name: string;
  group: string;
  status: number;
  description: string;
}

export interface ConfigChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface LogTail {
  text: string;
  /** The log's size: where the next tail starts. */
  offset: number;
  /** More than the requested length was new: the text is the log's last bytes and earlier ones were skipped. */
  overflow: boolean;
}

export interface ClientOptions {
  password?: string;
  /** Deadline of every call that does not wait for processes (default 10 s). */
  timeoutMs?: number;
  /** Deadline of calls that wait for processes to start or stop, as supervisorctl does (default 5 min). */
  waitTimeoutMs?: number;
}

export class SupervisorClient {
  private readonly agent = new Agent({ keepAlive: false });
  private readonly credentials: Credentials;
  private readonly timeoutMs: number;
  private readonly waitTimeoutMs: number;
  private readonly followers = new Set<LogFollower>();
  private closed = false;

  constructor(
    readonly target: LiveTarget,
    options: ClientOptions = {},
  ) {
    this.credentials = { username: target.username, password: options.password ?? target.password };
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 300_000;
  }

  private call<T>(method: string, params: unknown[] = [], waits = false): Promise<T> {
    if (this.closed) return Promise.reject(new LiveError('protocol', `the connection to ${this.target.description} is closed`));
    return callRpc<T>(
      this.target,
      this.credentials,
      this.agent,
      `supervisor.${method}`,
      params,
      waits ? this.waitTimeoutMs : this.timeoutMs,
    );
  }

  getState(): Promise<DaemonState> {
    return this.call('getState');
  }

  getAllProcessInfo(): Promise<ProcessInfo[]> {
    return this.call('getAllProcessInfo');
  }

  /** What `supervisorctl reread` asks: the daemon re-reads its config files and compares; no process changes. */
  async reloadConfig(): Promise<ConfigChanges> {
    const [[added, changed, removed]] = await this.call<[[string[], string[], string[]]]>('reloadConfig');
    return { added, changed, removed };
  }

  addProcessGroup(name: string): Promise<boolean> {
    return this.call('addProcessGroup', [name]);
  }

  removeProcessGroup(name: string): Promise<boolean> {
    return this.call('removeProcessGroup', [name]);
  }

  /** `supervisorctl update [group...]`: every group when none is named. */
  update(groups?: string[]): Promise<GroupUpdate[]> {
    return applyUpdate(this, groups ?? []);
  }

  /** Waits until the process is RUNNING (past startsecs) or failed, as supervisorctl start does. */
  startProcess(name: string): Promise<boolean> {
    return this.call('startProcess', [name, true], true);
  }

  stopProcess(name: string): Promise<boolean> {
    return this.call('stopProcess', [name, true], true);
  }

  /** `supervisorctl restart name`: stop (a process that is not running is fine), then start. */
  async restartProcess(name: string): Promise<boolean> {
    try {
      await this.stopProcess(name);
    } catch (error) {
      if (!isFault(error, 'NOT_RUNNING')) throw error;
    }
    return this.startProcess(name);
  }

  startProcessGroup(name: string): Promise<ProcessResult[]> {
    return this.call('startProcessGroup', [name, true], true);
  }

  stopProcessGroup(name: string): Promise<ProcessResult[]> {
    return this.call('stopProcessGroup', [name, true], true);
  }

  /** `supervisorctl restart group:*`: the group's running processes stopped, then every process of it started. */
  async restartProcessGroup(name: string): Promise<ProcessResult[]> {
    await this.stopProcessGroup(name);
    return this.startProcessGroup(name);
  }

  /** A signal by name ('HUP', 'SIGUSR1') or number. */
  signalProcess(name: string, signal: string | number): Promise<boolean> {
    return this.call('signalProcess', [name, String(signal)]);
  }

  signalProcessGroup(name: string, signal: string | number): Promise<ProcessResult[]> {
    return this.call('signalProcessGroup', [name, String(signal)]);
  }

  tailProcessStdoutLog(name: string, offset: number, length: number): Promise<LogTail> {
    return this.tail('Stdout', name, offset, length);
  }

  tailProcessStderrLog(name: string, offset: number, length: number): Promise<LogTail> {
    return this.tail('Stderr', name, offset, length);
  }

  private async tail(channel: 'Stdout' | 'Stderr', name: string, offset: number, length: number): Promise<LogTail> {
    const [text, end, overflow] = await this.call<[string, number, boolean]>(`tailProcess${channel}Log`, [name, offset, length]);
    return { text, offset: end, overflow };
  }

  /** Exactly `length` bytes from `offset` (0: to the end); a negative offset reads that many bytes from the end. */
  readProcessStdoutLog(name: string, offset: number, length: number): Promise<string> {
    return this.call('readProcessStdoutLog', [name, offset, length]);
  }

  readProcessStderrLog(name: string, offset: number, length: number): Promise<string> {
    return this.call('readProcessStderrLog', [name, offset, length]);
  }

  /** Polls a process log like `supervisorctl tail -f`; the follower stops on dispose, on close or at the first error. */
  followLog(
    name: string,
    channel: LogChannel,
    onText: (text: string, overflow: boolean) => void,
    options: FollowOptions = {},
  ): LogFollower {
    const stdout = channel === 'stdout';
    const reader: LogReader = {
      size: async () => (await (stdout ? this.tailProcessStdoutLog(name, 0, 0) : this.tailProcessStderrLog(name, 0, 0))).offset,
      read: (offset, length) =>
        stdout ? this.readProcessStdoutLog(name, offset, length) : this.readProcessStderrLog(name, offset, length),
    };
    const follower = followLog(reader, onText, options, () => this.followers.delete(follower));
    this.followers.add(follower);
    return follower;
  }

  clearProcessLogs(name: string): Promise<boolean> {
    return this.call('clearProcessLogs', [name]);
  }

  /** The daemon's own log; a negative offset reads that many bytes from its end (length 0). */
  readLog(offset: number, length: number): Promise<string> {
    return this.call('readLog', [offset, length]);
  }

  /** Stops every log follower and refuses further calls; calls already sent finish or time out. */
  close(): void {
    this.closed = true;
    for (const follower of [...this.followers]) follower.dispose();
    this.agent.destroy();
  }
}
