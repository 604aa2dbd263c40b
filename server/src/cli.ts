// The supervisor-lint executable (bundled to dist/cli.js). A reader that closes the pipe early (`| head`) ends the
// run quietly with the status it had.
import { main } from './cli/main';

function quitOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
}

process.stdout.on('error', quitOnClosedPipe);
const write = (text: string) => {
  try {
    process.stdout.write(text);
  } catch (error) {
    quitOnClosedPipe(error as NodeJS.ErrnoException);
  }
};
process.exitCode = main(process.argv.slice(2), {
  out: write,
  err: (text) => process.stderr.write(text),
  isTerminal: process.stdout.isTTY === true,
  env: process.env,
});
