// node:crypto, loaded when first used. Loading it costs about 2 ms, and most runs of the CLI and the server never
// use it: only `--fix` (names of temporary files), `--format gitlab` (fingerprints) and runtimes without zlib.crc32
// (the code cache's checksum) do.
import type * as Crypto from 'node:crypto';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a static import would load it at every start
export const lazyCrypto = (): typeof Crypto => require('node:crypto') as typeof Crypto;
