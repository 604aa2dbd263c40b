import type { CeleryOption, CeleryWorker } from '../../analysis/celery';
import { parsePythonInt } from '../../analysis/pythonInt';
import { appendToSection, replaceValue } from '../edits';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { celeryWorkers } from './pools';
import { entryRead, ownLine, setByLaterCopy, writtenWhere } from '../mergedSections';

/** Seconds the fix adds to the time limit: the killed task's child is replaced and the warm shutdown completes. */
const MARGIN_SECONDS = 60;

/** Python's float() for the plain decimal forms a time limit is written in; undefined for anything else. */
function seconds(text: string): number | undefined {
  const match = /^\s*\+?(\d+(?:\.\d*)?|\.\d+)\s*$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The limit a task may run to: --time-limit, else --soft-time-limit; undefined when neither is set to a positive number. */
function taskTimeLimit(worker: CeleryWorker): { option: CeleryOption; seconds: number } | undefined {
  return limitSet(worker, 'timeLimit') ?? limitSet(worker, 'softTimeLimit');
}

function limitSet(worker: CeleryWorker, name: 'timeLimit' | 'softTimeLimit'): { option: CeleryOption; seconds: number } | undefined {
  const option = worker.get(name);
  const value = option && seconds(option.value ?? '');
  return option && value ? { option, seconds: value } : undefined;
}

export const stopwaitsecsBelowTimeLimit = defineRule({
  id: 'celery/stopwaitsecs-below-time-limit',
  severity: 'warning',
  scope: 'section',
  summary: "`stopwaitsecs` no longer than the worker's --time-limit: a task allowed to run that long is killed by every stop or restart.",
  docs: {
    what: `A Celery worker program with an explicit \`stopwaitsecs\` (in its section, in \`[DEFAULT]\` or in another file's copy of its section, which supervisord merges) that is not longer than
the worker's \`--time-limit\`, or its \`--soft-time-limit\` when there is no hard limit. (Without \`stopwaitsecs\`,
\`celery/shutdown-timeout-default\` reports the 10 second default.)`,
    why: `The time limit says how long a task may legitimately run. On stop or restart the worker does a warm shutdown and waits
for its running tasks, but supervisord sends SIGKILL once \`stopwaitsecs\` have passed. If that comes first, every
deploy or restart kills any task that is still within its allowed time, and the task is lost or (with late
acknowledgement) runs again from the start.`,
    fix: `Make \`stopwaitsecs\` longer than the time limit, with some margin for the shutdown itself. The quick fix sets the limit
plus ${MARGIN_SECONDS} seconds:

\`\`\`ini
command=/srv/venv/bin/celery -A proj worker -l info --time-limit=1800
stopwaitsecs=1860
\`\`\``,
    silence: 'Silence it when a task killed on restart is acceptable, for example because every task is idempotent and acknowledged late.',
    references: [
      'Celery 5.5 `celery/bin/worker.py`: `worker()` options `--time-limit`, `--soft-time-limit` (seconds, float)',
      'Supervisor 4.2.5 `supervisor/process.py`: `Subprocess.transition` (SIGKILL once `stopwaitsecs` have passed)',
    ],
  },
  examples: [
    {
      config: `[program:reports]
command=/srv/venv/bin/celery -A proj worker -l info -Q reports --time-limit=1800
«stopwaitsecs=600»
`,
      fixed: `[program:reports]
command=/srv/venv/bin/celery -A proj worker -l info -Q reports --time-limit=1800
stopwaitsecs=1860
`,
    },
    {
      title: 'Only a soft limit; stopwaitsecs from [DEFAULT]: the fix sets it for the worker',
      config: `[DEFAULT]
stopwaitsecs=30

«[program:worker]»
command=/srv/venv/bin/celery -A proj worker -l info --soft-time-limit 300

[program:web]
command=/srv/venv/bin/gunicorn proj.wsgi
`,
      fixed: `[DEFAULT]
stopwaitsecs=30

[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info --soft-time-limit 300
stopwaitsecs=360

[program:web]
command=/srv/venv/bin/gunicorn proj.wsgi
`,
    },
    {
      title: 'Longer than the hard limit (the soft one is lower anyway), or no time limit: no finding',
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info --soft-time-limit=540 --time-limit=600
stopwaitsecs=660

[program:other]
command=/srv/venv/bin/celery -A proj worker -l info -Q other
stopwaitsecs=600
`,
    },
  ],
  fixes: { outlastLimit: { title: `Set \`stopwaitsecs\` to the time limit plus ${MARGIN_SECONDS} seconds`, safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const workers = celeryWorkers(context);
    for (let i = 0; i < workers.length; i++) {
      const { program, worker } = workers[i];
      // The limit first: most workers set none, and then stopwaitsecs need not be looked up.
      const limit = taskTimeLimit(worker);
      if (!limit) continue;
      // Read from the merged section: an override file may set it (supervisord merges a program's copies).
      const found = entryRead(context, program.section, 'stopwaitsecs');
      const entry = found?.entry;
      const wait = entry && parsePythonInt(entry.value);
      if (!found || !entry || wait === undefined || wait > limit.seconds) continue;
      const own = ownLine(model, program.section, found);
      const target = Math.ceil(limit.seconds) + MARGIN_SECONDS;
      const nodes = program.section.nodes;
      const edit = own
        ? replaceValue(entry, String(target))
        : appendToSection(model.file, nodes[nodes.length - 1], [`stopwaitsecs=${target}`]);
      findings.push({
        // From [DEFAULT] or another file the finding sits on the worker, where its fix goes (and where a suppression is
        // about it alone).
        range: own ? entry.range : nodes[0].headerRange,
        message:
          `[${program.section.name}] stopwaitsecs=${entry.value}${writtenWhere(model, found)} does not outlast ${limit.option.flag}=${limit.option.value}: ` +
          'on every stop or restart supervisord sends SIGKILL while a task may still be running within its time limit.',
        // A line added here would not override a file read after this one.
        fixes:
          own || !setByLaterCopy(context, program.section, 'stopwaitsecs')
            ? [
                fix.outlastLimit([edit], {
                  title: `Set stopwaitsecs=${target} (${limit.option.flag} plus ${MARGIN_SECONDS} s)`,
                  preferred: true,
                }),
              ]
            : [],
      });
    }
    return findings;
  },
});
