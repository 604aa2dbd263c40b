// `.supervisor-lint.json`: rule severities, thresholds, hostChecks and ignore globs shared by the CLI, the server and
// the extension. A minimal version the CLI is written against; the config module replaces it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RULES } from './rules';
import type { Settings, Severity, SpaceAroundEquals } from './settings';

const LINT_CONFIG_NAME = '.supervisor-lint.json';

export interface LintConfig {
  rules?: Record<string, Severity | 'off'>;
  celery?: { minMemoryPerChildMB?: number };
  format?: { spaceAroundEquals?: SpaceAroundEquals };
  hostChecks?: boolean;
  ignore?: string[];
}

export class LintConfigError extends Error {}

/** The nearest `.supervisor-lint.json` in startDir or a directory above it. */
export function findLintConfig(startDir: string): string | undefined {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, LINT_CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const LEVELS = ['off', 'error', 'warning', 'information', 'hint'];

export function readLintConfig(path: string): LintConfig {
  const fail = (key: string, why: string) => new LintConfigError(`${path}: ${key}: ${why}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new LintConfigError(`${path}: ${(error as Error).message}`);
  }
  if (!isRecord(raw)) throw fail('(top level)', 'must be an object');
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'rules') {
      if (!isRecord(value)) throw fail('rules', 'must be an object');
      for (const [id, level] of Object.entries(value)) {
        if (!RULES.some((r) => r.id === id)) throw fail(`rules.${id}`, 'unknown rule id');
        if (typeof level !== 'string' || !LEVELS.includes(level)) throw fail(`rules.${id}`, `must be one of ${LEVELS.join(', ')}`);
      }
    } else if (key === 'celery') {
      if (
        !isRecord(value) ||
        Object.keys(value).some((k) => k !== 'minMemoryPerChildMB') ||
        (value.minMemoryPerChildMB !== undefined && !(typeof value.minMemoryPerChildMB === 'number' && value.minMemoryPerChildMB >= 0))
      ) {
        throw fail('celery', 'must be { "minMemoryPerChildMB": a number >= 0 }');
      }
    } else if (key === 'format') {
      if (
        !isRecord(value) ||
        Object.keys(value).some((k) => k !== 'spaceAroundEquals') ||
        !['keep', 'always', 'never', undefined].includes(value.spaceAroundEquals as string)
      ) {
        throw fail('format', 'must be { "spaceAroundEquals": "keep" | "always" | "never" }');
      }
    } else if (key === 'hostChecks') {
      if (typeof value !== 'boolean') throw fail('hostChecks', 'must be true or false');
    } else if (key === 'ignore') {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw fail('ignore', 'must be an array of glob strings');
    } else if (key !== '$schema') throw fail(key, 'unknown key');
  }
  return raw as LintConfig;
}

/** Rules whose findings depend on this machine's file system. */
const HOST_RULES = ['config/include-target-missing'];

export function applyLintConfig(settings: Settings, config: LintConfig): Settings {
  const rules: Settings['rules'] = { ...settings.rules };
  if (config.hostChecks === false) for (const id of HOST_RULES) rules[id] = 'off';
  Object.assign(rules, config.rules);
  return {
    celery: { ...settings.celery, ...config.celery },
    format: { ...settings.format, ...config.format },
    rules,
  };
}
