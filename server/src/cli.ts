// supervisor-lint: the language server's analysis for CI. Exit 1 when any Error is reported, 0 otherwise,
// 2 on a usage or read error.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { lintText, type LintFinding } from './lint';
import { MAX_INCLUDED_FILE_BYTES } from './analysis/limits';
import { NodeConfigSource, readRegularFile } from './nodeConfigSource';
import { RULES } from './rules';

const USAGE = `Usage: supervisor-lint [--format text|json] [--list-rules] FILE...

Checks Supervisor (supervisord) configuration files the way the VS Code extension does.
  --format text   file:line:col: severity [rule-id] message (default)
  --format json   a JSON array of {file, line, column, endLine, endColumn, severity, rule, message}
  --list-rules    print every rule id with its default severity and summary
Lines and columns are 1-based. Exit status: 1 if any error was reported, 0 otherwise, 2 on usage or read errors.`;

interface Options {
  format: 'text' | 'json';
  files: string[];
  listRules: boolean;
}

function parseArgs(args: string[]): Options | string {
  // A string result is text to print (the help); bad arguments throw UsageError.
  const options: Options = { format: 'text', files: [], listRules: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return USAGE;
    if (arg === '--list-rules') options.listRules = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') throw new UsageError(`--format must be "text" or "json", not ${value === undefined ? 'nothing' : `"${value}"`}`);
      options.format = value;
    } else if (arg === '--') {
      options.files.push(...args.slice(i + 1));
      break;
    }
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else options.files.push(arg);
  }
  if (!options.listRules && options.files.length === 0) throw new UsageError('no files given');
  return options;
}

class UsageError extends Error {}

interface FileResult {
  file: string;
  findings: LintFinding[];
}

/** Terminal control characters from a config (or a file name) printed as escapes, never sent to the terminal. */
function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function formatText(results: FileResult[]): string {
  return results
    .flatMap(({ file, findings }) =>
      findings.map((f) => escapeControls(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} [${f.rule}] ${f.message}`)),
    )
    .join('\n');
}

/** Files named on the command line: regular files up to the size limit, with a reason when not. */
function readLintTarget(file: string): string | { error: string } {
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message };
  }
  if (!stat.isFile()) return { error: stat.isDirectory() ? 'it is a directory' : 'not a regular file' };
  if (stat.size > MAX_INCLUDED_FILE_BYTES) return { error: `larger than ${MAX_INCLUDED_FILE_BYTES / 1024 / 1024} MB` };
  return readRegularFile(file) ?? { error: `not a regular file, or larger than ${MAX_INCLUDED_FILE_BYTES / 1024 / 1024} MB` };
}

function readStdin(): string | { error: string } {
  try {
    return readFileSync(0, 'utf8');
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function formatJson(results: FileResult[]): string {
  const rows = results.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      file,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      severity: f.severity,
      rule: f.rule,
      message: f.message,
    })),
  );
  return JSON.stringify(rows, null, 2);
}

function main(args: string[]): number {
  let options: Options | string;
  try {
    options = parseArgs(args);
  } catch (error) {
    process.stderr.write(`supervisor-lint: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (typeof options === 'string') {
    process.stdout.write(`${options}\n`);
    return 0;
  }
  if (options.listRules) {
    process.stdout.write(RULES.map((r) => `${r.id}\t${r.severity}\t${r.summary}`).join('\n') + '\n');
    if (options.files.length === 0) return 0;
  }
  const results: FileResult[] = [];
  const source = new NodeConfigSource();
  let readFailed = false;
  for (const file of options.files) {
    const text = file === '-' ? readStdin() : readLintTarget(file);
    if (typeof text !== 'string') {
      process.stderr.write(`supervisor-lint: cannot read ${escapeControls(file)}: ${text.error}\n`);
      readFailed = true;
      continue;
    }
    results.push({ file, findings: lintText(text, { path: file === '-' ? undefined : resolve(file), source }) });
  }
  const output = options.format === 'json' ? formatJson(results) : formatText(results);
  if (output) process.stdout.write(`${output}\n`);
  if (readFailed) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
