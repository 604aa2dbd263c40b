// The supervisor-lint executable (bundled to dist/cli.js). A reader that closes the pipe early (`| head`) is not an
// error: output stops quietly and the run ends with the status its findings give.
import { main } from './cli/main';
import { warmedUp } from './startup/warm';

let pipeClosed = false;
function onWriteError(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
  pipeClosed = true;
}

process.stdout.on('error', onWriteError);
process.exitCode = main(process.argv.slice(2), {
  out: (text) => {
    if (pipeClosed) return;
    try {
      process.stdout.write(text);
    } catch (error) {
      onWriteError(error as NodeJS.ErrnoException);
    }
  },
  err: (text) => process.stderr.write(text),
  isTerminal: process.stdout.isTTY === true,
  env: process.env,
});
// The run is done: what V8 compiled for it is kept for the next run (see startup/codeCache.ts).
warmedUp();
