// The files of configurations, read from disk (or from an open editor, which wins) and kept: each file read once and
// parsed once per text, each directory listed once, until it changes (the language server is told, or sees a new
// mtime or size when it re-validates) or the cache drops it (entry and byte limits, least recently used first).
// The CLI reads synchronously on demand. The language server reads nothing while it analyses: what an analysis asks
// for and is not loaded is noted, loaded asynchronously (each operation with a time limit), and the analysis runs
// again. A config from an untrusted repository may point its [include] anywhere, so only regular files are read,
// never from /proc, /sys or /dev, never more than a size limit (counted while reading, since /proc files report size
// 0), opened without blocking on FIFOs.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import {
  MAX_CACHED_BYTES,
  MAX_CACHED_FILES,
  MAX_CONCURRENT_FILE_OPERATIONS,
  MAX_FILE_OPERATION_MILLISECONDS,
  MAX_INCLUDED_FILE_BYTES,
} from './analysis/limits';
import { analyzeText, updateModel, type ConfigModel } from './analysis/model';
import { NOT_LOADED, type ConfigSource, type Configuration } from './analysis/workspace';
import { asyncFs } from './util/asyncFs';
import { now } from './util/clock';

/** /proc, /sys and /dev, and what lies under them. */
const PSEUDO_FILE_SYSTEM = /^\/(?:proc|sys|dev)(?:\/|$)/;
/** Node serves allocations below half its 8 KB pool from the pool. */
const POOLED_BYTES = 4095;

export const isPseudo = (path: string) => PSEUDO_FILE_SYSTEM.test(path);

export interface FileText {
  text: string;
  /** What a later re-validation compares. */
  mtimeMs: number;
  size: number;
}

/** How the CLI reads: synchronously, on demand. */
export interface SyncFileSystem {
  read(path: string): FileText | undefined;
  list(dir: string): string[] | undefined;
  exists(path: string): boolean;
}

/** How the language server reads: asynchronously, each operation given up when `signal` aborts. */
export interface AsyncFileSystem {
  read(path: string, signal: AbortSignal): Promise<FileText | undefined>;
  list(dir: string, signal: AbortSignal): Promise<string[] | undefined>;
  /** Modification time and size, or undefined when the path does not exist. */
  stat(path: string, signal: AbortSignal): Promise<{ mtimeMs: number; size: number } | undefined>;
}

/**
 * A file's bytes as they are read, in one buffer, up to one byte past the size limit. Each read fills
 * `buffer` from `filled` to its end (no view made per read).
 */
class SizedText {
  buffer: Buffer;
  filled = 0;
  /**
   * `expected`: the size fstat gave, trusted only to size the buffer and to end early (a /proc file says 0 and has
   * more). `scratch`: a buffer to read into when the expected size and one byte fit (the text is decoded out of it).
   */
  constructor(
    private readonly maxBytes: number,
    private readonly expected: number,
    scratch?: Buffer,
  ) {
    // The expected size and one byte more (the read that finds the end) fit at once; a small file's buffer comes
    // from Node's shared pool.
    const size = Math.min(maxBytes + 1, Math.max(expected + 1, POOLED_BYTES));
    this.buffer = scratch && scratch.length >= size ? scratch : Buffer.allocUnsafe(size);
  }
  /** Room for the next read: the buffer doubled (up to the limit and one byte) when full; returns how much. */
  room(): number {
    if (this.filled === this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.maxBytes + 1, 2 * this.buffer.length));
      this.buffer.copy(grown, 0, 0, this.filled);
      this.buffer = grown;
    }
    return this.buffer.length - this.filled;
  }
  /**
   * Counts a read of `read` bytes into room for `asked`: 'more' to read on, 'end' at the end of the file, 'large' once
   * the file is known to be too large. A regular file that gave fewer bytes than asked, and as many in all as fstat
   * said, is at its end (one read, not two, for a file that has not changed meanwhile).
   */
  add(read: number, asked: number): 'more' | 'end' | 'large' {
    this.filled += read;
    if (this.filled > this.maxBytes) return 'large';
    return read === 0 || (read < asked && this.filled === this.expected) ? 'end' : 'more';
  }
  text(): string {
    return this.buffer.toString('utf8', 0, this.filled);
  }
}

