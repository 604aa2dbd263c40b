import { defineRule } from '../define';
import type { Finding } from '../types';
import { celeryPrograms, optionSpan, removeOption } from './pools';

const CONSEQUENCE =
  'supervisord sees the program exit at once: it retries it and marks it FATAL, or with autorestart=true restarts it forever, and each attempt forks another background copy (without a --pidfile they all keep running); the copies left behind are beyond its stop, restart and logs.';

export const daemonizesUnderSupervisor = defineRule({
  id: 'celery/daemonizes-under-supervisor',
  severity: 'error',
  scope: 'section',
  summary: '`celery multi` or `--detach` under supervisord: the command forks into the background and exits at once.',
  docs: {
    what: `A program whose command is \`celery ... multi ...\`, or a \`celery worker\` with \`-D\`/\`--detach\`, or a
\`celery beat\` with \`--detach\`.`,
    why: `supervisord manages the process it started and expects it to stay in the foreground. \`--detach\` makes Celery
fork a daemon (a new session, detached from supervisord) and let the original process exit with status 0;
\`celery multi start\` does the same for each node it starts (it runs \`celery worker --detach\`).

- When the exit comes within \`startsecs\` (1 second by default), supervisord counts a failed start: it tries again
  \`startretries\` times (3 by default) and then marks the program FATAL.
- Later than that, the program is simply EXITED, or with \`autorestart=true\` restarted forever.

Each attempt forks another daemon. Without a \`--pidfile\` every one of them keeps running; with one (\`celery multi\`
always sets it), a daemon that finds the pidfile locked by an earlier one exits, and that earlier one runs on.

Either way the workers that do run are out of supervisord's reach: \`supervisorctl stop\` does not stop them, memmon
cannot restart them, and their output does not reach the program's logs.`,
    fix: `Run one foreground \`celery worker\` (or \`celery beat\`) per program and let supervisord do what \`multi\` and
\`--detach\` do: \`numprocs\` for several workers, \`user=\` for \`--uid\`, \`stdout_logfile\` for \`--logfile\`.

\`\`\`ini
[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info -n worker%(process_num)s@%%h
process_name=%(program_name)s_%(process_num)02d
numprocs=2
\`\`\``,
    references: [
      'Celery 5.4 `celery/bin/worker.py`: `worker()` (`-D/--detach` re-runs the worker through `detach()`) and `detach()`',
      'Celery 5.4 `celery/bin/beat.py`: `beat()` (`--detach` runs beat inside `detached()`)',
      'Celery 5.4 `celery/platforms.py`: `detached()`, `DaemonContext` (fork, new session, the parent exits), `_create_pidlock` (a daemon whose pidfile is locked exits)',
      'Celery 5.4 `celery/apps/multi.py`: `Node._annotate_with_default_opts` (`--pidfile` defaults to `/var/run/celery/%n.pid`)',
      'Celery 5.4 `celery/apps/multi.py`: `Node` (each node runs `celery worker --detach`)',
      'Supervisor 4.2.5 `supervisor/process.py`: `Subprocess.finish` (an exit before `startsecs` means BACKOFF, then FATAL) and `Subprocess.transition` (autorestart)',
    ],
  },
  examples: [
    {
      config: '[program:worker]\ncommand=/srv/venv/bin/celery -A proj worker -l info «--detach»\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=/srv/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n',
    },
    {
      title: 'Beat has only the long spelling',
      config: '[program:beat]\ncommand=celery -A proj beat «--detach» -l info --pidfile=/tmp/beat.pid\n',
      fixed: '[program:beat]\ncommand=celery -A proj beat -l info --pidfile=/tmp/beat.pid\n',
    },
    {
      title: '`celery multi` daemonizes every node it starts',
      config: '[program:workers]\ncommand=celery «multi» start w1 w2 -A proj -l info\n',
    },
    {
      config: '[program:worker]\ncommand=celery -A proj worker -l info -c 4\nstopwaitsecs=600\n',
    },
  ],
  fixes: { remove: { title: 'Remove `--detach`', safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const programs = celeryPrograms(context);
    for (let i = 0; i < programs.length; i++) {
      const { command, celery } = programs[i];
      if (celery.subcommand === 'multi') {
        const word = celery.words[celery.subcommandIndex!];
        findings.push({
          range: command.rangeOf(word.start, word.end),
          message: `celery multi starts each worker in the background (with --detach) and exits: ${CONSEQUENCE} Run one "celery worker" per program instead.`,
        });
        continue;
      }
      for (let j = 0; j < celery.options.length; j++) {
        const option = celery.options[j];
        if (option.name !== 'detach' || option.placement !== 'after') continue;
        const removal = removeOption(model, command, celery.words, option);
        findings.push({
          range: command.rangeOf(...optionSpan(option)),
          message: `${option.flag} makes celery ${celery.subcommand} fork into the background and exit: ${CONSEQUENCE} Remove it.`,
          fixes: removal ? [fix.remove(removal, { title: `Remove ${option.flag}`, preferred: true })] : [],
        });
      }
    }
    return findings;
  },
});
