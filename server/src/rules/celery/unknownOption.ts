import type { CeleryCommand, UnknownFlag } from '../../analysis/celery';
import { CELERY_4_WORKER_SPELLINGS, celeryOptionsOn, isKnownCelerySubcommand, type CeleryOptionSpec } from '../../schema';
import { closest } from '../../util/closest';
import { canEditAround } from '../edits';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { celeryPrograms } from './pools';

/**
 * Whether Celery refuses the flag. Before the subcommand the `celery` group reads it, and knows only its own options;
 * after worker or beat, that subcommand. Other subcommands (multi, flower, ...) take options we do not know. click
 * gives every command a `--help`.
 */
function refused(celery: CeleryCommand, flag: UnknownFlag): boolean {
  if (flag.flag === '--help') return false;
  return flag.placement === 'before' || isKnownCelerySubcommand(celery.subcommand);
}

/** The long flags of the command that reads the flag, for "did you mean". */
function flagsOf(specs: readonly CeleryOptionSpec[]): string[] {
  return specs.flatMap((spec) => [spec.long, ...(spec.aliases ?? [])]);
}

/** What the flag was probably meant to be: Celery 4's name for it, or a long flag a few letters away. */
function meant(celery: CeleryCommand, flag: UnknownFlag): { flag: string; celery4: boolean } | undefined {
  const after = flag.placement === 'after';
  const renamed = after && celery.subcommand === 'worker' ? CELERY_4_WORKER_SPELLINGS[flag.flag] : undefined;
  if (renamed) return { flag: renamed, celery4: true };
  if (!flag.flag.startsWith('--')) return undefined;
  const candidates = flagsOf(celeryOptionsOn(flag.placement, celery.subcommand));
  const near = closest(flag.flag, candidates, Math.max(1, Math.floor((flag.flag.length - 2) / 4)));
  return near && { flag: near.value, celery4: false };
}

export const unknownOption = defineRule({
  id: 'celery/unknown-option',
  severity: 'error',
  scope: 'section',
  summary: 'An option the celery command, worker or beat does not have (a typo, or a Celery 4 spelling): Celery 5 refuses to start.',
  docs: {
    what: `A flag in a \`celery\` command line that no Celery 5 option has: before the subcommand, one that is not a global
option of the \`celery\` command (nor a worker or beat option, which [celery/misplaced-option](misplaced-option.md)
reports); after \`worker\` or \`beat\`, one that is not an option of that subcommand (nor a global one). Typos such as
\`--concurency\`, options of the other subcommand (\`--max-interval\` after \`worker\`), letters of a cluster such as the
\`Z\` of \`-EZ\`, and Celery 4's \`--maxtasksperchild\` and \`--maxmemperchild\`.

Options after other subcommands (\`multi\`, \`flower\`, \`events\`, ...) are not checked: we do not know all of them.`,
    why: `Celery 5 reads its command line with click, which refuses any option its command does not declare: the worker stops
with \`Error: No such option: --concurency Did you mean --concurrency?\` and exit status 2 before any task runs. Unlike
Celery 4's argparse, click does not accept abbreviations either. An exit within \`startsecs\` counts as a failed start,
and after \`startretries\` attempts supervisord leaves the program FATAL.`,
    fix: `Write the option as Celery 5 spells it. \`--maxtasksperchild\` is \`--max-tasks-per-child\` and \`--maxmemperchild\` is
\`--max-memory-per-child\` (in KiB):

\`\`\`ini
command=/srv/venv/bin/celery -A proj worker -l info --max-tasks-per-child=100
\`\`\``,
    references: [
      'Celery 5.6 `celery/bin/celery.py`, `celery/bin/worker.py`, `celery/bin/beat.py`, `celery/bin/base.py` (`CeleryDaemonCommand`): every option each command declares',
      'Celery 4.4 `celery/bin/worker.py`: `add_arguments` (`--maxtasksperchild`, `--maxmemperchild`)',
      'click 8 `click/parser.py`: `OptionParser._match_long_opt` and `_match_short_opt` (`NoSuchOption`, with its suggestion)',
    ],
  },
  examples: [
    {
      title: 'A typo',
      config: '[program:worker]\ncommand=/srv/venv/bin/celery -A proj worker -l info «--concurency»=8\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=/srv/venv/bin/celery -A proj worker -l info --concurrency=8\nstopwaitsecs=600\n',
    },
    {
      title: 'A Celery 4 spelling',
      config: '[program:worker]\ncommand=celery -A proj worker -l info «--maxmemperchild»=262144\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=celery -A proj worker -l info --max-memory-per-child=262144\nstopwaitsecs=600\n',
    },
    {
      title: 'A beat option given to the worker',
      config: '[program:worker]\ncommand=celery -A proj worker -l info «--max-interval» 30\nstopwaitsecs=600\n',
    },
    {
      title: 'celery multi hands its options on, and --help is known everywhere',
      config:
        '[program:workers]\ncommand=celery multi start w1 -A proj --my-option\n\n[program:help]\ncommand=celery -A proj worker --help\nstopwaitsecs=600\n',
    },
  ],
  fixes: {
    celery5: { title: "Write Celery 5's name for the option", safe: true },
    nearest: { title: 'Change to the nearest option', safe: false },
  },
  check(context, fix) {
    const findings: Finding[] = [];
    const programs = celeryPrograms(context);
    for (let i = 0; i < programs.length; i++) {
      const { command, celery } = programs[i];
      for (let j = 0; j < celery.unknownFlags.length; j++) {
        const flag = celery.unknownFlags[j];
        if (!refused(celery, flag)) continue;
        const of = flag.placement === 'before' ? 'the celery command' : `"celery ${celery.subcommand}"`;
        const guess = meant(celery, flag);
        const word = celery.words[flag.wordIndex];
        // Only a flag written plainly at the start of its word is rewritten: not a letter of a cluster, not in quotes.
        const editable = guess && flag.flag.startsWith('--') && word.verbatim && canEditAround(word);
        const range = command.rangeOf(flag.start, flag.end);
        const hint = !guess ? '' : guess.celery4 ? ` It was Celery 4's name for ${guess.flag}.` : ` Did you mean ${guess.flag}?`;
        findings.push({
          range,
          message: `${flag.flag} is not an option of ${of}: Celery 5 stops with "No such option: ${flag.flag}" (exit status 2) and the program never starts.${hint}`,
          fixes: editable
            ? [
                (guess.celery4 ? fix.celery5 : fix.nearest)([{ range, newText: guess.flag }], {
                  title: `Change to ${guess.flag}`,
                  preferred: true,
                }),
              ]
            : [],
        });
      }
    }
    return findings;
  },
});
