// Standard output. On POSIX it is written with fs.writeSync on descriptor 1, not through process.stdout: making that
// stream loads Node's stream modules (and net for a pipe) at every run, for the one write a run makes at its end.
// Windows keeps the stream, which writes to a console as UTF-16 (bytes written to it go through its code page).
import { writeSync } from 'node:fs';

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
 * Writes to standard output. A reader that closes the pipe early (`| head`) is not an error: output stops quietly
 * and the run ends with the status its findings give.
 */
export function standardOutput(): (text: string) => void {
  let pipeClosed = false;
  if (process.platform !== 'win32') {
    return (text) => {
      pipeClosed ||= !writeAll(1, text);
    };
  }
  const onWriteError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    pipeClosed = true;
  };
  process.stdout.on('error', onWriteError);
  return (text) => {
    if (pipeClosed) return;
    try {
      process.stdout.write(text);
    } catch (error) {
      onWriteError(error as NodeJS.ErrnoException);
    }
  };
}
