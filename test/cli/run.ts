// Runs the bundled CLI (dist/cli.js) as CI users do: a separate process, its output and exit status.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve('dist/cli.js');
export const FIXTURES = resolve('test/fixtures/cli');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function lint(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    input: options.input,
    env: { ...process.env, NO_COLOR: '', ...options.env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'supervisor-lint-'));
