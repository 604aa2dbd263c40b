// Preloaded into the language server by protocol tests (node --import ./test/helpers/slowFiles.mjs), as on a slow or
// dead network mount: every file operation on a path containing ".slow" takes SLOW_MILLISECONDS longer (within the
// server's time limit for one operation, though many of them outlast its loading budget), and one on a path
// containing ".hang" never completes. The server itself has no test hook: it reads through node:fs's callback API
// (server/src/util/asyncFs.ts), patched here before the server loads.
import fs from 'node:fs';

const SLOW_MILLISECONDS = 300;

/** `operation(path, ...rest, callback)`, slowed down or hung by its path. */
function slowed(operation) {
  return (path, ...rest) => {
    if (String(path).includes('.hang')) return;
    if (String(path).includes('.slow')) return void setTimeout(() => operation(path, ...rest), SLOW_MILLISECONDS);
    operation(path, ...rest);
  };
}

for (const name of ['stat', 'lstat', 'readdir', 'open']) fs[name] = slowed(fs[name]);
fs.realpath.native = slowed(fs.realpath.native);
