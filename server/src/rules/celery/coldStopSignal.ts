import { signalName } from '../../analysis/valueCheck';
import { CELERY_STOP_SIGNALS } from '../../schema';
import { appendToSection, replaceValue } from '../edits';
import { defineRule } from '../define';
import type { Finding } from '../types';
import { celeryWorkers, programEnvironment, supervisordEnvironment } from './pools';
import { entryRead, ownLine, setByLaterCopy, writtenWhere } from '../mergedSections';

export const coldStopSignal = defineRule({
  id: 'celery/cold-stop-signal',
  severity: 'warning',
  scope: 'section',
  summary:
    'A Celery worker stopped with a signal that is no warm shutdown (KILL, QUIT, HUP, USR1, USR2, or TERM remapped by REMAP_SIGTERM=SIGQUIT).',
  docs: {
    what: `A Celery worker program whose \`stopsignal\` (own, from \`[DEFAULT]\`, or from another file's copy of its section, such as an override
file: supervisord merges the copies) is KILL, QUIT, HUP, USR1 or USR2, by name, with
or without \`SIG\`, or by number. Also a worker stopped with TERM (the default) whose environment sets
\`REMAP_SIGTERM=SIGQUIT\`: its \`environment=\` (its own, or \`[supervisord]\`'s, which every program inherits), or the
wrappers of its command (\`env REMAP_SIGTERM=SIGQUIT celery ...\`, \`export REMAP_SIGTERM=SIGQUIT\` or
\`REMAP_SIGTERM=SIGQUIT celery ...\` in a \`sh -c\` script).`,
    why: `Celery's worker does a warm shutdown on TERM (and INT): it stops fetching tasks and finishes the running ones, as long
as \`stopwaitsecs\` allows. The others do not:
- QUIT starts a cold shutdown: the running tasks are cancelled and the pool is stopped (since Celery 5.5, only
  after \`worker_soft_shutdown_timeout\` seconds if you set that).
- KILL ends the worker with no shutdown at all. Since Celery 5.2 the kernel then kills the prefork children too
  (they are started with a parent-death signal); older versions leave them running without a parent.
- HUP is a warm stop followed by a restart in place: the worker re-executes itself in the same process (when its
  output is not a terminal, as under supervisord) and takes new tasks. It never exits, so supervisord sends SIGKILL
  after \`stopwaitsecs\` and kills whatever the new worker was running.
- USR1 only makes the worker log the stack traces of its threads. It keeps running, and every stop ends in SIGKILL
  after \`stopwaitsecs\`.
- USR2 has no handler unless \`CELERY_RDBSIG\` is set, so it kills the worker at once; with \`CELERY_RDBSIG\` it opens a
  remote debugger and waits, and the stop ends in SIGKILL.

\`REMAP_SIGTERM=SIGQUIT\` in the environment makes Celery treat TERM as QUIT: every supervisord stop becomes a cold
shutdown. (Any \`REMAP_SIGTERM\` also makes billiard's pool children ignore TERM.)

memmon stops programs the same way, so one of these turns every memory restart into lost work.`,
    fix: `Stop the worker with TERM and give it time to finish, and drop \`REMAP_SIGTERM\` from the environment:

\`\`\`ini
stopsignal=TERM
stopwaitsecs=600
\`\`\``,
    references: [
      'Celery 5.5 `celery/apps/worker.py`: `Worker.install_platform_tweaks`, `install_worker_term_handler` (REMAP_SIGTERM), `install_worker_term_hard_handler`, `install_worker_restart_handler`, `install_cry_handler`, `install_rdb_handler`',
      "Celery 5.2 `celery/concurrency/prefork.py`: `process_initializer` (`set_pdeathsig('SIGKILL')`)",
      'billiard 4.2 `billiard/common.py`: `REMAP_SIGTERM`, `TERMSIGS_IGNORE`',
      "Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.processes_from_section` (stopsignal, environment), `ServerOptions.read_config` ([supervisord] environment, merged under each program's)",
    ],
  },
  examples: [
    {
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
«stopsignal=QUIT»
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
stopsignal=TERM
stopwaitsecs=600
`,
    },
    {
      title: 'HUP restarts the worker in place instead of stopping it',
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
«stopsignal=SIGHUP»
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
stopsignal=TERM
stopwaitsecs=600
`,
    },
    {
      title: 'From [DEFAULT], where it suits nginx (QUIT is its graceful stop): the fix overrides it in the worker only',
      config: `[DEFAULT]
stopsignal=QUIT

«[program:worker]»
command=/srv/venv/bin/celery -A proj worker -l info
stopwaitsecs=600

[program:nginx]
command=/usr/sbin/nginx -g "daemon off;"
`,
      fixed: `[DEFAULT]
stopsignal=QUIT

[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
stopsignal=TERM

[program:nginx]
command=/usr/sbin/nginx -g "daemon off;"
`,
    },
    {
      title: 'TERM remapped to a cold shutdown',
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
«environment=DJANGO_SETTINGS_MODULE="proj.settings",REMAP_SIGTERM="SIGQUIT"»
stopwaitsecs=600
`,
    },
    {
      title: 'TERM remapped by the script that starts the worker',
      config: `[program:worker]
«command=bash -c "source /srv/venv/bin/activate && export REMAP_SIGTERM=SIGQUIT && exec celery -A proj worker -l info"»
stopwaitsecs=600
`,
    },
    {
      title: 'TERM (the default) or INT: no finding',
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
environment=DJANGO_SETTINGS_MODULE="proj.settings"
stopwaitsecs=600

[program:worker-int]
command=/srv/venv/bin/celery -A proj worker -l info -Q slow
stopsignal=INT
stopwaitsecs=3600
`,
    },
    {
      title: 'Set by an override file read after this one: marked on the worker, without a fix (a line here would not override it)',
      path: '/etc/supervisor/conf.d/worker.conf',
      config: '«[program:worker]»\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n',
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/worker.override.conf': '[program:worker]\nstopsignal=QUIT\n',
      },
    },
  ],
  fixes: { term: { title: 'Set `stopsignal=TERM`', safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const workers = celeryWorkers(context);
    const environment = workers.length > 0 ? supervisordEnvironment(context) : undefined;
    for (let i = 0; i < workers.length; i++) {
      const { program } = workers[i];
      // Read from the merged section: an override file may set it (supervisord merges a program's copies).
      const found = entryRead(context, program.section, 'stopsignal');
      const entry = found?.entry;
      const name = entry ? signalName(entry.value) : 'TERM';
      const reaction = CELERY_STOP_SIGNALS[name ?? ''];
      if (found && entry && reaction && !reaction.warm) {
        // A [DEFAULT] value also stops other programs, which may want it: override it for this worker only.
        const own = ownLine(model, program.section, found);
        const setTerm = own ? replaceValue(entry, 'TERM') : appendToSection(model.file, program.section.nodes.at(-1)!, ['stopsignal=TERM']);
        findings.push({
          // From [DEFAULT] or another file the finding sits on the worker, where its fix goes (and where a suppression is
          // about it alone).
          range: own ? entry.range : program.section.nodes[0].headerRange,
          message: `[${program.section.name}] stopsignal=${entry.value}${writtenWhere(model, found)}: ${reaction.effect}. Use TERM: the worker stops taking tasks and finishes the running ones (warm shutdown).`,
          // A line added here would not override a file read after this one.
          fixes:
            own || !setByLaterCopy(context, program.section, 'stopsignal')
              ? [fix.term([setTerm], { title: `Set stopsignal=TERM${own ? '' : ` in [${program.section.name}]`}`, preferred: true })]
              : [],
        });
        continue;
      }
      const remap = name === 'TERM' ? programEnvironment(context, program, 'REMAP_SIGTERM', environment) : undefined;
      // Celery's worker changes its TERM handler only for this exact value.
      if (remap?.value !== 'SIGQUIT') continue;
      findings.push({
        // [supervisord] may be in the main config while this is a fragment: then the program's header carries it.
        range: remap.model === model ? remap.entry.range : program.section.nodes[0].headerRange,
        message:
          `[${program.section.name}] is stopped with TERM, but ${remap.where} sets REMAP_SIGTERM=SIGQUIT, ` +
          'so Celery takes TERM as a cold shutdown and abandons the running tasks. Remove REMAP_SIGTERM.',
      });
    }
    return findings;
  },
});
