import type { ShellStart } from '../../analysis/unwrap';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { celeryPrograms } from './pools';

/** Why the shell stays the parent, for the message. */
function reason({ shell, shellExecs }: ShellStart): string {
  if (shellExecs === 'bash-5.2')
    return 'bash 5.2 replaces itself with a last command that follows `;`, but older bash (4.4, as on RHEL 8) stays its parent';
  if (shell === 'sh' || shell === 'dash') return `${shell} -c (dash on Debian and Ubuntu) starts it as a child and stays its parent`;
  return `${shell} -c starts it as a child here (after a trap, in a pipeline or with a redirection) and stays its parent`;
}

export const shellWrapperWithoutExec = defineRule({
  id: 'celery/shell-wrapper-without-exec',
  severity: 'warning',
  scope: 'section',
  summary:
    'A Celery command started by `sh -c` without `exec`: the stop signal reaches the shell, and the worker outlives it unsupervised.',
  docs: {
    what: `A program whose command is a shell script (\`sh -c\`, \`bash -c\`, \`dash -c\`, \`zsh -c\`) ending in a \`celery\` command
(worker, beat, or any other, also through \`python -m celery\`, \`uv run\` and the like) that is not written \`exec celery
...\`, where the shell keeps running as the parent of that command:
- \`sh\` and \`dash\`: always (Debian's and Ubuntu's dash never replaces itself with the command of \`-c\`, and \`sh\` is
  dash there);
- \`bash\`: when the script's last line is not one command or an \`&&\`/\`||\` chain ending in it: after \`;\` (only bash
  5.2 and later replace themselves there), in a pipeline, with a redirection on the command, or after \`trap\`;
- \`zsh\`: in a pipeline or after \`trap\`.

Where the shell replaces itself anyway (\`bash -c "source venv/bin/activate && celery ..."\`), nothing is reported.
memmon is not reported either: supervisord talks to it over its standard input and output, which it inherits through
the shell, and when a stop kills the shell supervisord closes those pipes, so memmon's next read fails and it exits.`,
    why: `supervisord sends the stop signal to the process it started (or, with \`stopasgroup=true\`, to its process group), and
that process is the shell. A shell that is running a command in the foreground does not pass TERM on: it dies at
once, and the worker, now without a parent, goes on running. supervisord sees its process exit and counts the
program as stopped: the worker's running tasks are not waited for, the SIGKILL at the end of \`stopwaitsecs\` never
comes, and the next start runs a second worker (or a second beat, sending every periodic task twice) next to the
orphan, which only a manual kill ends. A memmon restart does the same.`,
    fix: `Write \`exec\` before the last command, so that the shell replaces itself with it and the signals reach Celery:

\`\`\`ini
command=sh -c 'cd /srv/app && exec /srv/venv/bin/celery -A proj worker -l info'
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/process.py`: `Subprocess.kill` (signals `self.pid`, the spawned process, or `-pid` with `stopasgroup`/`killasgroup`) and `Subprocess.finish`',
      'bash 4.4 `builtins/evalstring.c`: `parse_and_execute`, `should_suppress_fork`, `optimize_fork` (the last simple command, or the last of an `&&`/`||` list, runs without a fork); bash 5.2: `optimize_connection_fork` (also after `;`)',
      'Supervisor 4.2.5 `supervisor/childutils.py`: `EventListenerProtocol.wait`, `get_headers` (at the end of its input an event listener gets no `len` header and stops with a KeyError)',
      'dash 0.5.12, bash 5.2 and zsh 5.9 as run by `test/unit/shellExec.test.ts` (which pid becomes the command) and the TERM test there (the shell dies, its command keeps running)',
    ],
  },
  examples: [
    {
      config: `[program:worker]
command=sh -c 'cd /srv/app && «/srv/venv/bin/celery» -A proj worker -l info'
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=sh -c 'cd /srv/app && exec /srv/venv/bin/celery -A proj worker -l info'
stopwaitsecs=600
`,
    },
    {
      title: 'bash 4.4 forks a last command that follows `;`',
      config: `[program:beat]
command=bash -c "cd /srv/app; source venv/bin/activate; «python -m celery» -A proj beat -l info"
`,
      fixed: `[program:beat]
command=bash -c "cd /srv/app; source venv/bin/activate; exec python -m celery -A proj beat -l info"
`,
    },
    {
      title: '`exec` written, or a bash that replaces itself with the command anyway: no finding',
      config: `[program:worker]
command=sh -c 'cd /srv/app && exec /srv/venv/bin/celery -A proj worker -l info'
stopwaitsecs=600

[program:beat]
command=bash -c "source /srv/venv/bin/activate && celery -A proj beat -l info"
`,
    },
  ],
  fixes: { exec: { title: 'Insert `exec` before the command', safe: true } },
  check(context, fix) {
    const findings: Finding[] = [];
    const programs = celeryPrograms(context);
    for (let i = 0; i < programs.length; i++) {
      const { command } = programs[i];
      const { shell, words } = command.service;
      if (!shell || shell.execWritten || (shell.shellExecs !== 'no' && shell.shellExecs !== 'bash-5.2')) continue;
      const at = shell.insertExecAt;
      const program = words[0];
      findings.push({
        range: command.rangeOf(at ?? program.start, program.end),
        message: `${reason(shell)}: supervisord's stop signal reaches the shell, which dies and leaves Celery running unsupervised. Write exec before the command.`,
        fixes:
          at === undefined
            ? []
            : [fix.exec([{ range: command.rangeOf(at, at), newText: 'exec ' }], { title: 'Insert exec', preferred: true })],
      });
    }
    return findings;
  },
});
