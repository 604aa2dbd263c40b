// Preloaded into the language server by protocol tests (node --import ./test/helpers/slowFiles.mjs), as on a slow or
// dead network mount: every file operation on a path containing ".slow" takes SLOW_MILLISECONDS longer (within the
// server's time limit for one operation, though many of them outlast its loading budget), and one on a path
// containing ".hang" never completes. The server itself has no test hook.
import fs from 'node:fs/promises';

const SLOW_MILLISECONDS = 300;
for (const name of ['realpath', 'stat', 'lstat', 'readdir', 'open']) {
  const original = fs[name];
  fs[name] = async (path, ...rest) => {
    if (String(path).includes('.hang')) await new Promise(() => undefined);
    if (String(path).includes('.slow')) await new Promise((resolve) => setTimeout(resolve, SLOW_MILLISECONDS));
    return original(path, ...rest);
  };
}
