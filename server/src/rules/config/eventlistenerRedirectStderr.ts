import { pythonBoolean } from '../../analysis/valueCheck';
import { insertLinesAfter, replaceValue } from '../edits';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { entryRead } from '../mergedSections';

export const eventlistenerRedirectStderr = defineRule({
  id: 'config/eventlistener-redirect-stderr',
  severity: 'error',
  scope: 'section',
  summary: '`redirect_stderr=true` on an event listener: it would corrupt the listener protocol, so supervisord refuses it.',
  docs: {
    what: `An \`[eventlistener:x]\` (memmon and the other superlance listeners included) whose \`redirect_stderr\` is true, set in
the section itself or inherited from \`[DEFAULT]\`. The \`redirect_stderr\` line is marked, or the listener's header
when the value comes from \`[DEFAULT]\`. Copies of the section in several files of a configuration count as supervisord merges them: each key is read from the
last file that sets it. The file whose value is read reports it.`,
    why: `An event listener talks to supervisord over its stdout: it writes \`READY\` and its \`RESULT\` replies there.
Anything the listener prints to stderr (a warning, a traceback) would land in that stream and break the protocol, so
supervisord refuses \`redirect_stderr=true\` for event listeners when it reads the config, and does not start at all.
A \`redirect_stderr=true\` in \`[DEFAULT]\`, meant for the programs, hits every listener too.`,
    fix: `Set \`redirect_stderr=false\` (or delete it) and give the listener's stderr a file of its own:
\`\`\`ini
[eventlistener:memmon]
command=memmon -p worker=512MB
events=TICK_60
stderr_logfile=/var/log/supervisor/memmon.err.log
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.process_groups_from_parser` (refuses `redirect_stderr=true` in `[eventlistener:x]`)',
      'Supervisor 4.2.5 `supervisor/dispatchers.py`: `PEventListenerDispatcher` (reads the listener protocol from its stdout)',
    ],
  },
  examples: [
    {
      config: `[eventlistener:memmon]
command=memmon -p worker=512MB
events=TICK_60
«redirect_stderr=true»
`,
      fixed: `[eventlistener:memmon]
command=memmon -p worker=512MB
events=TICK_60
redirect_stderr=false
`,
    },
    {
      title: 'Inherited from `[DEFAULT]`: the fix sets `redirect_stderr` in the listener only',
      config: `[DEFAULT]
redirect_stderr=true

[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info

«[eventlistener:memmon]»
command=memmon -p worker=512MB
events=TICK_60
`,
      fixed: `[DEFAULT]
redirect_stderr=true

[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info

[eventlistener:memmon]
command=memmon -p worker=512MB
events=TICK_60
redirect_stderr=false
`,
    },
    {
      title: 'Programs may merge stderr into stdout; the listener logs it apart',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
redirect_stderr=true

[eventlistener:memmon]
command=memmon -p worker=512MB
events=TICK_60
stderr_logfile=/var/log/supervisor/memmon.err.log
`,
    },
    {
      title: "A later file's copy of the section sets it back to false: that value is the one read",
      path: '/etc/supervisor/conf.d/memmon.conf',
      config: `[eventlistener:memmon]
command=memmon -p worker=512MB
events=TICK_60
redirect_stderr=true
`,
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/memmon.override.conf': '[eventlistener:memmon]\nredirect_stderr=false\n',
      },
    },
  ],
  fixes: { noRedirect: { title: 'Set `redirect_stderr=false`', safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    for (let i = 0; i < model.programs.length; i++) {
      const program = model.programs[i];
      if (program.kind !== 'eventlistener') continue;
      const found = entryRead(context, program.section, 'redirect_stderr');
      // Read from another file's copy of the section: that file reports it.
      if (!found || found.model !== model || pythonBoolean(found.entry.value) !== true) continue;
      const { entry } = found;
      // A [DEFAULT] value is shared by every section: set the key in this listener rather than change it for all.
      const own = program.section.entries.get('redirect_stderr') === entry;
      const nodes = program.section.nodes;
      const edit = own
        ? replaceValue(entry, 'false')
        : insertLinesAfter(model.file, nodes[nodes.length - 1].range.end.line, 'redirect_stderr=false');
      findings.push({
        range: own ? entry.range : nodes[0].headerRange,
        message: `[${program.section.name}] sets redirect_stderr=true${own ? '' : ' (from [DEFAULT])'}, which is not allowed for an event listener: its stdout carries the listener protocol`,
        fixes: [fix.noRedirect([edit], { title: 'Set redirect_stderr=false', preferred: true })],
      });
    }
    return findings;
  },
});
