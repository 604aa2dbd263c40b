import { pythonBoolean } from '../../analysis/valueCheck';
import { insertLinesAfter, replaceValue } from '../edits';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { entryRead, ownLine, writtenWhere } from '../mergedSections';

export const stopasgroupWithoutKillasgroup = defineRule({
  id: 'config/stopasgroup-without-killasgroup',
  severity: 'error',
  scope: 'section',
  summary: '`stopasgroup=true` with `killasgroup=false`: supervisord refuses the combination.',
  docs: {
    what: `A \`[program:x]\`, \`[fcgi-program:x]\` or \`[eventlistener:x]\` whose \`stopasgroup\` is true and whose \`killasgroup\` is
explicitly false, in the section itself or inherited from \`[DEFAULT]\`. The \`killasgroup\` line is marked, or the
section's header when the value comes from \`[DEFAULT]\`. Copies of the section in several files of a configuration count as supervisord merges them: each key is read from the
last file that sets it. A file marks its own line of the two (the
fix goes to the file whose \`killasgroup\` is read).`,
    why: `\`stopasgroup=true\` makes supervisord send the stop signal to the program's whole process group, and
\`killasgroup=true\` does the same for the SIGKILL it sends once \`stopwaitsecs\` has run out. A group that is stopped
together but killed one process at a time would leave children behind, so supervisord refuses the combination when it
reads the config and does not start. When \`killasgroup\` is not set at all it takes the value of \`stopasgroup\`.

For a Celery prefork worker, do not reach for \`stopasgroup=true\`: the pool's child processes take SIGTERM with its
default action, so a TERM sent to the whole group kills them in the middle of their tasks instead of letting the main
process do its warm shutdown. \`killasgroup=true\` alone is the safe setting there: TERM goes to the main process only,
and the final SIGKILL still reaches the children.`,
    fix: `Set \`killasgroup=true\` (or delete the \`killasgroup\` line, so that it follows \`stopasgroup\`). For a Celery worker, set
\`stopasgroup=false\` (or delete it) and keep \`killasgroup=true\`:
\`\`\`ini
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
killasgroup=true
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions._processes_from_section` (`killasgroup` defaults to `stopasgroup`; the combination is refused)',
      'Supervisor 4.2.5 `supervisor/process.py`: `Subprocess.kill` (signals the process group when `stopasgroup`/`killasgroup` is set)',
      'Celery 5.4 `celery/concurrency/prefork.py`: `process_initializer` (pool children reset SIGTERM to its default action via `WORKER_SIGRESET`)',
    ],
  },
  examples: [
    {
      config: `[program:uwsgi]
command=/srv/app/venv/bin/uwsgi --ini /srv/app/uwsgi.ini
stopasgroup=true
«killasgroup=false»
`,
      fixed: `[program:uwsgi]
command=/srv/app/venv/bin/uwsgi --ini /srv/app/uwsgi.ini
stopasgroup=true
killasgroup=true
`,
    },
    {
      title: 'Inherited from `[DEFAULT]`: the fix sets `killasgroup` in this section only',
      config: `[DEFAULT]
killasgroup=false

«[program:uwsgi]»
command=/srv/app/venv/bin/uwsgi --ini /srv/app/uwsgi.ini
stopasgroup=true
`,
      fixed: `[DEFAULT]
killasgroup=false

[program:uwsgi]
command=/srv/app/venv/bin/uwsgi --ini /srv/app/uwsgi.ini
stopasgroup=true
killasgroup=true
`,
    },
    {
      title: 'A Celery worker: TERM to the main process only, SIGKILL to the whole group',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
killasgroup=true
`,
    },
    {
      title: "Split over two files: supervisord merges the copies of a section, and a later file's killasgroup wins",
      path: '/etc/supervisor/conf.d/worker.conf',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
«stopasgroup=true»
`,
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/worker.override.conf': '[program:worker]\nkillasgroup=false\n',
      },
    },
  ],
  fixes: { killAsGroup: { title: 'Set `killasgroup=true`', safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    for (let i = 0; i < model.programs.length; i++) {
      const { section } = model.programs[i];
      const stop = entryRead(context, section, 'stopasgroup');
      const kill = entryRead(context, section, 'killasgroup');
      if (!stop || !kill || pythonBoolean(stop.entry.value) !== true || pythonBoolean(kill.entry.value) !== false) continue;
      // Both read from other files' copies of the section: those files report it.
      const killHere = kill.model === model;
      if (!killHere && stop.model !== model) continue;
      const nodes = section.nodes;
      const ownKill = ownLine(model, section, kill);
      // Set where it is read from: this line, or a new one when [DEFAULT] gives it (shared by every section). When
      // another file's line gives it, a line here would be overridden: that file gets the fix.
      const fixes = killHere
        ? [
            fix.killAsGroup(
              [
                ownKill
                  ? replaceValue(kill.entry, 'true')
                  : insertLinesAfter(model.file, nodes[nodes.length - 1].range.end.line, 'killasgroup=true'),
              ],
              { title: 'Set killasgroup=true', preferred: true },
            ),
          ]
        : [];
      const range = ownKill ? kill.entry.range : !killHere && ownLine(model, section, stop) ? stop.entry.range : nodes[0].headerRange;
      findings.push({
        range,
        message: `[${section.name}] Cannot set stopasgroup=true${writtenWhere(model, stop)} and killasgroup=false${writtenWhere(model, kill)}: a group that is stopped together must also be killed together`,
        fixes,
      });
    }
    return findings;
  },
});