/**
 * What synchronous reads read into: one buffer for every file that fits, instead of half of a new 8 KB pool per
 * config file (and its ArrayBuffer to collect). Safe to share: a synchronous read decodes its text before it returns.
 */
const SCRATCH_BYTES = 64 * 1024;
let scratch: Buffer | undefined;

const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;
/** Undefined where there is no such flag (Windows): there every file is resolved alone. */
const NO_FOLLOW: number | undefined = constants.O_NOFOLLOW;

/**
 * Real paths of directories, each resolved once, for reading many files of a few directories in one go (the CLI's
 * run over a conf.d): resolving each file's path alone costs a readlink per component, five for
 * /etc/supervisor/conf.d/x.conf. A file is opened under its directory's real path without following a symlink in its
 * own name; in a directory where that fails once (a symlinked file), files are resolved alone as before. Only for one
 * batch of reads: a directory replaced by a symlink afterwards would still be read through its old real path.
 */
export class RealDirectories {
  /** Each directory's real path; null where its files are resolved alone. */
  private readonly known = new Map<string, string | null>();

  /** The file opened under its directory's real path; undefined when it is to be resolved alone. */
  open(path: string): number | undefined {
    const slash = path.lastIndexOf('/');
    if (NO_FOLLOW === undefined || slash < 0) return undefined;
    const dir = slash === 0 ? '/' : path.slice(0, slash);
    let real = this.known.get(dir);
    if (real === undefined) this.known.set(dir, (real = realDirectory(dir)));
    if (real === null) return undefined;
    const file = `${real === '/' ? '' : real}/${path.slice(slash + 1)}`;
    if (isPseudo(path) || isPseudo(file)) return undefined;
    try {
      return openSync(file, READ_FLAGS | NO_FOLLOW);
    } catch {
      this.known.set(dir, null);
      return undefined;
    }
  }
}

function realDirectory(dir: string): string | null {
  try {
    return realpathSync.native(dir);
  } catch {
    return null;
  }
}

/**
 * A regular file's text, or undefined when it is not one, is too large, or cannot be read. `directories`: the real
 * paths of directories read from in the same batch.
 */
function readRegularFileWithStat(
  path: string,
  maxBytes: number = MAX_INCLUDED_FILE_BYTES,
  directories?: RealDirectories,
): FileText | undefined {
  let fd: number | undefined;
  try {
    fd = directories?.open(path);
    if (fd === undefined) {
      // The native call resolves the path in one go (the JavaScript one stats every component of every file).
      const real = realpathSync.native(path);
      if (isPseudo(path) || isPseudo(real)) return undefined;
      fd = openSync(real, READ_FLAGS);
    }
    const stats = fstatSync(fd);
    if (!stats.isFile()) return undefined;
    const sized = new SizedText(maxBytes, stats.size, (scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES)));
    for (;;) {
      const asked = sized.room();
      const state = sized.add(readSync(fd, sized.buffer, sized.filled, asked, null), asked);
      if (state === 'large') return undefined;
      if (state === 'end') break;
    }
    return { text: sized.text(), mtimeMs: stats.mtimeMs, size: stats.size };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function readRegularFile(
  path: string,
  maxBytes: number = MAX_INCLUDED_FILE_BYTES,
  directories?: RealDirectories,
): string | undefined {
  return readRegularFileWithStat(path, maxBytes, directories)?.text;
}

const nodeSync: SyncFileSystem = {
  read: (path) => readRegularFileWithStat(path),
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return undefined;
    }
  },
  exists: (path) => {
    try {
      // No error object made for the usual answer (a main config name looked for next to each fragment).
      return statSync(path, { throwIfNoEntry: false }) !== undefined;
    } catch {
      return false;
    }
  },
};

/** Synchronous reads of one batch (the CLI's run): each directory's real path resolved once. */
export function batchFileSystem(directories: RealDirectories): SyncFileSystem {
  return { ...nodeSync, read: (path) => readRegularFileWithStat(path, MAX_INCLUDED_FILE_BYTES, directories) };
}

