import type { Finding } from '../types';
import { defineRule } from '../define';
import { escapeForValue, replaceWords } from '../edits';
import { memmonPrograms, sizeText } from './listeners';

export const groupQualifiedName = defineRule({
  id: 'memmon/group-qualified-name',
  severity: 'error',
  summary: 'memmon -p group:name: memmon dies with a KeyError at the first tick that finds the process running.',
  docs: {
    what: `memmon's \`-p\` given \`group:name=SIZE\` (the form supervisorctl shows) where \`group:name\` is a process of this
configuration and the same memmon has no \`-p name\` for it.`,
    why: `memmon's usage text suggests the \`group:name\` form, but its check does not support it: for each running process it
tests whether the bare name or \`group:name\` was given with \`-p\`, and then always looks the size up under the bare
name. With only \`group:name\` given, that lookup raises a \`KeyError\` at the first tick where the process runs: memmon
dies before it checks the processes listed after it, supervisord restarts it, and it dies again at the next tick. That
process, and every process checked after it, is never restarted (Supervisor/superlance issue #79).`,
    fix: `Name the process without its group (\`-p name=SIZE\`; memmon then matches that process name in any group), or watch
the whole group with \`-g group=SIZE\`.`,
    references: [
      'superlance 2.0 `superlance/memmon.py`: `Memmon.runforever` (`self.programs[name]` for both spellings)',
      'Supervisor/superlance issue #79: KeyError with `-p group:name`',
    ],
  },
  examples: [
    {
      title: 'A grouped worker named as supervisorctl shows it',
      config:
        '[supervisord]\n\n[group:celery]\nprograms=worker,beat\n\n[program:worker]\ncommand=celery -A proj worker -l info -P gevent -c 100\n\n[program:beat]\ncommand=celery -A proj beat\n\n[eventlistener:memmon]\ncommand=memmon -p «celery:worker»=512MB\nevents=TICK_60\n',
      fixed:
        '[supervisord]\n\n[group:celery]\nprograms=worker,beat\n\n[program:worker]\ncommand=celery -A proj worker -l info -P gevent -c 100\n\n[program:beat]\ncommand=celery -A proj beat\n\n[eventlistener:memmon]\ncommand=memmon -p worker=512MB\nevents=TICK_60\n',
      alsoFixed: [
        {
          title: '-g celery',
          fixed:
            '[supervisord]\n\n[group:celery]\nprograms=worker,beat\n\n[program:worker]\ncommand=celery -A proj worker -l info -P gevent -c 100\n\n[program:beat]\ncommand=celery -A proj beat\n\n[eventlistener:memmon]\ncommand=memmon -g celery=512MB\nevents=TICK_60\n',
        },
      ],
    },
    {
      title: 'The bare name',
      config:
        '[supervisord]\n\n[group:celery]\nprograms=worker,beat\n\n[program:worker]\ncommand=celery -A proj worker -l info -P gevent -c 100\n\n[program:beat]\ncommand=celery -A proj beat\n\n[eventlistener:memmon]\ncommand=memmon -p worker=512MB\nevents=TICK_60\n',
    },
  ],
  fixes: {
    bare: { title: 'Name the process without its group', safe: true },
    group: { title: 'Watch the whole group with -g', safe: false },
  },
  check(context, fix) {
    const { processes } = context;
    return memmonPrograms(context).flatMap(({ command, memmon }) => {
      const named = new Set(memmon.limits.filter((l) => l.kind === 'program').map((l) => l.name));
      return memmon.limits.flatMap((limit): Finding[] => {
        const name = limit.name;
        if (
          limit.kind !== 'program' ||
          limit.malformed ||
          name === undefined ||
          limit.nameStart === undefined ||
          !processes.hasQualifiedProcess(name)
        )
          return [];
        const colon = name.indexOf(':');
        const [group, bare] = [name.slice(0, colon), name.slice(colon + 1)];
        // memmon looks the size up under the bare name; given, it works (and this entry's own size never applies).
        if (named.has(bare)) return [];
        const range = command.rangeOf(limit.nameStart, limit.nameEnd!);
        const first = memmon.words[limit.firstWord];
        const editable = limit.verbatim && first.verbatim && first.value.startsWith(limit.flag);
        const size = sizeText(command, limit);
        return [
          {
            range,
            message: `memmon cannot use -p ${name}: it looks the size up under "${bare}" and dies with a KeyError at the first tick that finds the process running. Write -p ${bare}=${size}, or -g ${group}=${size} for the whole group.`,
            fixes: editable
              ? [
                  fix.bare([{ range, newText: escapeForValue(bare) }], { title: `Change to -p ${bare}`, preferred: true }),
                  fix.group(replaceWords(command, memmon.words, limit.firstWord, limit.lastWord, `-g ${escapeForValue(group)}=${size}`), {
                    title: `Change to -g ${group} (every process of the group)`,
                  }),
                ]
              : [],
          },
        ];
      });
    });
  },
});
