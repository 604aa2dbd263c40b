import type { Rule } from '../types';

export const commandCannotStart: Rule = {
  id: 'config/command-cannot-start',
  severity: 'warning',
  summary: 'A `command=` that is empty or cannot be split like a shell line: supervisord loads it, but the program never starts.',
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
};