export const nodeAsync: AsyncFileSystem = {
  async read(path, signal) {
    try {
      const real = await asyncFs.realpath(path);
      if (isPseudo(path) || isPseudo(real)) return undefined;
      const fd = await asyncFs.open(real, READ_FLAGS);
      try {
        const stats = await asyncFs.fstat(fd);
        if (!stats.isFile()) return undefined;
        const sized = new SizedText(MAX_INCLUDED_FILE_BYTES, stats.size);
        for (;;) {
          if (signal.aborted) return undefined;
          const asked = sized.room();
          const { bytesRead } = await asyncFs.read(fd, sized.buffer, sized.filled, asked, null);
          const state = sized.add(bytesRead, asked);
          if (state === 'large') return undefined;
          if (state === 'end') break;
        }
        return { text: sized.text(), mtimeMs: stats.mtimeMs, size: stats.size };
      } finally {
        await asyncFs.close(fd);
      }
    } catch {
      return undefined;
    }
  },
  list: (dir) => asyncFs.readdir(dir).catch(() => undefined),
  stat: (path) =>
    asyncFs.stat(path).then(
      (s) => ({ mtimeMs: s.mtimeMs, size: s.size }),
      () => undefined,
    ),
};

/** The operation's answer, or `fallback` when it fails or is still running after the time limit. */
export function withinTime<T>(operation: (signal: AbortSignal) => Promise<T>, fallback: T, milliseconds: number): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => {
      controller.abort();
      resolve(fallback);
    }, milliseconds);
    operation(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

export interface NodeConfigSourceOptions {
  /** The text of a file open in an editor, if it is. */
  openText?: (path: string) => string | undefined;
  /** Whether a path may be read at all (an untrusted workspace reads only inside its folders). */
  mayRead?: (path: string) => boolean;
  /** Reads on demand (the default: node's synchronous calls). */
  sync?: SyncFileSystem;
  /** Reads nothing on demand: what is missing is loaded by `load()` through this (the language server). */
  async?: AsyncFileSystem;
  /** Time limit of one asynchronous operation. */
  operationMilliseconds?: number;
}

interface FileEntry {
  /** Undefined when the path cannot be read as a config file. */
  file: FileText | undefined;
  model?: ConfigModel;
}

type Miss = { kind: 'read' | 'list' | 'stat'; path: string };

export class NodeConfigSource implements ConfigSource {
  readonly configurations = new Map<string, Configuration>();
  private readonly files = new Map<string, FileEntry>();
  private readonly listings = new Map<string, { names: string[] | undefined; set?: Set<string> }>();
  private readonly existing = new Map<string, boolean>();
  private readonly openModels = new Map<string, ConfigModel>();
  private cachedBytes = 0;
  private version = 0;
  private readonly misses = new Map<string, Miss>();
  /** Operations under way (by miss), how many run, and who waits for a turn. */
  private readonly running = new Map<string, Promise<void>>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly openText: (path: string) => string | undefined;
  private readonly mayRead: (path: string) => boolean;
  private readonly sync: SyncFileSystem;

  constructor(private readonly options: NodeConfigSourceOptions = {}) {
    this.openText = options.openText ?? (() => undefined);
    this.mayRead = options.mayRead ?? (() => true);
    this.sync = options.sync ?? nodeSync;
  }

  generation(): number {
    return this.version;
  }

  list(dir: string): string[] | undefined {
    if (!this.mayRead(dir) || isPseudo(`${dir}/`)) return undefined;
    const cached = this.listings.get(dir);
    if (cached) return cached.names;
    if (this.options.async) return this.miss('list', dir, undefined);
    return this.storeListing(dir, this.sync.list(dir));
  }

  exists(path: string): boolean {
    if (!this.mayRead(path)) return false;
    if (this.openText(path) !== undefined) return true;
    const known = this.existing.get(path) ?? this.listed(path);
    if (known !== undefined) return known;
    if (this.options.async) return this.miss('stat', path, false);
    const exists = this.sync.exists(path);
    this.existing.set(path, exists);
    return exists;
  }

  text(path: string): string | undefined | typeof NOT_LOADED {
    const open = this.openText(path);
    if (open !== undefined) return open;
    const entry = this.entry(path);
    return entry === NOT_LOADED ? NOT_LOADED : entry?.file?.text;
  }

  model(path: string): ConfigModel | undefined | typeof NOT_LOADED {
    const open = this.openText(path);
    if (open !== undefined) return this.openModel(path, open);
    const entry = this.entry(path);
    if (entry === NOT_LOADED) return NOT_LOADED;
    if (!entry?.file) return undefined;
    return (entry.model ??= analyzeText(entry.file.text, path));
  }

  /** What is known of a file on disk: read now (the CLI) or noted as missing (the server), undefined if not to read. */
  private entry(path: string): FileEntry | undefined | typeof NOT_LOADED {
    if (!this.mayRead(path)) return undefined;
    let entry = this.files.get(path);
    if (entry) {
      // Most recently used last.
      this.files.delete(path);
      this.files.set(path, entry);
    } else if (this.options.async) return this.miss('read', path, NOT_LOADED);
    else entry = this.storeFile(path, this.sync.read(path));
    return entry;
  }

  /** Whether an analysis since the last load asked for something not loaded. */
  hasMisses(): boolean {
    return this.misses.size > 0;
  }

  /**
   * Loads what analyses asked for and did not find, MAX_CONCURRENT_FILE_OPERATIONS at a time, each within its time
   * limit (a path that fails or times out is unreadable); operations not started by `deadline` (util/clock.ts `now()`)
   * are left for the next load. An operation another load already runs is waited for, not run twice, and one whose
   * answer came in since it was asked for (by another load) is not run again.
   */
  async load(deadline = Infinity): Promise<void> {
    const work = [...this.misses].filter(([, miss]) => !this.answered(miss));
    this.misses.clear();
    await Promise.all(
      work.map(([key, miss]) => {
        let running = this.running.get(key);
        if (!running) {
          running = this.queued(() => this.fetch(miss), deadline).finally(() => this.running.delete(key));
          this.running.set(key, running);
        }
        return running;
      }),
    );
  }

  /** Runs `operation` once fewer than MAX_CONCURRENT_FILE_OPERATIONS run, unless `deadline` passed meanwhile. */
  private async queued(operation: () => Promise<void>, deadline: number): Promise<void> {
    while (this.active >= MAX_CONCURRENT_FILE_OPERATIONS) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (now() >= deadline) {
      this.waiting.shift()?.();
      return;
    }
    this.active++;
    try {
      await operation();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private async fetch({ kind, path }: Miss): Promise<void> {
    const fs = this.options.async!;
    const limit = this.options.operationMilliseconds ?? MAX_FILE_OPERATION_MILLISECONDS;
    if (kind === 'read') this.storeFile(path, await withinTime((signal) => fs.read(path, signal), undefined, limit));
    else if (kind === 'list') this.storeListing(path, await withinTime((signal) => fs.list(path, signal), undefined, limit));
    else this.existing.set(path, (await withinTime((signal) => fs.stat(path, signal), undefined, limit)) !== undefined);
    this.version++;
  }

  /** Forgets what is known of a path: its text changed (on disk or in an editor), or it was created or deleted. */
  changed(path: string, createdOrDeleted = false): void {
    this.forgetFile(path);
    // An open document's model stays: its next version is modelled from it, re-reading only what the edit touched.
    if (this.openText(path) === undefined) this.openModels.delete(path);
    if (createdOrDeleted) {
      this.existing.delete(path);
      this.forgetListing(posix.dirname(path));
    }
    this.version++;
  }

  /** Drops files whose modification time or size changed since they were read; resolves with how many. */
  async revalidate(): Promise<number> {
    const fs = this.options.async;
    if (!fs) return 0;
    const limit = this.options.operationMilliseconds ?? MAX_FILE_OPERATION_MILLISECONDS;
    const read = [...this.files].flatMap(([path, entry]) => (entry.file ? [{ path, file: entry.file }] : []));
    let changed = 0;
    let next = 0;
    const worker = async () => {
      while (next < read.length) {
        const { path, file } = read[next++];
        const current = await withinTime((signal) => fs.stat(path, signal), undefined, limit);
        if (current?.mtimeMs === file.mtimeMs && current.size === file.size) continue;
        this.changed(path, current === undefined);
        changed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_FILE_OPERATIONS, read.length) }, worker));
    return changed;
  }

  /** Keeps only what the configurations of `paths` (main configs and files analysed on their own) use. */
  retain(paths: ReadonlySet<string>): void {
    const kept = new Set<string>();
    for (const [main, configuration] of this.configurations) {
      if (paths.has(main) || [...paths].some((path) => configuration.matched.has(path))) {
        configuration.texts.forEach((_, path) => kept.add(path));
      } else this.configurations.delete(main);
    }
    paths.forEach((path) => kept.add(path));
    for (const path of [...this.files.keys()]) if (!kept.has(path)) this.forgetFile(path);
    for (const path of [...this.openModels.keys()]) if (!kept.has(path)) this.openModels.delete(path);
    // Listings and stats are cheap to redo and may be large (a glob over /usr): all go.
    for (const dir of [...this.listings.keys()]) this.forgetListing(dir);
    this.existing.clear();
    this.misses.clear();
    this.version++;
  }

  /** Counts of what is cached, for tests and the bench. */
  size(): { files: number; listings: number; bytes: number; configurations: number } {
    return { files: this.files.size, listings: this.listings.size, bytes: this.cachedBytes, configurations: this.configurations.size };
  }

  /** Drops everything (files changed on disk). */
  clear(): void {
    this.retain(new Set());
  }

  /** Notes what was asked for and not loaded; what was built from this answer is of no later generation. */
  private miss<T>(kind: Miss['kind'], path: string, answer: T): T {
    this.misses.set(`${kind}:${path}`, { kind, path });
    this.version++;
    return answer;
  }

  private answered({ kind, path }: Miss): boolean {
    return (kind === 'read' ? this.files : kind === 'list' ? this.listings : this.existing).has(path);
  }

  /** Whether a path exists, from its directory's listing when that is known. */
  private listed(path: string): boolean | undefined {
    // Split by hand where no `/` ends the path or doubles its last one (a glob's answers): posix.dirname and
    // basename cost more.
    let slash = path.endsWith('/') ? -1 : path.lastIndexOf('/');
    if (slash > 0 && path[slash - 1] === '/') slash = -1;
    const dir = slash < 0 ? posix.dirname(path) : slash === 0 ? '/' : path.slice(0, slash);
    const listing = this.listings.get(dir);
    if (!listing?.names || path === '/') return undefined;
    listing.set ??= new Set(listing.names);
    return listing.set.has(slash < 0 ? posix.basename(path) : path.slice(slash + 1));
  }

  private openModel(path: string, text: string): ConfigModel {
    const cached = this.openModels.get(path);
    if (cached?.text === text) return cached;
    const model = cached ? updateModel(cached, text) : analyzeText(text, path);
    this.openModels.set(path, model);
    return model;
  }

  private storeFile(path: string, file: FileText | undefined): FileEntry {
    this.forgetFile(path);
    const entry: FileEntry = { file };
    this.files.set(path, entry);
    this.cachedBytes += file?.text.length ?? 0;
    this.evict();
    return entry;
  }

  private storeListing(dir: string, names: string[] | undefined): string[] | undefined {
    this.forgetListing(dir);
    this.listings.set(dir, { names });
    this.cachedBytes += names?.reduce((sum, name) => sum + name.length, 0) ?? 0;
    this.evict();
    return names;
  }

  /** The least recently used files and listings go first; a change of what is cached is a new generation. */
  private evict(): void {
    while (this.files.size + this.listings.size > MAX_CACHED_FILES || this.cachedBytes > MAX_CACHED_BYTES) {
      const file = this.files.keys().next();
      if (this.files.size > 1 && !file.done) this.forgetFile(file.value);
      else if (this.listings.size > 1) this.forgetListing(this.listings.keys().next().value!);
      else break;
      this.version++;
    }
  }

  private forgetFile(path: string): void {
    this.cachedBytes -= this.files.get(path)?.file?.text.length ?? 0;
    this.files.delete(path);
  }

  private forgetListing(dir: string): void {
    this.cachedBytes -= this.listings.get(dir)?.names?.reduce((sum, name) => sum + name.length, 0) ?? 0;
    this.listings.delete(dir);
  }
}
