// `.supervisor-lint.json`: the lint settings a repository carries, shared by the CLI and the language server. Found
// upward from each linted file; validated strictly, so a typo is an error that names the file and the key instead of
// a setting silently ignored.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readRegularFile } from './nodeConfigSource';
import { RULES } from './rules';
import { SEVERITIES, type Settings, type Severity, type SpaceAroundEquals } from './settings';
import { closest, isLikelyTypo } from './util/closest';

const LINT_CONFIG_NAME = '.supervisor-lint.json';
/** A cloned repository may make its config file a link to /proc/kmsg or a huge file: read at most this much. */
const MAX_LINT_CONFIG_BYTES = 1024 * 1024;

export interface LintConfig {
  /** Severity per rule id, or 'off'. */
  rules?: Record<string, Severity | 'off'>;
  celery?: { minMemoryPerChildMB?: number };
  format?: { spaceAroundEquals?: SpaceAroundEquals };
  /** False turns off the findings that depend on this machine's file system (e.g. config/include-target-missing). */
  hostChecks?: boolean;
  /** Globs of files not to lint (applied by the CLI when it walks directories). */
  ignore?: string[];
}

export class LintConfigError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'LintConfigError';
  }
}

/** The nearest `.supervisor-lint.json` in `startDir` or a directory above it, up to the filesystem root. */
export function findLintConfig(startDir: string): string | undefined {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, LINT_CONFIG_NAME);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here: look one level up
    }
    if (dirname(dir) === dir) return undefined;
  }
}

const LEVELS: readonly string[] = ['off', ...SEVERITIES];
const SPACINGS: readonly string[] = ['keep', 'always', 'never'];
/** `$schema` is allowed so editors can offer completion in the file; it has no meaning here. */
const TOP_KEYS = ['$schema', 'rules', 'celery', 'format', 'hostChecks', 'ignore'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: unknown) => (Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`);

function suggestion(word: string, candidates: Iterable<string>): string {
  const near = closest(word, candidates);
  return near && isLikelyTypo(word, near.distance) ? ` (did you mean "${near.value}"?)` : '';
}

/** Checks one object's keys against the allowed ones; `where` prefixes the key in messages ("celery."). */
function checkKeys(file: string, object: Json, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) throw new LintConfigError(file, `unknown key "${where}${key}"${suggestion(key, allowed)}`);
  }
}

function section(file: string, raw: Json, key: string): Json | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new LintConfigError(file, `"${key}" must be an object, not ${describe(value)}`);
  return value;
}

function readRules(file: string, raw: Json): LintConfig['rules'] {
  const rules = section(file, raw, 'rules');
  if (!rules) return undefined;
  const ids = RULES.map((r) => r.id);
  const result: Record<string, Severity | 'off'> = {};
  for (const [id, level] of Object.entries(rules)) {
    if (!ids.includes(id)) throw new LintConfigError(file, `"rules" names an unknown rule id "${id}"${suggestion(id, ids)}`);
    if (typeof level !== 'string' || !LEVELS.includes(level)) {
      throw new LintConfigError(
        file,
        `"rules.${id}" must be one of ${LEVELS.map((l) => `"${l}"`).join(', ')}, not ${JSON.stringify(level)}`,
      );
    }
    result[id] = level as Severity | 'off';
  }
  return result;
}

/** Parses and validates a config file's text; `file` names it in errors. */
export function parseLintConfig(file: string, text: string): LintConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new LintConfigError(file, `not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(raw)) throw new LintConfigError(file, `must hold a JSON object, not ${describe(raw)}`);
  checkKeys(file, raw, TOP_KEYS, '');
  const config: LintConfig = {};
  const rules = readRules(file, raw);
  if (rules) config.rules = rules;
  const celery = section(file, raw, 'celery');
  if (celery) {
    checkKeys(file, celery, ['minMemoryPerChildMB'], 'celery.');
    const min = celery.minMemoryPerChildMB;
    if (min !== undefined && (typeof min !== 'number' || !Number.isFinite(min) || min < 0)) {
      throw new LintConfigError(file, `"celery.minMemoryPerChildMB" must be a number of MB, 0 or more, not ${JSON.stringify(min)}`);
    }
    config.celery = min === undefined ? {} : { minMemoryPerChildMB: min };
  }
  const format = section(file, raw, 'format');
  if (format) {
    checkKeys(file, format, ['spaceAroundEquals'], 'format.');
    const spacing = format.spaceAroundEquals;
    if (spacing !== undefined && (typeof spacing !== 'string' || !SPACINGS.includes(spacing))) {
      throw new LintConfigError(
        file,
        `"format.spaceAroundEquals" must be one of "keep", "always", "never", not ${JSON.stringify(spacing)}`,
      );
    }
    config.format = spacing === undefined ? {} : { spaceAroundEquals: spacing as SpaceAroundEquals };
  }
  if (raw.hostChecks !== undefined) {
    if (typeof raw.hostChecks !== 'boolean')
      throw new LintConfigError(file, `"hostChecks" must be true or false, not ${JSON.stringify(raw.hostChecks)}`);
    config.hostChecks = raw.hostChecks;
  }
  if (raw.ignore !== undefined) {
    if (!Array.isArray(raw.ignore) || raw.ignore.some((glob) => typeof glob !== 'string')) {
      throw new LintConfigError(file, `"ignore" must be an array of glob strings, not ${JSON.stringify(raw.ignore)}`);
    }
    config.ignore = raw.ignore as string[];
  }
  return config;
}

/** Reads and validates a config file; any problem (unreadable, not JSON, a wrong key or value) is a LintConfigError. */
export function readLintConfig(path: string): LintConfig {
  // Read like an included config: a regular file only (never a FIFO or a file under /proc), its size counted.
  const text = readRegularFile(path, MAX_LINT_CONFIG_BYTES);
  if (text === undefined) {
    throw new LintConfigError(
      path,
      `cannot be read: missing, not a regular file, or larger than ${MAX_LINT_CONFIG_BYTES / 1024 / 1024} MB`,
    );
  }
  return parseLintConfig(path, text);
}

/** The settings with a config file's values applied over them (rule by rule for `rules`). */
export function applyLintConfig(settings: Settings, config: LintConfig): Settings {
  return {
    celery: { ...settings.celery, ...config.celery },
    format: { ...settings.format, ...config.format },
    rules: { ...settings.rules, ...config.rules },
    hostChecks: config.hostChecks ?? settings.hostChecks,
  };
}

/** What applies to files of one directory: the nearest config file, its contents, or why it could not be used. */
export interface LintConfigLookup {
  path?: string;
  config?: LintConfig;
  error?: LintConfigError;
}

/**
 * The language server's view of the config files: one lookup per directory and one read per file, kept until
 * clear() (called when watched files change).
 */
export class LintConfigCache {
  private readonly found = new Map<string, string | undefined>();
  private readonly read = new Map<string, LintConfigLookup>();

  forDirectory(dir: string): LintConfigLookup {
    if (!this.found.has(dir)) this.found.set(dir, findLintConfig(dir));
    const path = this.found.get(dir);
    if (!path) return {};
    let lookup = this.read.get(path);
    if (!lookup) {
      try {
        lookup = { path, config: readLintConfig(path) };
      } catch (error) {
        lookup = { path, error: error instanceof LintConfigError ? error : new LintConfigError(path, String(error)) };
      }
      this.read.set(path, lookup);
    }
    return lookup;
  }

  clear(): void {
    this.found.clear();
    this.read.clear();
  }
}
