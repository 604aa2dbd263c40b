// Reading config files from disk (nodeConfigSource.ts): the whole text at any size around the read buffer's
// boundaries, synchronously and asynchronously, through a symlink as through the file itself, and nothing past the
// size limit. A read ends early when it comes back short with as many bytes as fstat said: sizes around the pooled
// buffer's (4095 bytes), Node's pool's (8192) and the synchronous reads' shared buffer's (65,536) check that it ends
// with the whole text.
import assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { nodeAsync, readRegularFile } from '../../server/src/nodeConfigSource';

const root = mkdtempSync(join(tmpdir(), 'file-reading-'));
/** A text of `bytes` UTF-8 bytes, with a two-byte character when there is room for the header that holds it. */
const textOf = (bytes: number) => (bytes < 13 ? 'x'.repeat(bytes) : `[program:é]\n${'x'.repeat(bytes - 13)}`);

describe('reading a config file', () => {
  for (const bytes of [0, 1, 4094, 4095, 4096, 4097, 8190, 8191, 8192, 65_534, 65_535, 65_536, 100_000]) {
    test(`${bytes} bytes, synchronously and asynchronously`, async () => {
      const path = join(root, `size-${bytes}.conf`);
      const text = textOf(bytes);
      assert.equal(Buffer.byteLength(text), bytes);
      writeFileSync(path, text);
      assert.equal(readRegularFile(path), text);
      const read = await nodeAsync.read(path, new AbortController().signal);
      assert.deepEqual(read && { text: read.text, size: read.size }, { text, size: Buffer.byteLength(text) });
    });
  }

  test('through a symlink, the file it points to', () => {
    const path = join(root, 'target.conf');
    writeFileSync(path, '[program:a]\ncommand=/bin/true\n');
    symlinkSync(path, join(root, 'link.conf'));
    assert.equal(readRegularFile(join(root, 'link.conf')), '[program:a]\ncommand=/bin/true\n');
  });

  test('nothing past the size limit, up to it the whole text', async () => {
    const path = join(root, 'limit.conf');
    writeFileSync(path, 'x'.repeat(5000));
    assert.equal(readRegularFile(path, 5000), 'x'.repeat(5000));
    assert.equal(readRegularFile(path, 4999), undefined);
    assert.equal(readRegularFile(path, 100), undefined);
  });

  test('not a directory, nor a file under /proc through a symlink', () => {
    assert.equal(readRegularFile(root), undefined);
    symlinkSync('/proc/self/status', join(root, 'status.conf'));
    assert.equal(readRegularFile(join(root, 'status.conf')), undefined);
  });
});
