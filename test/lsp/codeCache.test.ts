// The server through its code cache (server/src/startup/codeCache.ts): the first start writes the cache once its first
// diagnostics are out, the next start reads it, and a corrupt cache changes nothing a client sees.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

/** A cache file starts with its format tag and the checksum of the V8 data (CRC-32 or SHA-256, in 32 bytes). */
const HEADER_BYTES = 4 + 32;

const URI = 'file:///etc/supervisor/conf.d/gevent.conf';
const GEVENT = readFileSync('test/fixtures/celery/gevent-max-memory.conf', 'utf8');

/** One server start: the diagnostics of the fixture, then shutdown and exit. */
async function diagnose(cache: string): Promise<Diagnostic[]> {
  const client = new LspClient([], { SUPERVISOR_CODE_CACHE: cache });
  try {
    await client.initialize();
    await client.open(URI, GEVENT);
    return await client.diagnosticsFor(URI);
  } finally {
    await client.close();
  }
}

const serverCaches = (dir: string) => readdirSync(dir).filter((name) => /^server-main-[0-9a-f]{16}-[0-9a-f]+\.bin$/.test(name));

test('the server writes its code cache after the first diagnostics and reads it at the next start', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-cache-'));
  const expected = await diagnose('');
  assert.equal(expected[0]?.code, 'celery/max-memory-per-child-ignored');
  assert.deepEqual(await diagnose(dir), expected);
  const [name, ...more] = serverCaches(dir);
  assert.deepEqual(more, []);
  const written = readFileSync(join(dir, name));
  assert.deepEqual(await diagnose(dir), expected);
  assert.equal(readFileSync(join(dir, name)).equals(written), true, 'an accepted cache is not rewritten');
  writeFileSync(join(dir, name), Buffer.concat([written.subarray(0, HEADER_BYTES), Buffer.alloc(written.length - HEADER_BYTES)]));
  assert.deepEqual(await diagnose(dir), expected);
  assert.equal(
    readFileSync(join(dir, name))
      .subarray(HEADER_BYTES)
      .some((byte) => byte !== 0),
    true,
    'the zeroed cache is replaced',
  );
});
