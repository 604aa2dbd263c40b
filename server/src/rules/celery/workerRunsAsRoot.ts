import type { CeleryWorker } from '../../analysis/celery';
import type { Entry } from '../../parser';
import { defineRule } from '../define';
import type { Finding, RuleContext } from '../types';
import { celeryWorkers, programEnvironment, supervisordEnvironment } from './pools';
import { entryRead, ownLine, whereFrom } from '../mergedSections';

/** `--uid` (a worker option, so after `worker`) makes the worker drop to that user before Celery's root check. */
const dropsPrivileges = (worker: CeleryWorker): boolean => worker.get('uid')?.placement === 'after';

export const workerRunsAsRoot = defineRule({
  id: 'celery/worker-runs-as-root',
  severity: 'warning',
  scope: 'section',
  summary: 'A Celery worker run as root (`user=root`) or with `C_FORCE_ROOT` in its environment: any task message can run code as root.',
  docs: {
    what: `A Celery worker program with \`user=root\` (or \`user=0\`), in its section, from \`[DEFAULT]\` or from another file's copy of its section, or whose environment
(its own \`environment=\`, \`[DEFAULT]\`'s or \`[supervisord]\`'s, or the wrappers of its command: \`env C_FORCE_ROOT=1\`,
\`export C_FORCE_ROOT=1\` in a \`sh -c\` script) sets \`C_FORCE_ROOT\` to anything but an empty string.
A worker without \`user=\` runs as supervisord's user: it is reported when \`[supervisord]\` says \`user=root\` (as Docker
images often write, to quiet supervisord's own warning); otherwise whoever starts supervisord decides, which the
config does not show. Workers started with \`--uid\` drop to that user first and are not reported.`,
    why: `A worker executes whatever its broker queue tells it to, with its own privileges: whoever can publish a message (or
reach the broker) chooses which task runs with which arguments, and with the pickle serializer can run arbitrary code.
Celery checks this when the worker starts: as root (or with the \`sudo\` or \`wheel\` group) it warns, and when pickle is
accepted it refuses to start, unless \`C_FORCE_ROOT\` is set. So \`C_FORCE_ROOT\` in a supervisord config means this
refusal has been switched off on purpose.`,
    fix: `Run the worker as an unprivileged user that owns only what the tasks need, and remove \`C_FORCE_ROOT\`:

\`\`\`ini
[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
user=celery
\`\`\``,
    references: [
      'Celery 5.5 `celery/platforms.py`: `check_privileges`, `_warn_or_raise_security_error` (`C_FORCE_ROOT`, `ROOT_DISALLOWED`, `ROOT_DISCOURAGED`)',
      'Celery 5.5 `celery/apps/worker.py`: `Worker.on_before_init` (calls `check_privileges` with `accept_content`)',
      'Celery 5.5 `celery/bin/worker.py`: `worker()` (`maybe_drop_privileges` for `--uid`/`--gid` before the check)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.processes_from_section` (`user`, `environment`)',
    ],
  },
  examples: [
    {
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
«user=root»
stopwaitsecs=600
`,
    },
    {
      title: "Celery's refusal switched off",
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
«environment=C_FORCE_ROOT="true",DJANGO_SETTINGS_MODULE="proj.settings"»
stopwaitsecs=600
`,
    },
    {
      title: 'Set by the command',
      config: `[program:worker]
«command=env C_FORCE_ROOT=1 /srv/venv/bin/celery -A proj worker -l info»
stopwaitsecs=600
`,
    },
    {
      title: 'From [DEFAULT]: reported on the worker',
      config: `[DEFAULT]
user=root

«[program:worker]»
command=/srv/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
`,
    },
    {
      title: 'No user= of its own, under a supervisord that runs as root',
      config: `[supervisord]
nodaemon=true
user=root

«[program:worker]»
command=/srv/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
`,
    },
    {
      title: 'An unprivileged user, a worker that drops to one with --uid, or no user= at all: no finding',
      config: `[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info
user=celery
stopwaitsecs=600

[program:legacy-worker]
command=/srv/venv/bin/celery -A proj worker -l info --uid celery --gid=celery -Q legacy
user=root
stopwaitsecs=600

[program:other-worker]
command=/srv/venv/bin/celery -A proj worker -l info -Q other
stopwaitsecs=600
`,
    },
  ],
  check(context) {
    const { model } = context;
    const findings: Finding[] = [];
    const workers = celeryWorkers(context);
    const environment = workers.length > 0 ? supervisordEnvironment(context) : undefined;
    const supervisordUser = workers.length > 0 ? rootSupervisord(context) : undefined;
    for (let i = 0; i < workers.length; i++) {
      const { program, worker } = workers[i];
      if (dropsPrivileges(worker)) continue;
      // Read from the merged section: an override file may set it (supervisord merges a program's copies).
      const found = entryRead(context, program.section, 'user');
      const user = found?.entry;
      if (found && user && (user.value === 'root' || user.value === '0')) {
        const own = ownLine(model, program.section, found);
        findings.push({
          range: own ? user.range : program.section.nodes[0].headerRange,
          message: `[${program.section.name}] runs this Celery worker as root${own ? '' : ` (user= ${whereFrom(model, found)})`}: every task it is sent runs with root's privileges. Run it as an unprivileged user.`,
        });
        continue;
      }
      const inherited = user ? undefined : supervisordUser;
      if (inherited) {
        findings.push({
          range: program.section.nodes[0].headerRange,
          message: `[${program.section.name}] has no user=, so this Celery worker runs as supervisord does: as root (${inherited.value === '0' ? 'user=0' : 'user=root'} in [supervisord]). Every task it is sent runs with root's privileges. Give it user= an unprivileged user.`,
        });
        continue;
      }
      const force = programEnvironment(context, program, 'C_FORCE_ROOT', environment);
      // Celery reads the variable as set when it is not empty.
      if (!force || force.value === '') continue;
      findings.push({
        range: force.model === model ? force.entry.range : program.section.nodes[0].headerRange,
        message:
          `${force.where.replace(/^t/, 'T')} sets C_FORCE_ROOT, which only matters when this Celery worker runs as root (or with sudo or wheel as its group): it lets it ` +
          'start as root even when it accepts pickle messages, which Celery refuses otherwise. Run it as an unprivileged user and remove C_FORCE_ROOT.',
      });
    }
    return findings;
  },
});

/** [supervisord]'s user= when it is root: the user of every program without one. */
function rootSupervisord(context: RuleContext): Entry | undefined {
  const main = context.firstSection('supervisord');
  const user = main?.model.lookup(main.section, 'user');
  return user && (user.value === 'root' || user.value === '0') ? user : undefined;
}
