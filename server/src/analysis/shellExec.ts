// Whether a shell started as `SHELL -c 'script'` replaces itself with the script's last command, as if `exec` were
// written there. Signals supervisord sends to the pid it started reach that command only then. What shells do, checked
// against the running shells (test/unit/shellExec.test.ts) and bash's source:
// - dash (and so `sh` on Debian and Ubuntu) never does: it forks every command and waits.
// - bash does when the last line of the script is one simple command, or an and-or list (`a && b || c`) ending in one
//   (bash 4.4 `builtins/evalstring.c`: `parse_and_execute`, `should_suppress_fork`, `optimize_fork`); since 5.2 also
//   when a `;` list ends in one (`optimize_connection_fork`); never with a redirection on that command or a trap set
//   (an ignored signal, `trap '' HUP`, is no trap).
// - zsh 5.9 does unless the command ends a pipeline or a trap is set.
import type { SimpleCommand } from './shellScript';

/**
 * `yes`: the shell execs the last command itself. `bash-5.2`: bash 5.2 does, bash 4.4 does not. `no`: the shell stays
 * the parent. `background`: the command runs in the background (`&`) and the shell exits at once.
 */
export type ShellExecs = 'yes' | 'bash-5.2' | 'no' | 'background';

const PIPES = new Set(['|', '|&']);

/** `trap ACTION SIGNAL...` with an action to run: ignoring a signal (`trap '' HUP`) or resetting it (`trap - HUP`) is no trap. */
function setsTrap({ words }: SimpleCommand): boolean {
  if (words[0]?.value !== 'trap') return false;
  const args = words.slice(words[1]?.value === '--' ? 2 : 1).map((word) => word.value);
  return args.length > 1 && args[0] !== '' && args[0] !== '-';
}

export function shellExecsLast(shell: string, commands: readonly SimpleCommand[]): ShellExecs {
  const last = commands[commands.length - 1];
  if (last.endedBy === '&') return 'background';
  const setup = commands.slice(0, -1);
  if (setup.some(setsTrap)) return 'no';
  const joinedBy = setup[setup.length - 1]?.endedBy;
  if (shell === 'zsh') return PIPES.has(joinedBy!) ? 'no' : 'yes';
  if (shell !== 'bash' || last.redirected) return 'no';
  if (joinedBy === undefined || joinedBy === '\n') return 'yes';
  if (joinedBy === ';') return 'bash-5.2';
  if (joinedBy !== '&&' && joinedBy !== '||') return 'no';
  // `a; b && c` is `a; (b && c)`: bash optimises the and-or list only when it is the whole last line.
  for (let i = setup.length - 1; i >= 0 && setup[i].endedBy !== '\n'; i--)
    if (setup[i].endedBy === ';' || setup[i].endedBy === '&') return 'no';
  return 'yes';
}
