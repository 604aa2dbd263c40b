import type { Entry } from '../../parser';
import { defineRule } from '../define';
import { removeEntryLines } from '../edits';
import { entryRead, ownLine, writtenWhere } from '../mergedSections';
import type { Finding, RuleContext } from '../types';

const isRoot = (user: string) => user === 'root' || user === '0';
const isNumber = (user: string) => /^\d+$/.test(user);

export const userSwitchNeedsRoot = defineRule({
  id: 'config/user-switch-needs-root',
  severity: 'warning',
  scope: 'section',
  summary: "A program's `user=` other than the unprivileged user `[supervisord] user=` runs as: only root can switch, so it never starts.",
  docs: {
    what: `A program, fcgi-program or event listener whose \`user=\` names another user than \`[supervisord] user=\` (of its file
or of the main config that includes it), when that one is not root. Both must be names, or both numbers: a name and a
number may be the same user, which only the server knows. Values with \`%(...)s\` are not judged. The program is read
as supervisord merges its section: a conf.d override file's \`user=\` replaces the original's, and the file whose line
is read reports it.`,
    why: `supervisord runs as its \`user=\` (it drops to it at start when started as root). To start a process as another
user it must call setuid, which only root may: the child writes "couldn't setuid to ...: Can't drop privilege as
nonroot user" to its log and exits, and after its retries the program is FATAL. It never runs. A container image that
runs supervisord unprivileged meets it as soon as one program keeps a \`user=root\` or \`user=www-data\` line.`,
    fix: `Delete the program's \`user=\` (it then runs as supervisord's user), or run supervisord as root and let each program
drop to its own user:
\`\`\`ini
[supervisord]
user=root

[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
user=app
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.drop_privileges` ("Can\'t drop privilege as nonroot user" unless root or the same uid)',
      'Supervisor 4.2.5 `supervisor/process.py`: `Subprocess._spawn_as_child` and `set_uid` (the child reports the failure and exits)',
    ],
  },
  examples: [
    {
      config: `[supervisord]
user=app

[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
«user=celery»
stopwaitsecs=600
`,
      fixed: `[supervisord]
user=app

[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
`,
    },
    {
      title: "The same user as supervisord's, or a supervisord run as root",
      config: `[supervisord]
user=app

[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
user=app
stopwaitsecs=600
`,
    },
  ],
  fixes: { runAsSupervisord: { title: "Delete user= (run as supervisord's user)", safe: false } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const supervisordUser = unprivilegedSupervisord(context);
    if (!supervisordUser) return findings;
    for (let i = 0; i < model.programs.length; i++) {
      const program = model.programs[i];
      // As supervisord merges the section: a conf.d override file's user= replaces this file's.
      const found = entryRead(context, program.section, 'user');
      const name = found?.entry.value.trim();
      if (!found || !name || name.includes('%') || name === supervisordUser.value) continue;
      if (isNumber(name) !== isNumber(supervisordUser.value)) continue;
      // Another file's copy of the section sets it: that file reports it.
      if (found.model !== model && found.section.name !== 'DEFAULT') continue;
      const user = found.entry;
      const own = ownLine(model, program.section, found);
      findings.push({
        range: own ? user.range : program.section.nodes[0].headerRange,
        message: `[${program.section.name}] user=${name}${writtenWhere(model, found)} cannot work: supervisord runs as ${supervisordUser.value} ([supervisord] user=${supervisordUser.value}), and only root can start a process as another user. Its processes exit at once ("Can't drop privilege as nonroot user") and end FATAL.`,
        fixes: own
          ? [
              fix.runAsSupervisord(removeEntryLines(model.file, user), {
                title: `Delete user=${name} (run as ${supervisordUser.value})`,
                preferred: true,
              }),
            ]
          : [],
      });
    }
    return findings;
  },
});

/** [supervisord]'s user= (trimmed) when it names an unprivileged user; undefined for root, none, or a %(...)s value. */
function unprivilegedSupervisord(context: RuleContext): { value: string; entry: Entry } | undefined {
  const main = context.firstSection('supervisord');
  const entry = main?.model.lookup(main.section, 'user');
  const value = entry?.value.trim();
  return entry && value && !value.includes('%') && !isRoot(value) ? { value, entry } : undefined;
}
