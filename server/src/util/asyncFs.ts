// Promise versions of the node:fs calls the server makes without blocking. Not node:fs/promises: loading that module
// loads readline, FileHandle and more at every start of the server (about 2 ms), for calls the callback API offers too.
import { close, fstat, open, read, readdir, realpath, stat } from 'node:fs';
import { promisify } from 'node:util';

export const asyncFs = {
  close: promisify(close),
  fstat: promisify(fstat),
  open: promisify(open),
  read: promisify(read),
  readdir: promisify(readdir),
  /** The system's realpath(3), as node:fs/promises' realpath. */
  realpath: promisify(realpath.native),
  stat: promisify(stat),
};
