// Following a process log by polling, as `supervisorctl tail -f` shows it: the log's last 1600 bytes first, then
// whatever is appended. Each poll asks for the log's size (tailProcess*Log with length 0) and, when it grew, reads
// exactly the new bytes (readProcess*Log from the previous end): tailProcess*Log itself returns the last `length`
// bytes of the file rather than the bytes from `offset` (Supervisor 4.2.5 `supervisor/options.py`: `tailFile`),
// so it would repeat old output.
import { LiveError } from './errors';

export type LogChannel = 'stdout' | 'stderr';

export interface FollowOptions {
  /** Pause between two polls (default 1000 ms). */
  intervalMs?: number;
  /** Bytes shown from the end of the log at the start (default 1600, as `supervisorctl tail`). */
  initialBytes?: number;
  /** Most bytes read per poll (default 64 KiB); when more is new, the older part is skipped and reported as overflow. */
  chunkBytes?: number;
  /** Called once when a poll fails; the follower has stopped then. */
  onError?: (error: unknown) => void;
}

export interface LogFollower {
  dispose(): void;
}

export interface LogReader {
  size(): Promise<number>;
  read(offset: number, length: number): Promise<string>;
}

/**
 * supervisord decodes the bytes it read as UTF-8 and answers HTTP 500 when they start inside a character: a read
 * at an arbitrary offset moves on by up to three bytes (a UTF-8 character's continuation bytes) to the next one.
 */
async function readText(reader: LogReader, offset: number, length: number): Promise<string> {
  for (let skip = 0; ; skip++) {
    try {
      return await reader.read(offset + skip, length - skip);
    } catch (error) {
      const retry = error instanceof LiveError && error.kind === 'protocol' && skip < 3 && length - skip > 1;
      if (!retry) throw error;
    }
  }
}

export function followLog(
  reader: LogReader,
  onText: (text: string, overflow: boolean) => void,
  options: FollowOptions,
  onStop: () => void,
): LogFollower {
  const intervalMs = options.intervalMs ?? 1000;
  const chunkBytes = options.chunkBytes ?? 65_536;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let offset: number | undefined;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    onStop();
  };

  const poll = async () => {
    const size = await reader.size();
    // First poll: start initialBytes before the end. A log that shrank (cleared, rotated) is new from its start.
    const from = offset === undefined ? Math.max(0, size - (options.initialBytes ?? 1600)) : offset > size ? 0 : offset;
    const overflow = size - from > chunkBytes;
    const start = overflow ? size - chunkBytes : from;
    const text = size > start ? await readText(reader, start, size - start) : '';
    offset = size;
    if (text && !stopped) onText(text, overflow);
  };

  const loop = async () => {
    try {
      await poll();
    } catch (error) {
      if (stopped) return;
      stop();
      options.onError?.(error);
      return;
    }
    if (!stopped) timer = setTimeout(() => void loop(), intervalMs);
  };

  void loop();
  return { dispose: stop };
}
