import type { ConfigModel, Program } from '../../analysis/model';
import { pythonBoolean } from '../../analysis/valueCheck';
import type { Entry } from '../../parser';
import { appendToSection, removeEntryLines, replaceValue } from '../edits';
import type { Finding, TextEdit } from '../types';
import { defineRule } from '../define';
import { celeryWorkers } from './pools';
import { entryRead, ownLine, setByLaterCopy, writtenWhere } from '../mergedSections';

export const stopasgroupOnPrefork = defineRule({
  id: 'celery/stopasgroup-on-prefork',
  severity: 'warning',
  scope: 'section',
  summary:
    '`stopasgroup=true` on a prefork Celery worker: the stop signal also hits the pool children, which die in the middle of their tasks.',
  docs: {
    what: `A Celery worker using the prefork pool (the default) whose program has \`stopasgroup=true\`, in its own section,
from \`[DEFAULT]\`, or from another file's copy of its section (an override file: supervisord merges the copies). Pools without child processes (\`gevent\`, \`eventlet\`, \`threads\`, \`solo\`) are not reported.`,
    why: `With \`stopasgroup=true\` supervisord sends the stop signal to the worker's whole process group: the main process and
every pool child, which stay in the group supervisord created. The main process starts a warm shutdown and would wait
for the running tasks, but the children got TERM too. Celery resets TERM in each child to its default handling
(billiard then turns it into an immediate exit), so every child quits at once, in the middle of its task. The tasks
fail with \`WorkerLostError\` ("Worker exited prematurely") and the warm shutdown has nothing left to wait for.

The setting is popular because Celery's own supervisord example uses it, and because it makes sure no child survives.
\`killasgroup=true\` does that without the harm: the final SIGKILL, after \`stopwaitsecs\`, still reaches the whole
group, and since Celery 5.2 the children also get SIGKILL from the kernel when the main process dies.`,
    fix: `Drop \`stopasgroup\` and keep \`killasgroup=true\`:

\`\`\`ini
[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
killasgroup=true
\`\`\`

When \`stopasgroup=true\` comes from \`[DEFAULT]\`, the fix sets \`stopasgroup=false\` in the worker's section instead, so
other programs keep it.`,
    references: [
      'Supervisor 4.2.5 `supervisor/process.py`: `Subprocess.kill` (`stopasgroup`/`killasgroup`: the signal goes to `-pid`), `Subprocess._spawn_as_child` (`setpgrp`)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.processes_from_section` (`killasgroup` defaults to `stopasgroup`)',
      'Celery 5.5 `celery/concurrency/prefork.py`: `process_initializer`, `WORKER_SIGRESET` (TERM reset in the children, `set_pdeathsig`)',
      'billiard 4.2 `billiard/pool.py`: `Worker.after_fork`; `billiard/common.py`: `reset_signals`, `_shutdown_cleanup`',
      'billiard 4.2 `billiard/pool.py`: `Pool.mark_as_worker_lost` (`WorkerLostError`)',
      'Celery 5.5 `extra/supervisord/celeryd.conf` (`stopasgroup=true`)',
    ],
  },
  examples: [
    {
      title: "As in Celery's own supervisord example",
      config: `[program:celery]
command=/srv/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs = 600
«stopasgroup=true»
priority=1000
`,
      fixed: `[program:celery]
command=/srv/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs = 600
killasgroup=true
priority=1000
`,
    },
    {
      title: 'With killasgroup already set: the stopasgroup line goes',
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info -c 8
stopwaitsecs=600
«stopasgroup=true»
killasgroup=true
`,
      fixed: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info -c 8
stopwaitsecs=600
killasgroup=true
`,
    },
    {
      title: 'From [DEFAULT]: the worker opts out, the other programs keep it',
      config: `[DEFAULT]
stopasgroup=true

«[program:worker]»
command=/srv/venv/bin/celery -A proj worker -l info
stopwaitsecs=600

[program:web]
command=/srv/venv/bin/gunicorn proj.wsgi
`,
      fixed: `[DEFAULT]
stopasgroup=true

[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
stopasgroup=false
killasgroup=true

[program:web]
command=/srv/venv/bin/gunicorn proj.wsgi
`,
    },
    {
      title: 'killasgroup alone, or a pool without children: no finding',
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
killasgroup=true

[program:io-worker]
command=/srv/venv/bin/celery -A proj worker -l info -P gevent -c 100
stopwaitsecs=600
stopasgroup=true
`,
    },
  ],
  fixes: { killAsGroupOnly: { title: 'Remove `stopasgroup`, keep `killasgroup=true`', safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const workers = celeryWorkers(context);
    for (let i = 0; i < workers.length; i++) {
      const { program, pool } = workers[i];
      if (pool !== 'prefork') continue;
      // Read from the merged section: an override file may set it (supervisord merges a program's copies).
      const found = entryRead(context, program.section, 'stopasgroup');
      if (!found || pythonBoolean(found.entry.value) !== true) continue;
      const stop = found.entry;
      const own = ownLine(model, program.section, found);
      // Lines added here would not override a file read after this one.
      const fixable = own || !['stopasgroup', 'killasgroup'].some((key) => setByLaterCopy(context, program.section, key));
      findings.push({
        // From [DEFAULT] or another file the finding sits on the worker, where its fix goes (and where a suppression is
        // about it alone).
        range: own ? stop.range : program.section.nodes[0].headerRange,
        message:
          `[${program.section.name}] stopasgroup=true${writtenWhere(model, found)} sends the stop signal to the prefork pool children too: ` +
          'they exit at once, in the middle of their tasks (WorkerLostError), instead of letting the warm shutdown finish them. ' +
          'killasgroup=true alone still kills the whole group when stopwaitsecs run out.',
        fixes: fixable
          ? [
              fix.killAsGroupOnly(killAsGroupOnly(model, program, stop, own), {
                title: 'Remove stopasgroup, keep killasgroup=true',
                preferred: true,
              }),
            ]
          : [],
      });
    }
    return findings;
  },
});

/** Edits that leave the worker with stopasgroup off and killasgroup on. */
function killAsGroupOnly(model: ConfigModel, program: Program, stop: Entry, own: boolean): TextEdit[] {
  const section = program.section;
  const kill = section.entries.get('killasgroup');
  const append = (lines: string[]) => appendToSection(model.file, section.nodes[section.nodes.length - 1], lines);
  const killEdits = kill && pythonBoolean(kill.value) !== true ? [replaceValue(kill, 'true')] : [];
  if (!own) return [...killEdits, append(['stopasgroup=false', ...(kill ? [] : ['killasgroup=true'])])];
  // Without its own line the worker would fall back to a [DEFAULT] stopasgroup=true: then it must say false.
  const defaults = model.section('DEFAULT');
  if (defaults && pythonBoolean(defaults.entries.get('stopasgroup')?.value ?? '') === true) {
    return [replaceValue(stop, 'false'), ...killEdits, ...(kill ? [] : [append(['killasgroup=true'])])];
  }
  // The stopasgroup line becomes the killasgroup line when there is none.
  if (!kill) return [{ range: stop.range, newText: 'killasgroup=true' }];
  return [...removeEntryLines(model.file, stop), ...killEdits];
}
