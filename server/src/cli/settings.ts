// The settings each file is linted with: defaults, then the nearest .supervisor-lint.json above it (or --config,
// or none with --no-config), then --rule from the command line.
import { dirname, relative, sep } from 'node:path';
import { applyLintConfig, findLintConfig, readLintConfig, type LintConfig } from '../lintConfig';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { Options } from './args';
import { isFileIgnored, parseGitignore, type IgnoreRule } from './gitignore';

interface Resolved {
  settings: Settings;
  /** The config's `ignore` globs, relative to its directory (gitignore syntax). */
  ignore: IgnoreRule[];
  base: string;
}

export class SettingsResolver {
  private readonly byConfig = new Map<string, Resolved>();
  /** The config file found for each directory searched (thousands of fragments share a few directories). */
  private readonly byDirectory = new Map<string, string | undefined>();
  private readonly none: Resolved;

  constructor(private readonly options: Pick<Options, 'config' | 'rules'>) {
    this.none = this.resolve(undefined, process.cwd());
  }

  /** Throws LintConfigError for a config file that is unreadable or invalid. */
  private configFor(path: string | undefined): Resolved {
    const file =
      this.options.config === false ? undefined : (this.options.config ?? this.findFor(path === undefined ? process.cwd() : dirname(path)));
    if (file === undefined) return this.none;
    let resolved = this.byConfig.get(file);
    if (!resolved) {
      resolved = this.resolve(readLintConfig(file), dirname(file));
      this.byConfig.set(file, resolved);
    }
    return resolved;
  }

  private findFor(dir: string): string | undefined {
    if (!this.byDirectory.has(dir)) this.byDirectory.set(dir, findLintConfig(dir));
    return this.byDirectory.get(dir);
  }

  private resolve(config: LintConfig | undefined, base: string): Resolved {
    const fromFile = config ? applyLintConfig(DEFAULT_SETTINGS, config) : DEFAULT_SETTINGS;
    const settings = { ...fromFile, rules: { ...fromFile.rules, ...this.options.rules } };
    return { settings, ignore: parseGitignore((config?.ignore ?? []).join('\n'), ''), base };
  }

  settingsFor(path: string | undefined): Settings {
    return this.configFor(path).settings;
  }

  /** Whether a file found in a directory or by a glob is excluded by its config's `ignore`. */
  ignored(path: string): boolean {
    const { ignore, base } = this.configFor(path);
    const rel = relative(base, path);
    return ignore.length > 0 && !rel.startsWith('..') && isFileIgnored(ignore, rel.split(sep).join('/'));
  }
}
