// What the command line names, as files to lint: files as given, directories searched for supervisor configs,
// globs the shell left quoted expanded here, `-` for standard input.
import { readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { MAX_INCLUDED_FILE_BYTES } from '../analysis/limits';
import { isSupervisorConfig } from '../detect';
import { readRegularFile, RealDirectories } from '../nodeConfigSource';
import { hasGlobSyntax, matchSegments, splitPath } from './glob';
import { isIgnored, parseGitignore } from './gitignore';

export interface Target {
  /** Absolute path; undefined for standard input without --stdin-filename. */
  path: string | undefined;
  /** As reports name it: relative to the working directory when inside it. */
  display: string;
  text: string;
}

export interface Gathered {
  targets: Target[];
  /** Targets that could not be read: the exit status is 2. */
  errors: string[];
  /** Skipped on purpose (binary files): said once each, no failure. */
  notices: string[];
}

const MAIN_CONFIG_NAMES = new Set(['supervisord.conf', 'supervisor.conf']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const LIMIT_MB = MAX_INCLUDED_FILE_BYTES / 1024 / 1024;

/** `path` as reports name it; `path` is absolute and normalised (resolved, or found by a glob or a walk). */
export function displayPath(path: string): string {
  const cwd = process.cwd();
  const inside = cwd.endsWith(sep) ? cwd : cwd + sep;
  // Such a path inside the working directory is named by its tail; on POSIX, one outside by itself (path.relative
  // would resolve both paths to say '..'). Windows compares without case: path.relative does.
  const rel = path.startsWith(inside) ? path.slice(inside.length) : sep === '/' ? '' : relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) ? (sep === '/' ? rel : rel.split(sep).join('/')) : path;
}

/**
 * `arg` as an absolute, normalised path: as it is when it is one already (a shell expanding an absolute glob gives
 * hundreds of those), else resolved. On POSIX such a path starts with `/` and has no empty, `.` or `..` component
 * (tested as no `//` and no `/.`: a name starting with a dot goes through resolve, which keeps it) and no `/` at its end.
 */
function absolutePath(arg: string): string {
  const normal = sep === '/' && arg.startsWith('/') && !arg.includes('//') && !arg.includes('/.') && (arg === '/' || !arg.endsWith('/'));
  return normal ? arg : resolve(arg);
}

/** Text with NUL bytes is not a config; supervisord's parser would choke on it too. */
const isBinary = (text: string) => text.includes('\u0000');

type StatResult = Stats | NodeJS.ErrnoException;

function statOf(path: string): StatResult {
  try {
    return statSync(path);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/** A named file's text; `stat` is what statSync said of it, when the caller asked already. */
function readNamedFile(path: string, directories: RealDirectories, stat: StatResult = statOf(path)): string | { error: string } {
  if (stat instanceof Error) return { error: stat.code === 'ENOENT' ? 'no such file' : stat.message };
  if (!stat.isFile()) return { error: 'not a regular file' };
  if (stat.size > MAX_INCLUDED_FILE_BYTES) return { error: `larger than ${LIMIT_MB} MB` };
  return readRegularFile(path, undefined, directories) ?? { error: `not a regular file, or larger than ${LIMIT_MB} MB` };
}

/** Whether a file found in a directory is a supervisor config: by its name, or by its content for *.conf/*.ini. */
function looksLikeConfig(name: string, text: string): boolean {
  return MAIN_CONFIG_NAMES.has(name) || ((name.endsWith('.conf') || name.endsWith('.ini')) && isSupervisorConfig(text));
}

const entries = (dir: string): Dirent[] => {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
};

/**
 * Regular files under root, minus node_modules and .git, and what .gitignore files list when `gitignore` is set.
 * Symlinked directories are not followed (no loops).
 */
function walk(root: string, gitignores: boolean, visit: (path: string) => void): void {
  const descend = (dir: string, rel: string, rules: ReturnType<typeof parseGitignore>) => {
    const gitignore = gitignores ? readRegularFile(join(dir, '.gitignore')) : undefined;
    const here = gitignore === undefined ? rules : [...rules, ...parseGitignore(gitignore, rel)];
    for (const entry of entries(dir)) {
      const path = join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const isDirectory = entry.isDirectory();
      if (isDirectory && SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (isIgnored(here, relPath, isDirectory)) continue;
      if (isDirectory) descend(path, relPath, here);
      else if (entry.isFile() || (entry.isSymbolicLink() && isFile(path))) visit(path);
    }
  };
  descend(root, '', []);
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The files a glob matches, walking from its longest literal directory prefix (as a shell would: .gitignore aside). */
function expandGlob(pattern: string): string[] {
  const absolute = resolve(pattern);
  const segments = absolute.split(sep);
  const firstGlob = segments.findIndex(hasGlobSyntax);
  const base = segments.slice(0, firstGlob).join(sep) || sep;
  const rest = segments.slice(firstGlob);
  const found: string[] = [];
  walk(base, false, (path) => {
    if (matchSegments(rest, splitPath(relative(base, path).split(sep).join('/')))) found.push(path);
  });
  return found;
}

function readStdin(): string | { error: string } {
  try {
    return readFileSync(0, 'utf8');
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * Reads every target. `ignored` says whether a file found in a directory or by a glob is excluded (`ignore` in
 * .supervisor-lint.json); a file named outright is always linted.
 */
export function gatherTargets(args: readonly string[], stdinFilename: string | undefined, ignored: (path: string) => boolean): Gathered {
  const gathered: Gathered = { targets: [], errors: [], notices: [] };
  const seen = new Set<string>();
  // Mostly files of a few directories (a conf.d): each directory's real path is resolved once.
  const directories = new RealDirectories();
  const add = (path: string | undefined, display: string, text: string | { error: string }, found: boolean) => {
    if (path !== undefined) {
      if (seen.has(path)) return;
      seen.add(path);
    }
    if (typeof text !== 'string') gathered.errors.push(`cannot read ${display}: ${text.error}`);
    else if (isBinary(text)) gathered.notices.push(`skipped ${display}: binary file`);
    else if (!found || looksLikeConfig(basename(display), text)) gathered.targets.push({ path, display, text });
  };
  for (const arg of args) {
    if (arg === '-') {
      const path = stdinFilename === undefined ? undefined : resolve(stdinFilename);
      add(path, stdinFilename ?? '<stdin>', readStdin(), false);
      continue;
    }
    const path = absolutePath(arg);
    // Mostly a config file: read at once (what the stat below tells is wanted only when that fails).
    const text = readRegularFile(path, undefined, directories);
    if (text !== undefined) {
      add(path, displayPath(path), text, false);
      continue;
    }
    const stat = statOf(path);
    if (!(stat instanceof Error) && stat.isDirectory()) {
      walk(path, true, (file) => {
        if (!ignored(file)) foundFile(file);
      });
    } else if (stat instanceof Error && hasGlobSyntax(arg)) {
      const matches = expandGlob(arg).filter((file) => !ignored(file));
      if (matches.length === 0) gathered.errors.push(`no files match ${arg}`);
      matches.forEach((file) => add(file, displayPath(file), readNamedFile(file, directories), false));
    } else add(path, displayPath(path), readNamedFile(path, directories, stat), false);
  }
  return gathered;

  function foundFile(file: string): void {
    const name = basename(file);
    // Only main config names and *.conf/*.ini are read at all: a directory may hold anything.
    if (MAIN_CONFIG_NAMES.has(name) || name.endsWith('.conf') || name.endsWith('.ini')) {
      const text = readRegularFile(file, undefined, directories);
      if (text !== undefined && (MAIN_CONFIG_NAMES.has(name) || !isBinary(text))) add(file, displayPath(file), text, true);
    }
  }
}
