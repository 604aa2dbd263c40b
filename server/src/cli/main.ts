// supervisor-lint: parse the command line, gather the files, lint (or fix) whole configurations, print in the
// chosen format. Returns the exit status: 0 clean (below the failure threshold), 1 findings, 2 usage or file errors.
import { LintConfigError } from '../lintConfig';
import { parseArgs, UsageError, USAGE, type Command, type Options } from './args';
import { lintConfigurations } from './configuration';
import { unifiedDiff } from './diff';
import { fixInMemory, writeAtomically } from './fix';
import { formatReports } from './formats';
import { escapeControls, fails, type FileReport } from './report';
import { explainRule, listRules } from './rulesInfo';
import { SettingsResolver } from './settings';
import { gatherTargets, type Target } from './targets';
import { TOOL_NAME, VERSION } from './tool';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether standard output is a terminal (colours with --color auto); asked only when there is a finding to paint. */
  isTerminal(): boolean;
  env: NodeJS.ProcessEnv;
  /** Told how many files the run linted (none for --version, --help, --list-rules, --explain or a usage error). */
  linted?(files: number): void;
  /** Told the length of each text the run lints: its targets and the files of a main config it lints with it. */
  linting?: (length: number) => void;
}

const say = (io: Io, message: string) => io.err(`${TOOL_NAME}: ${escapeControls(message)}\n`);

function useColor(options: Options, io: Io): boolean {
  if (options.color !== 'auto') return options.color === 'always';
  return io.isTerminal() && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
}

/** The fixes in memory; written (or shown as a diff) and the targets' texts updated. False when a write failed. */
function fix(
  options: Options,
  targets: Target[],
  resolver: SettingsResolver,
  io: Io,
): { targets: Target[]; texts: Map<string, string>; ok: boolean } {
  const fixed = fixInMemory(targets, resolver, io.linting);
  const texts = new Map<string, string>();
  let ok = true;
  for (const file of fixed) {
    if (options.fix === 'dry-run') {
      const name = file.display.replace(/^\/+/, '');
      io.out(unifiedDiff(file.original, file.fixed, `a/${name}`, `b/${name}`));
      texts.set(file.path, file.fixed);
      continue;
    }
    const failure = writeAtomically(file);
    if (failure) {
      say(io, `cannot fix ${file.display}: ${failure}`);
      ok = false;
    } else texts.set(file.path, file.fixed);
  }
  if (options.fix === 'write' && texts.size > 0) say(io, `fixed ${texts.size} file${texts.size === 1 ? '' : 's'}`);
  return { targets: targets.map((t) => ({ ...t, text: (t.path === undefined ? undefined : texts.get(t.path)) ?? t.text })), texts, ok };
}

function lint(options: Options, io: Io): number {
  const resolver = new SettingsResolver(options);
  const gathered = gatherTargets(options.targets, options.stdinFilename, (path) => resolver.ignored(path));
  gathered.notices.forEach((notice) => say(io, notice));
  gathered.errors.forEach((error) => say(io, error));
  let targets = gathered.targets;
  // Standard input stands in for the file it names, also where the configuration includes it.
  let texts = new Map(targets.filter((t) => t.path !== undefined && options.stdinFilename !== undefined).map((t) => [t.path!, t.text]));
  let ok = gathered.errors.length === 0;
  if (options.fix !== 'off') {
    const result = fix(options, targets, resolver, io);
    ({ targets, texts } = result);
    ok &&= result.ok;
  }
  const reports: FileReport[] = lintConfigurations(targets, resolver, texts, io.linting);
  io.linted?.(reports.length);
  // Colours paint findings only: without any, whether standard output is a terminal is not asked (on POSIX, node:tty
  // would load Node's stream modules for it).
  const color = reports.some((r) => r.findings.length > 0) && useColor(options, io);
  if (options.fix !== 'dry-run') io.out(formatReports(options.format, reports, color));
  if (!ok) return 2;
  return reports.some((r) => r.findings.some((f) => fails(f.severity, options.failureThreshold))) ? 1 : 0;
}

export function main(args: readonly string[], io: Io): number {
  let command: Command;
  try {
    command = parseArgs(args, VERSION);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${TOOL_NAME}: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === 'print') {
    io.out(`${command.text}\n`);
    return 0;
  }
  const { options } = command;
  if (options.explain) {
    io.out(explainRule(options.explain));
    return 0;
  }
  if (options.listRules) {
    io.out(listRules(options.format === 'json'));
    return 0;
  }
  try {
    return lint(options, io);
  } catch (error) {
    if (!(error instanceof LintConfigError)) throw error;
    say(io, error.message);
    return 2;
  }
}
