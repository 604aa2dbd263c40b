import type { MemmonLimit } from '../../analysis/memmon';
import type { ConfigModel, Program } from '../../analysis/model';
import { closest, typoReach } from '../../util/closest';
import type { Finding, Fix, FixMaker } from '../types';
import { defineRule } from '../define';
import { perConfiguration } from '../perProgram';
import { escapeForValue, replaceWords } from '../edits';
import { configurationPrograms, memmonPrograms, sizeText, watchTargets, watchText, type MemmonProgram } from './listeners';

/** The configuration's programs (event listeners aside) by name: of several, the one read last. */
const programsByName = perConfiguration((readingOrder): ReadonlyMap<string, Program> => {
  const named = new Map<string, Program>();
  for (const program of configurationPrograms(readingOrder)) if (program.kind !== 'eventlistener') named.set(program.name, program);
  return named;
});

export const unknownProcess = defineRule({
  id: 'memmon/unknown-process',
  severity: 'error',
  summary: 'memmon -p/-g names a process or group this configuration does not define, so nothing is ever watched.',
  docs: {
    what: `superlance's \`memmon\` given \`-p NAME=SIZE\` where NAME is no process of this configuration, or \`-g NAME=SIZE\` where NAME
is no supervisord group. The configuration is judged whole (a main config and its includes), as supervisord reads it:
a program copied into an override file has the processes of the merged section, and a conf.d program's
\`numprocs=%(ENV_X)s\` counts with the main config's \`environment=\`. A file whose configuration is not fully known is
not checked. \`-p group:name\` naming a real process is memmon/group-qualified-name.`,
    why: `At each tick memmon asks supervisord for every process and compares each one's name with the \`-p\` names and its
group's name with the \`-g\` names. A misspelt or stale name matches nothing, raises no error, and the program you
meant to protect is never restarted.

What the names are:
- a process name is the program's name when \`numprocs=1\` and \`process_name\` is left alone, otherwise each expanded
  \`process_name\` (\`worker_00\`, \`worker_01\`); \`-p worker\` matches nothing for a program with \`numprocs=2\`;
- a group is a \`[group:x]\` name, or the name of a program that no \`[group:x]\` lists; a program listed in a
  \`[group:x]\` belongs to that group only, so \`-g program\` matches nothing for it.`,
    fix: `Name what supervisord runs:
- a program with several processes: \`-g program=SIZE\` (not in a \`[group:x]\`), else one \`-p\` per process;
- a program in a \`[group:x]\`: \`-p\` with its process name, or \`-g\` with the group's name;
- a misspelling: the closest existing name, when the two differ by a typo (a quick fix).`,
    references: [
      'superlance 2.0 `superlance/memmon.py`: `Memmon.runforever` (matches `name` and `group` from `getAllProcessInfo`)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.process_groups_from_parser`, `ServerOptions.processes_from_section` (group and process names)',
    ],
  },
  examples: [
    {
      title: 'A misspelt process name',
      config:
        '[supervisord]\n\n[program:api]\ncommand=/srv/venv/bin/gunicorn app:app\n\n[eventlistener:memmon]\ncommand=memmon -p «aip»=512MB\nevents=TICK_60\n',
      fixed:
        '[supervisord]\n\n[program:api]\ncommand=/srv/venv/bin/gunicorn app:app\n\n[eventlistener:memmon]\ncommand=memmon -p api=512MB\nevents=TICK_60\n',
    },
    {
      title: 'A program with several processes named with -p',
      config:
        '[supervisord]\n\n[program:worker]\ncommand=celery -A proj worker -l info -P gevent -c 100\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)02d\n\n[eventlistener:memmon]\ncommand=memmon -p «worker»=1GB\nevents=TICK_60\n',
      fixed:
        '[supervisord]\n\n[program:worker]\ncommand=celery -A proj worker -l info -P gevent -c 100\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)02d\n\n[eventlistener:memmon]\ncommand=memmon -g worker=1GB\nevents=TICK_60\n',
    },
    {
      title: 'A grouped program named with -g',
      config:
        '[supervisord]\n\n[group:celery]\nprograms=worker,beat\n\n[program:worker]\ncommand=celery -A proj worker -l info -P gevent -c 100\n\n[program:beat]\ncommand=celery -A proj beat\n\n[eventlistener:memmon]\ncommand=memmon -g «worker»=512MB\nevents=TICK_60\n',
      fixed:
        '[supervisord]\n\n[group:celery]\nprograms=worker,beat\n\n[program:worker]\ncommand=celery -A proj worker -l info -P gevent -c 100\n\n[program:beat]\ncommand=celery -A proj beat\n\n[eventlistener:memmon]\ncommand=memmon -p worker=512MB\nevents=TICK_60\n',
    },
    {
      title: 'Process and group names that exist',
      config:
        '[supervisord]\n\n[group:celery]\nprograms=worker\n\n[program:worker]\ncommand=celery -A proj worker -l info\nnumprocs=2\nprocess_name=worker_%(process_num)d\n\n[program:web]\ncommand=gunicorn app:app\n\n[eventlistener:memmon]\ncommand=memmon -p worker_0=1GB -g celery=1GB -g web=300MB\nevents=TICK_60\n',
    },
  ],
  fixes: {
    rename: { title: 'Change to the closest process or group name', safe: true },
    retarget: { title: 'Name the processes of the program the way memmon matches them', safe: true },
  },
  check(context, fix) {
    const { processes } = context;
    // Most files of a conf.d have no memmon: gather the configuration's programs only for those that do.
    const listeners = memmonPrograms(context);
    // A fragment whose main config we cannot see may be watching programs defined elsewhere.
    if (listeners.length === 0 || !processes.complete) return [];
    // Only a name no process has is looked up among the programs (seldom: the map is built then).
    const programNamed = (name: string) => programsByName(context.readingOrder).get(name);
    return listeners.flatMap((listener) =>
      listener.memmon.limits.flatMap((limit): Finding[] => {
        if (limit.kind === 'any' || limit.malformed || limit.name === undefined || limit.nameStart === undefined) return [];
        const isGroup = limit.kind === 'group';
        if (isGroup ? processes.hasGroup(limit.name) : processes.hasProcess(limit.name) || processes.hasQualifiedProcess(limit.name))
          return [];
        const program = programNamed(limit.name);
        const range = listener.command.rangeOf(limit.nameStart, limit.nameEnd!);
        if (program) {
          const what = isGroup
            ? `a program of [group:${program.groupName}], not a group`
            : program.numprocs === 1
              ? 'a program whose process has another name'
              : `a program with ${program.numprocs} processes, not a process name`;
          return [
            {
              range,
              message: `memmon ${limit.flag} names "${limit.name}", ${what}; memmon matches nothing and never restarts it.`,
              fixes: retarget(listener, limit, program, context.configuration, fix.retarget),
            },
          ];
        }
        // The nearest name is looked for when the fix is asked for (a code action, --fix), not on every analysis.
        const suggest = (): Fix[] => {
          // Only a name a typo away: any name would be some distance off, and the search stops at that reach.
          const reach = typoReach(limit.name!);
          const suggestion = isGroup ? closest(limit.name!, processes.groupNames(), reach) : processes.closestProcess(limit.name!, reach);
          const usable = suggestion && limit.verbatim && (isGroup || !listedWithP(listener, suggestion.value));
          if (!usable) return [];
          const title = `Change to "${suggestion.value}"`;
          const edit = { range, newText: escapeForValue(suggestion.value) };
          return [fix.rename([edit], { title, preferred: true })];
        };
        let fixes: Fix[] | undefined;
        return [
          {
            range,
            message: `memmon ${limit.flag} names "${limit.name}", but no ${isGroup ? 'group' : 'process'} of that name exists in this configuration; memmon will never restart it.`,
            get fixes() {
              return (fixes ??= suggest());
            },
          },
        ];
      }),
    );
  },
});

const listedWithP = ({ memmon }: MemmonProgram, name: string) => memmon.limits.some((l) => l.kind === 'program' && l.name === name);

/** Replaces the whole option with memmon options that watch the program's processes, leaving out `-p`s already there. */
function retarget(
  listener: MemmonProgram,
  limit: MemmonLimit,
  program: Program,
  configuration: readonly ConfigModel[],
  make: FixMaker,
): Fix[] {
  const { command, memmon } = listener;
  const first = memmon.words[limit.firstWord];
  if (!limit.verbatim || !first.verbatim || !first.value.startsWith(limit.flag)) return [];
  const fresh = watchTargets(program, configuration)?.filter((t) => t.flag !== '-p' || !listedWithP(listener, t.name));
  if (!fresh?.length) return [];
  const text = watchText(fresh, sizeText(command, limit));
  return [
    make(replaceWords(command, memmon.words, limit.firstWord, limit.lastWord, text), { title: `Change to ${text}`, preferred: true }),
  ];
}
