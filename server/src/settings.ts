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
}

export const DEFAULT_SETTINGS: Settings = { celery: { minMemoryPerChildMB: 128 }, format: { spaceAroundEquals: 'keep' }, rules: {} };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the `supervisor` configuration object; unknown or malformed values fall back to defaults. */
export function readSettings(raw: unknown): Settings {
  const settings: Settings = { celery: { ...DEFAULT_SETTINGS.celery }, format: { ...DEFAULT_SETTINGS.format }, rules: {} };
  if (!isRecord(raw)) return settings;
  const min = isRecord(raw.celery) ? raw.celery.minMemoryPerChildMB : undefined;
  if (typeof min === 'number' && Number.isFinite(min) && min >= 0) settings.celery.minMemoryPerChildMB = min;
  const spacing = isRecord(raw.format) ? raw.format.spaceAroundEquals : undefined;
  if (spacing === 'keep' || spacing === 'always' || spacing === 'never') settings.format.spaceAroundEquals = spacing;
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
