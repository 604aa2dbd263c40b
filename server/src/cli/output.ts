// Standard output and error. On POSIX both are written with fs.writeSync on their descriptors, not through
// process.stdout and process.stderr: making those streams loads Node's stream modules (and net for a pipe) at every
// run, for the one write a run makes at its end; and with every byte written when a write returns, the process may
// end at once. Windows keeps the streams, which write to a console as UTF-16 (bytes go through its code page).
import { writeSync } from 'node:fs';

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Whatever was written is out: the process may exit without waiting for a stream. */
  synchronous: boolean;
}

/** A short sleep without the event loop, for a non-blocking pipe whose reader is behind. */
const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);

/** Writes all of `text` to descriptor `fd`; false when the reader is gone (EPIPE). */
function writeAll(fd: number, text: string): boolean {
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length;) {
    try {
      done += writeSync(fd, bytes, done);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return false;
      if (code !== 'EAGAIN') throw error;
      pause();
    }
  }
  return true;
}

/**
 * The CLI's output. A reader that closes standard output early (`| head`) is not an error: output stops quietly and
 * the run ends with the status its findings give.
 */
export function standardOutput(): Output {
  let outClosed = false;
  if (process.platform !== 'win32') {
    return {
      out: (text) => {
        outClosed ||= !writeAll(1, text);
      },
      // A closed standard error loses the message, nothing more.
      err: (text) => void writeAll(2, text),
      synchronous: true,
    };
  }
  const onWriteError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    outClosed = true;
  };
  process.stdout.on('error', onWriteError);
  return {
    out: (text) => {
      if (outClosed) return;
      try {
        process.stdout.write(text);
      } catch (error) {
        onWriteError(error as NodeJS.ErrnoException);
      }
    },
    err: (text) => void process.stderr.write(text),
    synchronous: false,
  };
}
