// User settings (`supervisor.*`), shared by the language server and the CLI. Anything a user can type is
// validated here so rules only ever see sane values.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export type SpaceAroundEquals = 'keep' | 'always' | 'never';

export interface Settings {
  celery: { minMemoryPerChildMB: number };
  /** Formatting: `key = value` (always), `key=value` (never), or the file's dominant style (keep). */
  format: { spaceAroundEquals: SpaceAroundEquals };
  /** Per-rule severity overrides; 'off' silences a rule. */
  rules: Record<string, Severity | 'off'>;
  /** False turns off the rules whose findings depend on this machine's file system (`hostDependent`). */
  hostChecks: boolean;
  /**
   * Milliseconds the rules may take on one file before the rest are skipped (lint/limit-reached). Only the language
   * server sets it, to stay responsive; the CLI and tests run every rule, so their results never depend on load.
   */
  rulesTimeBudgetMs?: number;
}

export const DEFAULT_SETTINGS: Settings = {
  celery: { minMemoryPerChildMB: 128 },
  format: { spaceAroundEquals: 'keep' },
  rules: {},
  hostChecks: true,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the `supervisor` configuration object over `base` (the defaults, or them with a `.supervisor-lint.json`
 * applied): what it sets wins, per rule for `rules`; unknown or malformed values leave the base value.
 */
export function readSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const settings: Settings = {
    celery: { ...base.celery },
    format: { ...base.format },
    rules: { ...base.rules },
    hostChecks: base.hostChecks,
  };
  if (!isRecord(raw)) return settings;
  const min = isRecord(raw.celery) ? raw.celery.minMemoryPerChildMB : undefined;
  if (typeof min === 'number' && Number.isFinite(min) && min >= 0) settings.celery.minMemoryPerChildMB = min;
  const spacing = isRecord(raw.format) ? raw.format.spaceAroundEquals : undefined;
  if (spacing === 'keep' || spacing === 'always' || spacing === 'never') settings.format.spaceAroundEquals = spacing;
  if (typeof raw.hostChecks === 'boolean') settings.hostChecks = raw.hostChecks;
  if (isRecord(raw.rules)) {
    for (const [id, level] of Object.entries(raw.rules)) {
      const normalized = typeof level === 'string' ? level.toLowerCase() : '';
      if (normalized === 'off' || (SEVERITIES as readonly string[]).includes(normalized)) {
        settings.rules[id] = normalized as Severity | 'off';
      }
    }
  }
  return settings;
}
