// The supervisor-lint executable (bundled to dist/cli.js).
import { main } from './cli/main';
import { standardOutput } from './cli/stdout';
import { warmedUp } from './startup/warm';

process.exitCode = main(process.argv.slice(2), {
  out: standardOutput(),
  err: (text) => process.stderr.write(text),
  isTerminal: () => process.stdout.isTTY === true,
  env: process.env,
});
// The run is done: what V8 compiled for it is kept for the next run (see startup/codeCache.ts).
warmedUp();
