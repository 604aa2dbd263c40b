// The supervisor-lint executable (bundled to dist/cli.js).
import { LargeRun } from './cli/largeRun';
import { main } from './cli/main';
import { standardOutput } from './cli/output';
import { warmedUp } from './startup/warm';

const output = standardOutput();
let linted = 0;
const largeRun = new LargeRun();
process.exitCode = main(process.argv.slice(2), {
  out: output.out,
  err: output.err,
  isTerminal: () => process.stdout.isTTY === true,
  env: process.env,
  linted: (files) => (linted = files),
  linting: (length) => largeRun.linting(length),
});
// The run is done: what V8 compiled for it is kept for the next run (see startup/codeCache.ts), under V8's defaults.
// A run that linted nothing (--version, a usage error) compiled too little of the linter to be worth keeping.
if (linted > 0) {
  largeRun.restore();
  warmedUp(linted);
}
// Every byte is out: ending now skips the event loop's last turn and the heap's teardown.
if (output.synchronous) process.exit();
