import { defineRule } from '../define';

export const commandCannotStart = defineRule({
  id: 'config/command-cannot-start',
  severity: 'warning',
  summary: 'A `command=` that is empty or cannot be split like a shell line: supervisord loads it, but the program never starts.',
  docs: {
    what: `A \`command=\` of a program, fcgi-program or event listener that is empty, or that cannot be split into words the way
supervisord splits it (Python's \`shlex\`): an unclosed \`"\` or \`'\`, or a trailing backslash.`,
    why: `supervisord only splits the command when it starts the process, not when it reads the file. The config loads,
\`supervisorctl reread\` is happy, and then every start fails with \`can't parse command\` or \`command is empty\` and the
program ends in FATAL. (Commands that use \`%(name)s\` are not judged: the expansion could change the quoting.)`,
    fix: `Close the quote, or wrap the whole line in a shell when you need shell syntax:
\`\`\`ini
command=/bin/sh -c "exec /srv/app/bin/run --name 'my app'"
\`\`\``,
    references: [],
  },
  examples: [],
  check({ model }) {
    return model.programs.flatMap((program) => {
      const command = program.command;
      // No process means no spawn; expansions could change the quoting, so only literal commands are judged.
      if (!command || program.numprocs <= 0 || command.entry.value.includes('%(')) return [];
      const where = `[${program.section.name}]`;
      if (command.split.error) {
        const at = command.split.error.offset;
        return [
          {
            range: command.rangeOf(at, Math.min(at + 1, command.entry.value.length)),
            message: `${where} can't parse command: ${command.split.error.message}. supervisord accepts the file, but every start of this program fails.`,
          },
        ];
      }
      if (command.split.words.length === 0) {
        return [{ range: command.entry.range, message: `${where} command is empty: supervisord accepts the file, but the program can never start.` }];
      }
      return [];
    });
  },
});
