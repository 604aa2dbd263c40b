// Whether `SHELL -c script` replaces itself with the script's last command, as shellExec.ts predicts, checked against
// the shells installed here: the pid spawned either becomes the last command (`sleep`) or stays the shell, its parent.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { shellExecsLast, type ShellExecs } from '../../server/src/analysis/shellExec';
import { readScriptCommands } from '../../server/src/analysis/shellScript';

/** Scripts ending in `sleep 30`, with what each shell does (bash: the installed one, 5.2). */
const CASES: [script: string, expected: Record<'bash' | 'dash' | 'zsh', ShellExecs>][] = [
  ['sleep 30', { bash: 'yes', dash: 'no', zsh: 'yes' }],
  ['cd /tmp && sleep 30', { bash: 'yes', dash: 'no', zsh: 'yes' }],
  ['. /dev/null && export A=1 && cd /tmp && sleep 30', { bash: 'yes', dash: 'no', zsh: 'yes' }],
  ['true | true && sleep 30', { bash: 'yes', dash: 'no', zsh: 'yes' }],
  ['false || sleep 30', { bash: 'yes', dash: 'no', zsh: 'yes' }],
  ['cd /tmp\nsleep 30', { bash: 'yes', dash: 'no', zsh: 'yes' }],
  ['cd /tmp;\nsleep 30', { bash: 'yes', dash: 'no', zsh: 'yes' }],
  ['cd /tmp &&\n  sleep 30', { bash: 'yes', dash: 'no', zsh: 'yes' }],
  ['A=1 sleep 30', { bash: 'yes', dash: 'no', zsh: 'yes' }],
  ['cd /tmp; sleep 30', { bash: 'bash-5.2', dash: 'no', zsh: 'yes' }],
  ['. /dev/null; cd /tmp && sleep 30', { bash: 'no', dash: 'no', zsh: 'yes' }],
  ['cd /tmp && true; true && sleep 30', { bash: 'no', dash: 'no', zsh: 'yes' }],
  ['cd /tmp && sleep 30 2>&1', { bash: 'no', dash: 'no', zsh: 'yes' }],
  ['true | sleep 30', { bash: 'no', dash: 'no', zsh: 'no' }],
  ['true & sleep 30', { bash: 'no', dash: 'no', zsh: 'yes' }],
  ['trap "echo bye" TERM; sleep 30', { bash: 'no', dash: 'no', zsh: 'no' }],
  ['trap "" USR2; sleep 30', { bash: 'bash-5.2', dash: 'no', zsh: 'yes' }],
];

/** A process's name and children; a process that exited meanwhile (a `true` in a pipeline) has neither. */
function readProc(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
const comm = (pid: number) => readProc(`/proc/${pid}/comm`).trim();
const children = (pid: number) => readProc(`/proc/${pid}/task/${pid}/children`).split(' ').filter(Boolean).map(Number);

/** Runs the script and tells whether the shell's pid became `sleep` (true) or started it as a child (false). */
async function replaced(shell: string, script: string): Promise<boolean> {
  const child = spawn(shell, ['-c', script], { stdio: 'ignore' });
  try {
    for (let waited = 0; waited < 5000; waited += 10) {
      if (comm(child.pid!) === 'sleep') return true;
      if (children(child.pid!).some((pid) => comm(pid) === 'sleep')) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${shell} -c ${script}: neither ran sleep`);
  } finally {
    for (const pid of children(child.pid!)) process.kill(pid, 'SIGKILL');
    child.kill('SIGKILL');
  }
}

/** bash 5.2 and later also exec after `;`. */
const bashVersion = existsSync('/bin/bash')
  ? spawnSync('/bin/bash', ['-c', 'echo ${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}'], { encoding: 'utf8' }).stdout
  : '';
const [major, minor] = bashVersion.split('.').map(Number);
const bashFrom52 = major > 5 || (major === 5 && minor >= 2);

describe('which shells exec the last command of a -c script themselves', () => {
  for (const shell of ['bash', 'dash', 'zsh'] as const) {
    const path = `/bin/${shell}`;
    test(shell, { skip: !existsSync(path) && `${path} is not installed (apt-get install ${shell}; .ci/run does)` }, async () => {
      for (const [script, expected] of CASES) {
        const predicted = shellExecsLast(shell, readScriptCommands(script)!);
        assert.equal(predicted, expected[shell], `${shell} -c ${JSON.stringify(script)}`);
        const execs = predicted === 'yes' || (predicted === 'bash-5.2' && bashFrom52);
        assert.equal(await replaced(path, script), execs, `${shell} -c ${JSON.stringify(script)} really`);
      }
    });
  }
  test('a command in the background: the shell exits at once', () => {
    for (const shell of ['sh', 'bash', 'dash', 'zsh'])
      assert.equal(shellExecsLast(shell, readScriptCommands('cd /tmp && sleep 30 &')!), 'background');
  });
  test('sh is read as dash, the sh of Debian and Ubuntu', () => {
    assert.equal(shellExecsLast('sh', readScriptCommands('sleep 30')!), 'no');
  });
});

test('TERM to a shell that forked its command: the shell dies at once, the command keeps running without it', async () => {
  for (const shell of ['/bin/bash', '/bin/dash']) {
    const child = spawn(shell, ['-c', 'cd /tmp && sleep 30; true'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let sleeper: number | undefined;
    for (let waited = 0; sleeper === undefined && waited < 5000; waited += 10) {
      sleeper = children(child.pid!).find((pid) => comm(pid) === 'sleep');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.ok(sleeper, shell);
    child.kill('SIGTERM');
    assert.equal(await exited, 'SIGTERM', shell);
    try {
      assert.equal(comm(sleeper), 'sleep', `${shell}: the command outlives its shell`);
    } finally {
      process.kill(sleeper, 'SIGKILL');
    }
  }
});
