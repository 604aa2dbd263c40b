import type { CeleryCommand, CeleryOption } from '../../analysis/celery';
import { isKnownCelerySubcommand } from '../../schema';
import { moveWords } from '../edits';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { celeryPrograms, optionSpan } from './pools';

/** An option of a subcommand written before any: the `celery` group reads those words and knows only its own options. */
export const refusedByGroup = (option: CeleryOption) => option.placement === 'before' && option.scope !== 'global';

/** Before the subcommand only the `celery` group's own options; after worker or beat only theirs. */
function misplaced(celery: CeleryCommand, option: CeleryOption): boolean {
  // `celery multi` and plugins (flower) take options we do not know and hand them on, globals included.
  return option.placement === 'before' ? refusedByGroup(option) : option.scope === 'global' && isKnownCelerySubcommand(celery.subcommand);
}

function message(celery: CeleryCommand, option: CeleryOption): string {
  const subcommand = celery.subcommand;
  if (subcommand === undefined) {
    // The value our reading gave it may be the subcommand the line meant: click never reads a value for it.
    const swallowed = isKnownCelerySubcommand(option.value) ? ` As written, it would even take "${option.value}" for its value.` : '';
    return `${option.flag} is an option of "celery ${option.scope}", but the line names no subcommand before it: the celery command reads it and Celery 5 stops with "No such option: ${option.flag}" (exit status 2), so the program never starts.${swallowed} Write it after the subcommand.`;
  }
  if (option.placement === 'before') {
    return `${option.flag} is an option of "celery ${subcommand}", not of the celery command: written before "${subcommand}", Celery 5 stops with "No such option: ${option.flag}" (exit status 2) and the program never starts. Move it after "${subcommand}".`;
  }
  const app = option.name === 'app' ? ' Celery 5 even explains that -A/--app must now come first.' : '';
  return `${option.flag} is a global option of the celery command: after "${subcommand}" Celery 5 stops with "No such option: ${option.flag}" (exit status 2) and the program never starts.${app} Move it before "${subcommand}".`;
}

export const misplacedOption = defineRule({
  id: 'celery/misplaced-option',
  severity: 'error',
  scope: 'section',
  summary:
    'A global Celery option (-A, -b, --workdir, ...) after the subcommand, or a worker/beat option before it: Celery 5 refuses to start.',
  docs: {
    what: `In \`celery [global options] SUBCOMMAND [options]\`: a global option of the \`celery\` command (\`-A/--app\`,
\`-b/--broker\`, \`--result-backend\`, \`--loader\`, \`--config\`, \`--workdir\`, \`-C/--no-color\`, \`-q/--quiet\`,
\`--version\`, \`--skip-checks\`) written after \`worker\` or \`beat\`, or an option of the subcommand (\`-l\`, \`-c\`,
\`-P\`, ...) written before it, or in a line that names no subcommand at all.`,
    why: `Celery 5 builds its command line with click: the \`celery\` group parses the words up to the subcommand with
its own options only, and the subcommand parses the rest with its own options only. So \`celery worker -A proj\` fails
with \`Error: No such option: -A\` (since 5.0.1 preceded by a note that \`-A\` moved before the subcommand in Celery 5.0),
and \`celery -l info -A proj worker\` fails with \`Error: No such option: -l\`, as does \`celery -A proj -P gevent\`, which
forgot the subcommand (and \`celery -A proj --pool worker\`, whose \`--pool\` lost its value). These exit with status 2 before any task
runs. An exit within \`startsecs\` counts as a failed start, and after \`startretries\` attempts supervisord leaves the
program FATAL; a later exit (status 2 is not an expected exit code) gets it restarted over and over.

Celery 4 accepted \`celery worker -A proj\`, which is why old configurations still have it.

\`celery multi\` is not checked: it hands its options on to the workers it starts.`,
    fix: `Global options go between \`celery\` and the subcommand, the subcommand's options after it:

\`\`\`ini
command=/srv/venv/bin/celery -A proj worker -l info
\`\`\``,
    references: [
      'Celery 5.4 `celery/bin/celery.py`: the `celery` click group (its options) and the `NoSuchOption` hint for `-A/--app`',
      'Celery 5.4 `celery/bin/worker.py`: `worker()` options; `celery/bin/beat.py`: `beat()` options',
      'click 8 `click/core.py`: `MultiCommand.allow_interspersed_args = False` (a group reads its options only up to the subcommand)',
    ],
  },
  examples: [
    {
      title: 'Celery 4 style: -A after the subcommand',
      config: '[program:worker]\ncommand=/srv/venv/bin/celery worker «-A proj» -l info\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=/srv/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n',
    },
    {
      title: 'A worker option before the subcommand',
      config: '[program:worker]\ncommand=celery «-l info» -A proj worker\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=celery -A proj worker -l info\nstopwaitsecs=600\n',
    },
    {
      title: 'A worker option, and no subcommand before it',
      config: '[program:worker]\ncommand=celery -A proj «--pool» worker\nstopwaitsecs=600\n',
    },
    {
      title: 'The broker and the working directory are global options too',
      config: '[program:beat]\ncommand=celery -A proj beat «-b redis://localhost:6379/0» «--workdir=/srv/app» -l info\n',
      fixed: '[program:beat]\ncommand=celery -A proj -b redis://localhost:6379/0 beat --workdir=/srv/app -l info\n',
    },
    {
      title: 'Every option on its side',
      config: '[program:worker]\ncommand=celery -A proj --workdir /srv/app worker -l info -c 4\nstopwaitsecs=600\n',
    },
    {
      title: '`celery multi` passes its options on (it has other problems under supervisord)',
      config: '[program:workers]\ncommand=celery multi start w1 -A proj -l info\n',
    },
    {
      title: 'A command= that a file read after this one replaces is never run, and not judged',
      path: '/etc/supervisor/conf.d/worker.conf',
      config: '[program:worker]\ncommand=/srv/venv/bin/celery worker -A proj -l info\nstopwaitsecs=600\n',
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/worker.override.conf': '[program:worker]\ncommand=/srv/venv/bin/celery -A proj worker -l info\n',
      },
    },
  ],
  fixes: { move: { title: 'Move the option to its side of the subcommand, with its value', safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const programs = celeryPrograms(context);
    for (let i = 0; i < programs.length; i++) {
      const { command, celery } = programs[i];
      for (let j = 0; j < celery.options.length; j++) {
        const option = celery.options[j];
        if (!misplaced(celery, option)) continue;
        const before = option.placement === 'before';
        const subcommandIndex = celery.subcommandIndex;
        const last = option.firstWord + option.wordCount - 1;
        const side = before ? `after ${celery.subcommand}` : `before ${celery.subcommand}`;
        // Without a subcommand there is nowhere to move it.
        const moved =
          option.inCluster || subcommandIndex === undefined
            ? undefined
            : moveWords(model.file, command, celery.words, option.firstWord, last, before ? subcommandIndex : subcommandIndex - 1);
        findings.push({
          // Without a subcommand click stops at the flag, before any value.
          range: subcommandIndex === undefined ? command.rangeOf(option.flagStart, option.flagEnd) : command.rangeOf(...optionSpan(option)),
          message: message(celery, option),
          fixes: moved ? [fix.move(moved, { title: `Move ${option.flag} ${side}`, preferred: true })] : [],
        });
      }
    }
    return findings;
  },
});
