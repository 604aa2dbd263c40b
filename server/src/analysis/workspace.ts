// The configuration a file belongs to: a main config with the files its [include] pulls in, or, for a conf.d
// fragment, the main config found near it that includes it. Processes and groups are known across all of them.
import { posix } from 'node:path';
import { resolveIncludes, type IncludePattern } from './includes';
import { MAX_INCLUDED_FILES, MAX_INCLUDED_TOTAL_BYTES, MAX_INCLUDE_READ_MILLISECONDS } from './limits';
import type { ConfigModel } from './model';
import type { DirectoryReader } from './pythonGlob';

export interface ConfigSource extends DirectoryReader {
  /** The model of a file, from an open editor or the disk; undefined when it cannot be read. */
  model(path: string): ConfigModel | undefined;
}

export interface ConfigContext {
  /** Every model of the configuration, the analysed one first. */
  models: ConfigModel[];
  /** The include patterns of the main config (empty for a fragment or a config without [include]). */
  includes: IncludePattern[];
  /** The main config that includes the analysed fragment, when one was found. */
  includer?: string;
  /** All names of the configuration are known: no unmatched include, no unresolvable pattern, no lone fragment. */
  complete: boolean;
}

/** Main config names looked for in a fragment's directory and up to three directories above it. */
const MAIN_CONFIG_NAMES = ['supervisord.conf', 'supervisor.conf'];
const LEVELS_UP = 3;

/** The models of the files the patterns match, up to the configuration's file, byte and time limits. */
function includedModels(patterns: IncludePattern[], source: ConfigSource, except: string): ConfigModel[] {
  const seen = new Set<string>([except]);
  const models: ConfigModel[] = [];
  let bytes = 0;
  const deadline = performance.now() + MAX_INCLUDE_READ_MILLISECONDS;
  for (const pattern of patterns) {
    for (const path of pattern.matches) {
      if (seen.has(path)) continue;
      seen.add(path);
      if (models.length >= MAX_INCLUDED_FILES || bytes >= MAX_INCLUDED_TOTAL_BYTES || performance.now() > deadline) {
        pattern.unread = (pattern.unread ?? 0) + 1;
        continue;
      }
      const model = source.model(path);
      if (!model) {
        pattern.unreadable = (pattern.unreadable ?? 0) + 1;
        continue;
      }
      models.push(model);
      bytes += model.text.length;
    }
  }
  return models;
}

function findIncluder(path: string, source: ConfigSource): { main: ConfigModel; patterns: IncludePattern[] } | undefined {
  let dir = posix.dirname(path);
  for (let level = 0; level <= LEVELS_UP; level++) {
    for (const name of MAIN_CONFIG_NAMES) {
      const candidate = posix.join(dir, name);
      if (candidate === path || !source.exists(candidate)) continue;
      const main = source.model(candidate);
      if (!main || main.isFragment) continue;
      const patterns = resolveIncludes(main, source);
      if (patterns.some((p) => p.matches.includes(path))) return { main, patterns };
    }
    const parent = posix.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

const allKnown = (patterns: IncludePattern[]) =>
  patterns.every((p) => p.absolute !== undefined && p.matches.length > 0 && !p.truncated && !p.unread && !p.unreadable);

export function configContext(model: ConfigModel, source: ConfigSource | undefined): ConfigContext {
  const path = model.path;
  if (!source || !path) {
    return { models: [model], includes: [], complete: !model.isFragment && model.section('include') === undefined };
  }
  if (!model.isFragment) {
    const includes = resolveIncludes(model, source);
    return { models: [model, ...includedModels(includes, source, path)], includes, complete: allKnown(includes) };
  }
  const found = findIncluder(path, source);
  if (!found) return { models: [model], includes: [], complete: false };
  const others = [found.main, ...includedModels(found.patterns, source, path)];
  return { models: [model, ...others], includes: [], includer: found.main.path, complete: allKnown(found.patterns) };
}
