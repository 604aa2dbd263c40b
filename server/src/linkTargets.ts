// Which paths a document link may point to, found without ever blocking the language server: each path is checked
// asynchronously within a time limit, a whole request within the same limit, and only regular files and directories
// are linked. A FIFO, device or socket (which an editor would hang on or fail to open) and anything under /proc, /sys
// or /dev get no link; so does a path an untrusted workspace may not read.
import { MAX_CONCURRENT_FILE_OPERATIONS, MAX_FILE_OPERATION_MILLISECONDS } from './analysis/limits';
import type { LinkTarget } from './features/links';
import { isPseudo, withinTime } from './nodeConfigSource';
import { asyncFs } from './util/asyncFs';
import { now } from './util/clock';

async function targetOf(path: string): Promise<LinkTarget | undefined> {
  try {
    const real = await asyncFs.realpath(path);
    if (isPseudo(real)) return undefined;
    const stats = await asyncFs.stat(real);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : undefined;
  } catch {
    return undefined;
  }
}

export class LinkTargets {
  /** Checks under way by path: a path that hangs (a dead network mount) is checked once, not once per request. */
  private readonly running = new Map<string, Promise<LinkTarget | undefined>>();

  constructor(
    /** Whether a path may be looked at (an untrusted workspace reads only inside its folders). */
    private readonly mayRead: (path: string) => boolean,
    private readonly milliseconds = MAX_FILE_OPERATION_MILLISECONDS,
    private readonly check: (path: string) => Promise<LinkTarget | undefined> = targetOf,
  ) {}

  /**
   * The linkable paths among `paths`, with what they are; a path not known by the time limit (or once `cancelled`)
   * is left out. At most MAX_CONCURRENT_FILE_OPERATIONS checks run at once.
   */
  async find(paths: readonly string[], cancelled: () => boolean = () => false): Promise<Map<string, LinkTarget>> {
    const deadline = now() + this.milliseconds;
    const pending = [...new Set(paths)].filter((path) => this.mayRead(path) && !isPseudo(path));
    const found = new Map<string, LinkTarget>();
    const worker = async () => {
      for (let path = pending.pop(); path !== undefined && !cancelled(); path = pending.pop()) {
        const left = deadline - now();
        if (left <= 0) return;
        const target = await withinTime(() => this.checkOnce(path!), undefined, left);
        if (target) found.set(path, target);
      }
    };
    await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_FILE_OPERATIONS, pending.length) }, worker));
    return found;
  }

  private checkOnce(path: string): Promise<LinkTarget | undefined> {
    let running = this.running.get(path);
    if (!running) {
      running = this.check(path).finally(() => this.running.delete(path));
      this.running.set(path, running);
    }
    return running;
  }
}
