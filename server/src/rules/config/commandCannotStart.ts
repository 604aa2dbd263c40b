import { defineRule } from '../define';
import { programsRun, runsNoProcess } from '../mergedSections';
import type { Finding } from '../types';

export const commandCannotStart = defineRule({
  id: 'config/command-cannot-start',
  severity: 'warning',
  scope: 'section',
  summary: 'A `command=` that is empty or cannot be split like a shell line: supervisord loads it, but the program never starts.',
  docs: {
    what: `The \`command=\` of a program, fcgi-program or event listener that supervisord cannot turn into an argument list: it is
empty, or Python's \`shlex.split\` refuses it because a \`"\` or \`'\` is never closed or the line ends in a lone backslash.

Commands with \`%(name)s\` are not judged (the expanded text could quote differently), nor are programs with
\`numprocs=0\` (theirs or an override file's), which never spawn.`,
    why: `supervisord reads the command as plain text when it loads the file and splits it only when it spawns the process.
So the file loads, \`supervisorctl reread\` and \`update\` are happy, and then every start fails with
\`can't parse command\` or \`command is empty\`: the process goes to BACKOFF, is retried \`startretries\` times, and ends
in FATAL. The worker simply never runs.`,
    fix: `Close the quote. supervisord runs the command directly, without a shell; when you need shell syntax (\`&&\`, \`|\`,
\`$VAR\`), wrap the whole line in one:
\`\`\`ini
command=/bin/sh -c "cd /srv/app && exec venv/bin/celery -A proj worker -l info"
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/process.py`: `Subprocess.get_execv_args` (`shlex.split`, "can\'t parse command", "command is empty") and `Subprocess.spawn` (a `BadCommand` sends the process to BACKOFF)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions._processes_from_section` (the command is read, but not split, at load time)',
      'CPython `Lib/shlex.py`: `split` ("No closing quotation", "No escaped character")',
    ],
  },
  examples: [
    {
      title: 'An unclosed quote',
      config: '[program:worker]\ncommand=/bin/sh -c «"»cd /srv/app && exec venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n',
    },
    {
      title: 'An empty command',
      config: '[program:worker]\n«command=»\ndirectory=/srv/app\n',
    },
    {
      title: 'Quotes closed; a shell for shell syntax',
      config:
        '[program:worker]\ncommand=/bin/sh -c "cd /srv/app && exec venv/bin/celery -A proj worker -l info -n \'worker@%%h\'"\nstopwaitsecs=600\n',
    },
  ],
  check(context) {
    const findings: Finding[] = [];
    // The command supervisord runs: not one a later file's copy of the section replaces.
    const programs = programsRun(context);
    for (let i = 0; i < programs.length; i++) {
      const program = programs[i];
      const command = program.command;
      // Expansions could change the quoting, so only literal commands are judged; no process means no spawn (asked
      // only of a command that cannot start: it reads the program's merged numprocs).
      if (!command || command.entry.value.includes('%(')) continue;
      if ((!command.split.error && command.split.words.length > 0) || runsNoProcess(context, program)) continue;
      const where = `[${program.section.name}]`;
      if (command.split.error) {
        const at = command.split.error.offset;
        findings.push({
          range: command.rangeOf(at, Math.min(at + 1, command.entry.value.length)),
          message: `${where} can't parse command: ${command.split.error.message}. supervisord accepts the file, but every start of this program fails.`,
        });
        continue;
      }
      findings.push({
        range: command.entry.range,
        message: `${where} command is empty: supervisord accepts the file, but the program can never start.`,
      });
    }
    return findings;
  },
});
