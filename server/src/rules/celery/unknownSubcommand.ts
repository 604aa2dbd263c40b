import type { CeleryCommand } from '../../analysis/celery';
import { CELERY_PLUGIN_SUBCOMMANDS, CELERY_SUBCOMMANDS } from '../../schema';
import { closest } from '../../util/closest';
import { canEditAround } from '../edits';
import { defineRule } from '../define';
import { refusedByGroup } from './misplacedOption';
import type { Finding } from '../types';
import { celeryPrograms } from './pools';

const KNOWN = new Set([...CELERY_SUBCOMMANDS, ...CELERY_PLUGIN_SUBCOMMANDS]);

/**
 * The line stops before its subcommand matters: a flag the celery command refuses (celery/unknown-option, or a
 * subcommand's option before it: celery/misplaced-option), or one that prints something and exits (--help, --version).
 */
function stopsFirst(celery: CeleryCommand): boolean {
  if (celery.get('version') !== undefined) return true;
  const flags = celery.unknownFlags;
  for (let i = 0; i < flags.length; i++) if (flags[i].placement === 'before' || flags[i].flag === '--help') return true;
  for (let i = 0; i < celery.options.length; i++) if (refusedByGroup(celery.options[i])) return true;
  return false;
}

export const unknownSubcommand = defineRule({
  id: 'celery/unknown-subcommand',
  severity: 'warning',
  scope: 'section',
  summary:
    'A celery command line whose subcommand Celery does not have (a typo of worker or beat?), or that has none: it never runs a worker, and no Celery rule checks it.',
  docs: {
    what: `A \`celery\` command line whose first word after the global options is not one of Celery 5's subcommands (\`worker\`,
\`beat\`, \`multi\`, \`events\`, \`inspect\`, \`control\`, \`status\`, \`call\`, \`result\`, \`purge\`, \`migrate\`, \`list\`, \`shell\`,
\`graph\`, \`upgrade\`, \`logtool\`, \`amqp\`, \`report\`) nor \`flower\`; or one with no subcommand at all.`,
    why: `Celery stops with \`Error: No such command 'wroker'.\` (exit status 2), unless a plugin installed on the server
adds a subcommand of that name through the \`celery.commands\` entry point, which is why this is a warning. With no
subcommand, \`celery\` prints its usage and exits. Either way no worker runs, and since the line is not read as a
worker or beat, none of the Celery rules can check it.`,
    fix: `Name the subcommand, after the global options:

\`\`\`ini
command=/srv/venv/bin/celery -A proj worker -l info
\`\`\``,
    references: [
      'Celery 5.6 `celery/bin/celery.py`: the `celery` group (`invoke_without_command=True`: its usage without a subcommand), its `add_command` calls and the `celery.commands` entry point',
      'click 8 `click/core.py`: `MultiCommand.resolve_command` (`No such command`)',
    ],
  },
  examples: [
    {
      title: 'A typo',
      config: '[program:worker]\ncommand=/srv/venv/bin/celery -A proj «wroker» -l info\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=/srv/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n',
    },
    {
      title: 'No subcommand',
      config: '[program:worker]\ncommand=«/srv/venv/bin/celery» -A proj\n',
    },
    {
      title: 'flower, a widely used plugin, is known; multi has other problems under supervisord',
      config: '[program:flower]\ncommand=celery -A proj flower --port=5555\n',
    },
  ],
  fixes: { nearest: { title: 'Change to the nearest subcommand', safe: false } },
  check(context, fix) {
    const findings: Finding[] = [];
    const programs = celeryPrograms(context);
    for (let i = 0; i < programs.length; i++) {
      const { command, celery } = programs[i];
      if (stopsFirst(celery)) continue;
      const index = celery.subcommandIndex;
      if (index === undefined) {
        const program = celery.words[celery.programWordIndex];
        findings.push({
          range: command.rangeOf(program.start, program.end),
          message:
            'This celery command line names no subcommand (worker, beat, ...): Celery prints its usage and exits, and no worker runs.',
        });
        continue;
      }
      const name = celery.subcommand!;
      if (KNOWN.has(name)) continue;
      const word = celery.words[index];
      const near = closest(name, CELERY_SUBCOMMANDS, 2);
      const editable = near && word.verbatim && canEditAround(word);
      findings.push({
        range: command.rangeOf(word.start, word.end),
        message: `"${name}" is not a Celery subcommand: unless a plugin installed on the server adds it, Celery stops with "No such command '${name}'" (exit status 2) and no worker runs.${near ? ` Did you mean ${near.value}?` : ''}`,
        fixes: editable
          ? [
              fix.nearest([{ range: command.rangeOf(word.start, word.end), newText: near.value }], {
                title: `Change to ${near.value}`,
                preferred: true,
              }),
            ]
          : [],
      });
    }
    return findings;
  },
});
