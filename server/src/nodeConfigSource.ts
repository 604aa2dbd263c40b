// Reads the other files of a configuration from disk (or from an open editor, which wins), parsing each once per
// content: the ConfigSource the CLI and the language server give the analysis. A config from an untrusted repository
// may point its [include] anywhere, so only regular files are read, never from /proc, /sys or /dev, never more than
// a size limit (counted while reading, since /proc files report size 0), opened without blocking on FIFOs.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { MAX_INCLUDED_FILE_BYTES, MAX_INCLUDED_TOTAL_BYTES } from './analysis/limits';
import { analyzeText, type ConfigModel } from './analysis/model';
import type { ConfigSource } from './analysis/workspace';

/** Parsed files kept, and their total text; the least recently used go first. */
const MAX_CACHED_MODELS = 20_000;
const MAX_CACHED_BYTES = 2 * MAX_INCLUDED_TOTAL_BYTES;
const PSEUDO_FILE_SYSTEMS = ['/proc/', '/sys/', '/dev/'];

const isPseudo = (path: string) => PSEUDO_FILE_SYSTEMS.some((root) => path.startsWith(root) || path === root.slice(0, -1));

export interface NodeConfigSourceOptions {
  /** The text of a file open in an editor, if it is. */
  openText?: (path: string) => string | undefined;
  /** Whether a path may be read at all (an untrusted workspace reads only inside its folders). */
  mayRead?: (path: string) => boolean;
}

/** A regular file's text, or undefined when it is not one, is too large, or cannot be read. */
export function readRegularFile(path: string, maxBytes: number = MAX_INCLUDED_FILE_BYTES): string | undefined {
  let fd: number | undefined;
  try {
    const real = realpathSync(path);
    if (isPseudo(path) || isPseudo(real)) return undefined;
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return undefined;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) return undefined;
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export class NodeConfigSource implements ConfigSource {
  private readonly models = new Map<string, { text: string; model: ConfigModel }>();
  private cachedBytes = 0;
  private readonly openText: (path: string) => string | undefined;
  private readonly mayRead: (path: string) => boolean;

  constructor(options: NodeConfigSourceOptions = {}) {
    this.openText = options.openText ?? (() => undefined);
    this.mayRead = options.mayRead ?? (() => true);
  }

  list(dir: string): string[] | undefined {
    if (!this.mayRead(dir) || isPseudo(`${dir}/`)) return undefined;
    try {
      return readdirSync(dir);
    } catch {
      return undefined;
    }
  }

  exists(path: string): boolean {
    if (!this.mayRead(path)) return false;
    try {
      statSync(path);
      return true;
    } catch {
      return false;
    }
  }

  model(path: string): ConfigModel | undefined {
    const text = this.openText(path) ?? (this.mayRead(path) ? readRegularFile(path) : undefined);
    if (text === undefined) return undefined;
    const cached = this.models.get(path);
    if (cached && cached.text === text) {
      this.models.delete(path);
      this.models.set(path, cached);
      return cached.model;
    }
    const model = analyzeText(text, path);
    this.forget(path);
    this.models.set(path, { text, model });
    this.cachedBytes += text.length;
    while (this.models.size > MAX_CACHED_MODELS || (this.cachedBytes > MAX_CACHED_BYTES && this.models.size > 1))
      this.forget(this.models.keys().next().value!);
    return model;
  }

  private forget(path: string): void {
    this.cachedBytes -= this.models.get(path)?.text.length ?? 0;
    this.models.delete(path);
  }

  /** Drops every parsed file (when the last document closes, or files changed on disk). */
  clear(): void {
    this.models.clear();
    this.cachedBytes = 0;
  }
}
