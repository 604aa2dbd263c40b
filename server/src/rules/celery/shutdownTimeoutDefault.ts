import { appendToSection } from '../edits';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { celeryWorkers } from './pools';
import { entryRead } from '../mergedSections';

/** Seconds the quick fix gives running tasks, as Celery's own supervisord example does. */
const GRACEFUL_STOP_SECONDS = 600;

export const shutdownTimeoutDefault = defineRule({
  id: 'celery/shutdown-timeout-default',
  severity: 'information',
  scope: 'section',
  summary: 'A Celery worker without `stopwaitsecs`: supervisord gives running tasks 10 seconds, then kills them with SIGKILL.',
  docs: {
    what: `A Celery worker program with no \`stopwaitsecs\`, neither in its section nor in \`[DEFAULT]\`, nor in another file's copy of its
section (an override file: supervisord merges the copies). (An explicit value shorter
than the worker's time limit is \`celery/stopwaitsecs-below-time-limit\`.)`,
    why: `On \`supervisorctl stop\` or \`restart\`, a deploy, or a memmon restart, supervisord sends the stop signal (TERM by
default). The worker then starts a warm shutdown: it takes no new tasks and finishes the ones it is running. But
supervisord waits only \`stopwaitsecs\` seconds, 10 by default, before it sends SIGKILL. Any task that needs longer is
killed halfway; with Celery's default early acknowledgement its message is already gone, so the task is lost.`,
    fix: `Give the worker as long as your slowest task needs. Celery's own supervisord example uses ten minutes; with
\`killasgroup=true\` the final SIGKILL also reaches the pool children:

\`\`\`ini
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
killasgroup=true
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.processes_from_section` (`stopwaitsecs` default 10)',
      'Supervisor 4.2.5 `supervisor/process.py`: `Subprocess.transition` (SIGKILL once `stopwaitsecs` have passed)',
      'Celery 5.5 `celery/apps/worker.py`: `install_worker_term_handler` (TERM: warm shutdown)',
      'Celery 5.5 `extra/supervisord/celeryd.conf` (`stopwaitsecs = 600`)',
    ],
  },
  examples: [
    {
      config: `«[program:worker]»
command=/srv/venv/bin/celery -A proj worker -l info
autostart=true

[program:web]
command=/srv/venv/bin/gunicorn proj.wsgi
`,
      fixed: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
autostart=true
stopwaitsecs=600

[program:web]
command=/srv/venv/bin/gunicorn proj.wsgi
`,
    },
    {
      title: 'Indented keys followed by an indented header: the added line is indented like the keys, so the header stays a header',
      config: `«[program:worker]»
  command=celery -A proj worker -l info
  [program:beat]
  command=celery -A proj beat -l info
`,
      fixed: `[program:worker]
  command=celery -A proj worker -l info
  stopwaitsecs=600
  [program:beat]
  command=celery -A proj beat -l info
`,
    },
    {
      title: 'Set in the section or in [DEFAULT]: no finding',
      config: `[DEFAULT]
stopwaitsecs=300

[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info

[program:slow-worker]
command=/srv/venv/bin/celery -A proj worker -l info -Q reports
stopwaitsecs=3600
`,
    },
    {
      title: 'Set by an override file: supervisord merges the copies of the section',
      path: '/etc/supervisor/conf.d/worker.conf',
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\n',
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/worker.override.conf': '[program:worker]\nstopwaitsecs=600\n',
      },
    },
  ],
  fixes: { addStopWaitSecs: { title: `Add \`stopwaitsecs=${GRACEFUL_STOP_SECONDS}\``, safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const workers = celeryWorkers(context);
    for (let i = 0; i < workers.length; i++) {
      const { program } = workers[i];
      // Set in the merged section: here, by [DEFAULT], or by another file's copy (an override file).
      if (entryRead(context, program.section, 'stopwaitsecs')) continue;
      const nodes = program.section.nodes;
      findings.push({
        range: nodes[0].headerRange,
        message: `[${program.section.name}] has no stopwaitsecs: on stop or restart supervisord waits only 10 seconds (the default) for the warm shutdown, then sends SIGKILL and the running tasks are lost.`,
        fixes: [
          fix.addStopWaitSecs([appendToSection(model.file, nodes[nodes.length - 1], [`stopwaitsecs=${GRACEFUL_STOP_SECONDS}`])], {
            title: `Add stopwaitsecs=${GRACEFUL_STOP_SECONDS}`,
            preferred: true,
          }),
        ],
      });
    }
    return findings;
  },
});
