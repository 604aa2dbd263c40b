// The command line: options and the targets (files, directories, globs, `-` for standard input).
import { RULES } from '../rules';
import { SEVERITIES, type Severity } from '../settings';

const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'checkstyle'] as const;
export type Format = (typeof FORMATS)[number];
export type Threshold = Severity | 'none';
type Color = 'auto' | 'always' | 'never';

export interface Options {
  targets: string[];
  format: Format;
  color: Color;
  /** A `.supervisor-lint.json` named by --config; undefined: found upward from each file; false: --no-config. */
  config: string | false | undefined;
  rules: Record<string, Severity | 'off'>;
  failureThreshold: Threshold;
  fix: 'off' | 'write' | 'dry-run';
  stdinFilename?: string;
  listRules: boolean;
  explain?: string;
}

export type Command = { kind: 'lint'; options: Options } | { kind: 'print'; text: string };

export class UsageError extends Error {}

export const USAGE = `Usage: supervisor-lint [options] FILE|DIR|GLOB|- ...

Checks Supervisor (supervisord) configurations the way the VS Code extension does. A main config is checked with
every file its [include] reads; a directory is searched for supervisor configs (skipping node_modules, .git and
what .gitignore lists); a quoted glob is expanded here.

Options:
  --format FORMAT              text (default), json, sarif, github, gitlab or checkstyle
  --color auto|always|never    colours in the text format (default auto: when writing to a terminal)
  --config FILE                use this .supervisor-lint.json instead of the nearest one above each file
  --no-config                  use no .supervisor-lint.json
  --rule ID=SEVERITY           error, warning, information, hint or off for one rule (repeatable)
  --failure-threshold LEVEL    error (default), warning, information, hint or none: the least severe finding
                               that makes the exit status 1
  --fix                        apply every safe preferred fix and print what remains
  --fix-dry-run                print the safe fixes as a unified diff, write nothing
  --stdin-filename NAME        the path standard input (-) stands for
  --list-rules                 every rule (with --format json: as JSON)
  --explain ID                 a rule's documentation
  --version, --help

Exit status: 0 no finding at or above the failure threshold, 1 some, 2 usage, configuration or file errors.`;

const THRESHOLDS: readonly Threshold[] = [...SEVERITIES, 'none'];
const LEVELS: readonly (Severity | 'off')[] = [...SEVERITIES, 'off'];

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  const got = value === undefined ? 'nothing' : `"${value}"`;
  throw new UsageError(`${option} must be ${allowed.map((a) => `"${a}"`).join(', ')}, not ${got}`);
}

function ruleOverride(value: string | undefined, rules: Options['rules']): void {
  const at = value?.lastIndexOf('=') ?? -1;
  if (value === undefined || at < 0)
    throw new UsageError(`--rule takes ID=SEVERITY, not ${value === undefined ? 'nothing' : `"${value}"`}`);
  const id = value.slice(0, at);
  if (!RULES.some((r) => r.id === id)) throw new UsageError(`--rule: unknown rule id "${id}" (see --list-rules)`);
  rules[id] = oneOf(`--rule ${id}`, value.slice(at + 1).toLowerCase(), LEVELS);
}

export function parseArgs(args: readonly string[], version: string): Command {
  const options: Options = {
    targets: [],
    format: 'text',
    color: 'auto',
    config: undefined,
    rules: {},
    failureThreshold: 'error',
    fix: 'off',
    listRules: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    // An option's value: after `=`, or the next argument.
    const value = () => (eq > 0 ? arg.slice(eq + 1) : args[++i]);
    const flag = () => {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
    };
    switch (name) {
      case '--help':
      case '-h':
        return { kind: 'print', text: USAGE };
      case '--version':
      case '-V':
        return { kind: 'print', text: version };
      case '--format':
        options.format = oneOf('--format', value(), FORMATS);
        break;
      case '--color':
        options.color = oneOf('--color', value(), ['auto', 'always', 'never'] as const);
        break;
      case '--config': {
        const file = value();
        if (!file) throw new UsageError('--config takes a file');
        options.config = file;
        break;
      }
      case '--no-config':
        flag();
        options.config = false;
        break;
      case '--rule':
        ruleOverride(value(), options.rules);
        break;
      case '--failure-threshold':
        options.failureThreshold = oneOf('--failure-threshold', value(), THRESHOLDS);
        break;
      case '--fix':
        flag();
        options.fix = 'write';
        break;
      case '--fix-dry-run':
        flag();
        options.fix = 'dry-run';
        break;
      case '--stdin-filename': {
        const file = value();
        if (!file) throw new UsageError('--stdin-filename takes a name');
        options.stdinFilename = file;
        break;
      }
      case '--list-rules':
        flag();
        options.listRules = true;
        break;
      case '--explain': {
        const id = value();
        if (!RULES.some((r) => r.id === id))
          throw new UsageError(`--explain: unknown rule id ${id === undefined ? '(none given)' : `"${id}"`} (see --list-rules)`);
        options.explain = id;
        break;
      }
      case '--':
        options.targets.push(...args.slice(i + 1));
        i = args.length;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        options.targets.push(arg);
    }
  }
  if (!options.listRules && !options.explain && options.targets.length === 0) throw new UsageError('no files given');
  if (options.fix !== 'off' && options.targets.includes('-'))
    throw new UsageError('--fix and --fix-dry-run work on files, not standard input');
  if (options.stdinFilename !== undefined && !options.targets.includes('-'))
    throw new UsageError('--stdin-filename names standard input (-), which is not among the files');
  return { kind: 'lint', options };
}
