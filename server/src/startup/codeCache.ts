// Runs a bundle of dist/ through V8's code cache: the next start reads back the bytecode V8 compiled in this run
// (the bundle's top level and every function the run that wrote it used, renewed by a run that did much more: see
// RENEW_FACTOR) instead of parsing and compiling 0.5-1 MB of JavaScript again. Node 20 has no
// module.enableCompileCache, so this is done with vm.Script's cachedData.
// The cache is only ever a shortcut: a missing, unreadable, corrupt, stale or rejected cache file means a normal
// start (and a fresh file once the process has warmed up); one that cannot be written is silently not written.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';
import { lazyCrypto } from '../util/lazyCrypto';
import { onWarm } from './warm';

/**
 * Starts every cache file: its format, then the checksum (see `checksum`) of all that follows: the work of the run
 * that wrote it (4 bytes, see `RENEW_FACTOR`), then the V8 data.
 */
const MAGIC = 0x33435653;
/** Room for the longer checksum, SHA-256; a CRC-32 fills the first four bytes and zeros the rest. */
const DIGEST_BYTES = 32;
const CHECKED_FROM = 4 + DIGEST_BYTES;
const HEADER_BYTES = CHECKED_FROM + 4;

/**
 * A cache holds what the run that wrote it compiled: a run that did little (a first `--version`, a one-file lint)
 * leaves out the functions a larger run needs, and every later run would compile them again. A run that did this many
 * times the writer's work (the CLI: files linted) writes the cache anew, so a cache is renewed at most a few times
 * over the life of a build (1, 2, 4, ... files), and runs of the same size never write.
 */
const RENEW_FACTOR = 2;

type Environment = Record<string, string | undefined>;

/**
 * Where caches live: `SUPERVISOR_CODE_CACHE` when set (empty: no cache; the VS Code client points it into the
 * extension's global storage), else the user's cache directory. Never a shared temporary directory: whoever can
 * write the cache decides what code runs.
 */
export function cacheDirectory(env: Environment, platform: NodeJS.Platform = process.platform): string | undefined {
  const chosen = env.SUPERVISOR_CODE_CACHE;
  if (chosen !== undefined) return chosen === '' ? undefined : chosen;
  const absolute = (path: string | undefined) => (path && isAbsolute(path) ? path : undefined);
  const base =
    absolute(env.XDG_CACHE_HOME) ?? (platform === 'win32' ? absolute(env.LOCALAPPDATA) : absolute(env.HOME) && join(env.HOME!, '.cache'));
  return base && join(base, 'vscode-supervisor');
}

/**
 * Runs `bundle` (a CommonJS file) as Node would, with `bundleRequire` as its require and its code cache in
 * `directory`. `buildHash` identifies the bundle's content: V8 checks only the source's length, so the file name
 * carries the build, V8's version, the architecture and the flags V8 was started with (its cache depends on them).
 */
export function runWithCodeCache(bundle: string, buildHash: string, directory: string | undefined, bundleRequire: NodeJS.Require): void {
  const source = readFileSync(bundle, 'utf8');
  const name = basename(bundle, '.js');
  const file = directory === undefined ? undefined : join(directory, `${name}-${buildHash}-${runtimeKey()}.bin`);
  const cached = file === undefined ? undefined : readCache(file);
  // The wrapper Node puts around a CommonJS module, on the bundle's first line so that line numbers stay.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData: cached?.data,
  });
  const written = cached === undefined || script.cachedDataRejected === true ? 0 : cached.work;
  if (file !== undefined)
    onWarm((work) => {
      if (written > 0 && work < RENEW_FACTOR * written) return;
      if (saveCache(file, script, work)) removeOldBuilds(dirname(file), name, buildHash);
    });
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  run(module.exports, bundleRequire, module, bundle, dirname(bundle));
}

/** What V8's cache depends on besides the source: its version, the architecture and V8's flags. */
function runtimeKey(): string {
  const runtime = [process.versions.v8, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  return checksum(Buffer.from(runtime)).toString('hex', 0, 4);
}

/** The V8 data of a cache file whose header and checksum hold, and the work of the run that wrote it; else undefined. */
function readCache(file: string): { data: Buffer; work: number } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length <= HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC) return undefined;
  // V8 trusts the bytes it is given: a file cut short or zeroed by a crash must never reach it.
  if (!checksum(bytes.subarray(CHECKED_FROM)).equals(bytes.subarray(4, CHECKED_FROM))) return undefined;
  return { data: bytes.subarray(HEADER_BYTES), work: bytes.readUInt32LE(CHECKED_FROM) };
}

/** Writes the cache atomically (a reader sees the old file or the new one); false when it could not. */
function saveCache(file: string, script: Script, work: number): boolean {
  try {
    const data = script.createCachedData();
    const checked = Buffer.concat([Buffer.alloc(4), data]);
    checked.writeUInt32LE(Math.min(work, 0xffffffff), 0);
    const header = Buffer.alloc(4);
    header.writeUInt32LE(MAGIC, 0);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([header, checksum(checked), checked]), { mode: 0o600 });
    renameSync(temporary, file);
    return true;
  } catch {
    // Not writable (read-only home, full disk, a file where the directory should be): the next start compiles.
    return false;
  }
}

/**
 * Builds of a bundle whose caches are kept: this one and the others written most recently. Two installs of different
 * versions (a global and a project-local supervisor-lint) take turns without removing each other's cache, and the
 * caches of builds no longer run are removed once newer ones were written.
 */
const KEPT_BUILDS = 3;

/** Removes the caches of this bundle's builds but the KEPT_BUILDS - 1 others written last (runs only after a write). */
function removeOldBuilds(directory: string, bundle: string, buildHash: string): void {
  try {
    const others = new Map<string, { files: string[]; written: number }>();
    for (const name of readdirSync(directory)) {
      if (!name.startsWith(`${bundle}-`) || !name.endsWith('.bin')) continue;
      const build = name.slice(bundle.length + 1).split('-')[0];
      if (build === buildHash) continue;
      const file = join(directory, name);
      const written = statSync(file).mtimeMs;
      const seen = others.get(build) ?? { files: [], written };
      seen.files.push(file);
      seen.written = Math.max(seen.written, written);
      others.set(build, seen);
    }
    const oldestLast = [...others.values()].sort((a, b) => b.written - a.written);
    for (const { files } of oldestLast.slice(KEPT_BUILDS - 1)) files.forEach((file) => unlinkSync(file));
  } catch {
    // Removed meanwhile by another process, or not ours to remove: they only take space.
  }
}

/**
 * The checksum of `data`, DIGEST_BYTES long, computed natively: CRC-32 where the runtime has it (Node 20.15 and later),
 * else SHA-256 (node:crypto costs about 2 ms more to load, which neither bundle needs otherwise). A cache file is only
 * read by the runtime that wrote it (runtimeKey), so both sides pick the same one. Cut or zeroed files fail either.
 * zlib brings Node's stream modules, which the CLI loads for nothing else: loading it and checking a 450 KB cache
 * took 2.3 ms (median of 40 fresh processes, alternating), a JavaScript word hash 5.3 ms (it runs before V8 optimises
 * it), though the hash runs fewer instructions in all (callgrind: 10M against zlib's 33M, of which 28M are streams).
 */
function checksum(data: Uint8Array): Buffer {
  if (typeof crc32 !== 'function') {
    return lazyCrypto().createHash('sha256').update(data).digest();
  }
  const digest = Buffer.alloc(DIGEST_BYTES);
  digest.writeUInt32LE(crc32(data), 0);
  return digest;
}
