import type { ConfigSection } from '../../analysis/model';
import { readValues } from '../../analysis/sectionValues';
import { valueRange, type Entry } from '../../parser';
import { sectionSchema } from '../../schema';
import type { Finding } from '../types';
import { defineRule } from '../define';
import { oncePerEntry } from './shared';
import { setByLaterCopy, unreadWithoutProcesses } from '../mergedSections';

export const invalidExpansion = defineRule({
  id: 'config/invalid-expansion',
  severity: 'error',
  scope: 'section',
  summary: 'A `%(name)s` the key cannot use, or a bare `%` that should be `%%`: supervisord refuses to start.',
  docs: {
    what: `A value the loader cannot put through Python's \`%\` operator:
- a \`%(name)s\` whose name that key cannot use: a misspelt \`%(program_nmae)s\`, or \`%(process_num)s\` in \`[supervisord]\`
  or in a program's \`priority\` (read once before the program's names exist: only \`here\` and \`ENV_X\` there). Which
  names a key may use depends on its section and on when the loader reads it; the message lists them. \`ENV_X\` names
  (one per environment variable of supervisord) and \`here\` are available nearly everywhere; \`program_name\`,
  \`group_name\`, \`process_num\` and \`numprocs\` only in the keys of a program section that are read per program or
  per process, and \`host_node_name\` there and in \`[include] files\`. The keys of \`[rpcinterface:x]\` and
  \`[ctlplugin:x]\` may use only \`ENV_X\`; that includes every \`[DEFAULT]\` key, because the loader hands all of
  them to each plugin factory. So \`%(program_name)s\` in a \`[DEFAULT]\` \`stdout_logfile\` stops supervisord;
- a \`%\` that does not start a valid conversion, such as Celery's own \`%h\` and \`%n\` in \`-n worker@%h\` or
  \`--pidfile=/run/celery/%n.pid\`, or \`date +%Y\` in a shell command;
- a conversion that does not fit its value, such as \`%(program_name)d\` or a second nameless \`%s\`;
- in a file with \`[include]\` (or included by one), \`%%(here)s\`: supervisord then replaces each \`%(here)s\` with the
  file's directory before expanding anything, so the \`%\` before it is left facing the directory's \`/\`.

Only keys the loader expands are checked; a \`%\` in a comment or in a key supervisord ignores is left alone, and so is a
value that a later file's copy of the section replaces (supervisord merges the copies and never reads it).`,
    why: `supervisord expands almost every value with Python's \`%\` operator and a dictionary of names before converting it. A
name missing from the dictionary, or a \`%\` followed by something that is no conversion, raises an error while the
file is read, and supervisord refuses to start. Celery users meet this often: Celery's \`%h\`, \`%n\` and \`%i\`
placeholders look the same, but supervisord sees them first.`,
    fix: `Write a literal percent sign as \`%%\`; supervisord turns it into \`%\`, so Celery still gets its \`%h\`:
\`\`\`ini
command=/srv/app/venv/bin/celery -A proj worker -l info -n worker1@%%h
\`\`\`
Use only the names the message lists for that key. \`[supervisord]\`'s \`environment=\` is the exception: the loader
expands it twice, so a literal percent sign there is \`%%%%\`. The quick fix escapes a bare \`%\` that way; a broken
\`%(name)\` needs you to say which name you meant.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `expand` (the `%` operator and its two errors), `UnhosedConfigParser.saneget` (every value read is expanded, with `ENV_X` names), `ServerOptions.read_config` (`here`, `host_node_name`), `ServerOptions.process_groups_from_parser` and `ServerOptions._processes_from_section` (`program_name`, `group_name`, `process_num`, `numprocs`, and which keys are read where)',
      'CPython `Objects/unicodeobject.c`: `PyUnicode_Format` (printf-style formatting: `%%`, `%(name)s`, length modifiers `h`/`l`/`L`)',
    ],
  },
  examples: [
    {
      title: "Celery's %h reaches supervisord first",
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n worker1@«%h»\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n worker1@%%h\nstopwaitsecs=600\n',
    },
    {
      title: 'A misspelt name',
      config:
        '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\nstdout_logfile=/var/log/celery/«%(program_nmae)s».log\n',
    },
    {
      title: 'A name the key cannot use',
      config: '[supervisord]\nlogfile=/var/log/supervisor/supervisord-«%(program_name)s».log\n',
    },
    {
      title: 'A [DEFAULT] key is also passed to the rpcinterface factory, where only ENV_ names expand',
      config:
        '[DEFAULT]\nstdout_logfile=/var/log/supervisor/«%(program_name)s».log\n\n[supervisord]\nlogfile=/var/log/supervisor/supervisord.log\n\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n',
    },
    {
      title: 'Names the key can use, and an escaped percent sign',
      config:
        '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info -n %(program_name)s%(process_num)d@%%h\nprocess_name=%(program_name)s_%(process_num)02d\nnumprocs=2\nstopwaitsecs=600\nstdout_logfile=/var/log/celery/%(program_name)s-%(process_num)02d.log\n',
    },
    {
      title: '[supervisord] environment= is expanded twice: %% is not enough there',
      config: '[supervisord]\nenvironment=DISCOUNT="50«%%"»\n',
      fixed: '[supervisord]\nenvironment=DISCOUNT="50%%%%"\n',
    },
    {
      title: "A later file's copy of the section sets the key: this value is never read",
      path: '/etc/supervisor/conf.d/worker.conf',
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\ndirectory=%(app_root)s\nstopwaitsecs=600\n',
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/worker.override.conf': '[program:worker]\ndirectory=/srv/app\n',
      },
    },
  ],
  fixes: { escape: { title: 'Escape the bare `%` as `%%`', safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const read = readValues(model);
    // Only a value with a `%` has an expansion that can fail.
    for (let j = 0; j < read.expanded.length; j++) {
      const resolved = read.expansions[j];
      if (resolved.kind !== 'bad-name' && resolved.kind !== 'bad-format') continue;
      const i = read.expanded[j];
      const entry = read.entries[i];
      const key = read.keys[i];
      const section = read.sectionOf(i);
      // A later file's copy of the section sets the key: the loader reads that value, never this one.
      if (setByLaterCopy(context, section, key.name) || unreadWithoutProcesses(context, section, key)) continue;
      const where = `[${section.name}] ${key.name}${fromDefault(section, entry)}`;
      // The loader expands some values twice: a name or a % only the second pass sees was written escaped once.
      const twice = key.expandedTwice === true;
      const pass = resolved.secondPass ? ' after the first of its two expansions' : '';
      if (resolved.kind === 'bad-name') {
        findings.push({
          range: valueRange(entry, resolved.start, resolved.end),
          message: `${where}: %(${resolved.name})s cannot be expanded here${pass}. Available names: ${resolved.available.join(', ')}`,
        });
      } else {
        const literal = twice ? '%%%%' : '%%';
        // The % the loader stopped at, as written: one (first pass) or the %% the first pass made one of. A bare one
        // (not a broken %(name) reference) is escaped by writing it as the literal.
        const written = resolved.secondPass ? '%%' : '%';
        const bare =
          resolved.advice === undefined &&
          entry.value.startsWith(written, resolved.start) &&
          entry.value[resolved.start + written.length] !== '(';
        const advice = resolved.advice ?? `write a literal % as ${literal}${twice ? ' here (supervisord expands this value twice)' : ''}`;
        findings.push({
          range: valueRange(entry, resolved.start, resolved.end),
          message: `${where}: the value is badly formatted for %-expansion${pass} (${resolved.message}); ${advice}`,
          fixes: bare
            ? [
                fix.escape([{ range: valueRange(entry, resolved.start, resolved.start), newText: literal.slice(written.length) }], {
                  title: `Escape % as ${literal}`,
                  preferred: true,
                }),
              ]
            : [],
        });
      }
    }
    return oncePerEntry(findings);
  },
});

/** How a value from [DEFAULT] came to be read in `section`: said, since the finding sits on the [DEFAULT] line. */
function fromDefault(section: ConfigSection, entry: Entry): string {
  if (section.entries.get(entry.key) === entry) return '';
  // A plugin section hands every key it does not list, [DEFAULT]'s too, to its factory.
  return sectionSchema(section.name)?.passedOn
    ? ' (from [DEFAULT], which supervisord passes to every plugin factory)'
    : ' (from [DEFAULT])';
}
