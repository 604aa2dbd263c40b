import { positionalSpecs } from '../../analysis/expand';
import type { ConfigSection } from '../../analysis/model';
import { knownSections, readValues, schemaReadFor, type ValuesRead } from '../../analysis/sectionValues';
import { checkEntryValue, insertedNamesProblem } from '../../analysis/valueCheck';
import { parsePythonInt } from '../../analysis/pythonInt';
import { valueRange, type Entry } from '../../parser';
import { keySchema } from '../../schema';
import type { Finding, FixMaker, RuleContext } from '../types';
import { defineRule } from '../define';
import { oncePerEntry } from './shared';
import { entryRead, keysDefaultedElsewhere, unreadWithoutProcesses, writtenWhere } from '../mergedSections';

export const invalidValue = defineRule({
  id: 'config/invalid-value',
  severity: 'error',
  scope: 'section',
  summary:
    'A value supervisord cannot convert (boolean, number, size, signal, log level, exit codes, environment, …): it refuses to start.',
  docs: {
    what: `A value that the loader's converter for its key refuses:
- **booleans** (\`autostart\`, \`stopasgroup\`, \`redirect_stderr\`, …): anything but \`true/false\`, \`yes/no\`, \`on/off\`,
  \`1/0\` in any case. \`autostart=true;x\` counts: a \`;\` starts a comment only after whitespace;
- **integers** (\`numprocs\`, \`startsecs\`, \`stopwaitsecs\`, \`priority\`, …): what Python's \`int()\` refuses, such as
  \`two\` or \`1.5\`; \`buffer_size\` below 1;
- **byte sizes** (\`logfile_maxbytes\`, …): a whole number with an optional \`KB\`, \`MB\` or \`GB\`, so not \`1.5GB\`
  or \`50M\`; **octal modes** (\`umask\`, \`chmod\`);
- **signals** (\`stopsignal\`): a name supervisord does not know, with or without \`SIG\`, or a number that is no signal;
- **choices**: \`loglevel\` (\`critical\`, \`error\`, \`warn\`, \`info\`, \`debug\`, \`trace\`, \`blather\`),
  \`autorestart\` (\`unexpected\` or a boolean word), \`events\` (supervisor's event type names, at least one);
- **lists and pairs**: \`exitcodes\` that are not comma-separated numbers from 0 to 255; \`environment\` that is not
  \`KEY=value\` pairs separated by commas, also once a \`%s\` in it has printed supervisord's dictionary of names
  (\`environment=STAMP=%s\`; quoted, as in \`STAMP="%s"\`, the pairs survive and \`config/percent-inserts-mapping\`
  warns); \`port\` that is not \`host:port\` or a port from 1 to 65535; an fcgi-program \`socket\` that is not
  \`tcp://host:port\` or \`unix:///absolute/path\`.

Values are judged after \`%(name)s\` expansion, as the loader converts them; \`process_name\`, which the loader checks
before expanding it, as written. \`%(here)s\` is the file's directory: a path, so \`autorestart=%(here)s\` is wrong
wherever the file lies. A value that depends on the server (\`%(ENV_X)s\` that the file does not set,
\`%(host_node_name)s\`, or \`%(here)s\` in a file whose path is unknown) is not judged, nor is one that a copy of its
section in a file read later sets again (supervisord merges the copies and reads the later value; \`config/duplicate-section-across-files\`
reports them). supervisord's parser has one \`[DEFAULT]\` for all the files it reads, a later file's key replacing an
earlier one's: a value another file's \`[DEFAULT]\` gives a section is judged there, on the section's header (without
a \`%\`), and one a later file's \`[DEFAULT]\` replaces is not. Facts that only the server knows, such as whether a
user or a directory exists, are not checked.`,
    why: `The loader converts each value as it reads the file and stops at the first one it cannot convert. supervisord then
refuses to start (or \`supervisorctl reread\` and \`update\` refuse the new file), so none of the programs run until the
value is fixed.`,
    fix: `Write the value in the form the key expects; hovering the key shows it. For example:
\`\`\`ini
autostart=true ; a comment needs whitespace before the semicolon
stdout_logfile_maxbytes=50MB
stopsignal=TERM
exitcodes=0,2
environment=DJANGO_SETTINGS_MODULE="proj.settings",PYTHONUNBUFFERED="1"
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/datatypes.py`: `boolean`, `integer`, `byte_size` (`SuffixMultiplier`), `octal_type`, `signal_number`, `logging_level`, `auto_restart`, `list_of_exitcodes`, `dict_of_key_value_pairs`, `inet_address`',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.read_config`, `ServerOptions._processes_from_section`, `ServerOptions.process_groups_from_parser` (`buffer_size`, `events`, fcgi `socket`), `ServerOptions.parse_fcgi_socket`, `ServerOptions.server_configs_from_parser`',
      'Supervisor 4.2.5 `supervisor/loggers.py`: `LevelsByDescription` (the log level names); `supervisor/events.py`: `EventTypes` (the event type names)',
      'CPython `Lib/configparser.py`: `inline_comment_prefixes` (a `;` starts a comment only after whitespace)',
    ],
  },
  examples: [
    {
      title: 'No whitespace before `;`, so it is part of the boolean',
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nautostart=«true;start at boot»\n',
    },
    { title: 'Not an integer', config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nnumprocs=«two»\n' },
    {
      title: 'A byte size is a whole number',
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstdout_logfile_maxbytes=«1.5GB»\n',
    },
    {
      title: 'An unknown signal name',
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopsignal=«SIGTERMINATE»\n',
    },
    {
      title: 'Only the bad exit code is marked',
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nexitcodes=0,2,«256»\n',
    },
    {
      title: 'Environment pairs are separated by commas, not spaces',
      config:
        '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nenvironment=«DJANGO_SETTINGS_MODULE=proj.settings PYTHONUNBUFFERED=1»\n',
    },
    { title: 'Not a log level supervisord knows', config: '[supervisord]\nloglevel=«warning»\n' },
    {
      title: 'Checked after expansion',
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\n«numprocs=%(program_name)s»\n',
    },
    {
      title: 'Every spelling the loader accepts',
      config:
        '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nautostart=Yes ; comment\nautorestart=unexpected\nstopsignal=sigterm\nstopwaitsecs=600\nstdout_logfile_maxbytes=50mb\nexitcodes=0, 2\numask=022\nenvironment=DJANGO_SETTINGS_MODULE="proj.settings",PYTHONUNBUFFERED=1\n',
    },
    {
      title: 'A shell date format in environment=: the %s prints the dictionary of names',
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nenvironment=STAMP_FORMAT=«%s»\n',
      fixed: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nenvironment=STAMP_FORMAT=%%s\n',
    },
    {
      title: 'A value only the server knows is not judged',
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nnumprocs=%(ENV_WORKERS)s\n',
    },
  ],
  fixes: { escape: { title: 'Escape the `%` as a literal one', safe: true } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    const read = readValues(model);
    const { keys, entries, values } = read;
    for (let i = 0; i < entries.length; i++) {
      const value = values[i];
      if (value === undefined) {
        // Unknowable, but an environment= whose %s prints the dictionary of names is refused on every server.
        const inserted = keys[i].type === 'environment' ? insertedNamesFinding(read, i, fix.escape) : undefined;
        const section = read.sectionOf(i);
        if (inserted && readHere(context, section, read.entries[i]) && !unreadWithoutProcesses(context, section, keys[i]))
          findings.push(inserted);
        continue;
      }
      const key = keys[i];
      const entry = entries[i];
      const type = key.type;
      let problem = checkEntryValue(type, value, entry);
      // Two keys whose loader asks more than their type: their type is tested first, as it is at hand.
      if (!problem && type === 'integer' && key.name === 'buffer_size' && (parsePythonInt(value) ?? 1) < 1) {
        problem = { message: `invalid buffer_size (${value}): it must be at least 1` };
      }
      if (!problem && type === 'event-names' && key.name === 'events' && value === '')
        problem = { message: 'an event listener needs at least one event type' };
      if (!problem || !readHere(context, read.sectionOf(i), entry) || unreadWithoutProcesses(context, read.sectionOf(i), key)) continue;
      // Offsets are only meaningful when expansion did not change the text; an empty value has nothing to mark.
      const literal = value === entry.value && value !== '';
      const range = literal ? valueRange(entry, problem.start ?? 0, problem.end ?? value.length) : entry.range;
      findings.push({ range, message: `[${read.sectionOf(i).name}] ${key.name}: ${problem.message}` });
    }
    findings.push(...defaultedElsewhere(context));
    return oncePerEntry(findings);
  },
});

/**
 * The entry is the one supervisord reads for its key in `section`: no later file's copy of the section sets the key,
 * and for a [DEFAULT] entry no copy does and no later file's [DEFAULT] replaces it.
 */
const readHere = (context: RuleContext, section: ConfigSection, entry: Entry) => entryRead(context, section, entry.key)?.entry === entry;

/**
 * The values another file's [DEFAULT] gives this file's sections (supervisord's parser has one [DEFAULT] for all its
 * files), checked as the section's keys: marked on the section's header, since the value is written elsewhere. Values
 * with a `%` are left to that file's analysis.
 */
function defaultedElsewhere(context: RuleContext): Finding[] {
  const keys = keysDefaultedElsewhere(context);
  if (keys.size === 0) return [];
  const { model } = context;
  const findings: Finding[] = [];
  for (const { section, schema } of knownSections(model)) {
    if (schema.passedOn) continue;
    for (const name of keys) {
      const key = keySchema(schemaReadFor(schema, model.programOf(section)), name);
      const found = key && entryRead(context, section, name);
      if (!key || !found || found.model === model || found.entry.value.includes('%')) continue;
      const problem = checkEntryValue(key.type, found.entry.value, found.entry);
      if (problem)
        findings.push({
          range: section.nodes[0].headerRange,
          message: `[${section.name}] ${name}=${found.entry.value}${writtenWhere(model, found)}: ${problem.message}`,
        });
    }
  }
  return findings;
}

/** An environment= whose positional `%s` prints supervisord's dictionary of names where KEY=value pairs must be. */
function insertedNamesFinding(read: ValuesRead, i: number, escape: FixMaker): Finding | undefined {
  const entry = read.entries[i];
  const problem = insertedNamesProblem(entry.value);
  if (!problem) return undefined;
  const [spec] = positionalSpecs(entry.value);
  const key = read.keys[i];
  // The loader expands [supervisord] environment= twice: a literal % is written %%%% there.
  const literal = key.expandedTwice ? '%%%%' : '%%';
  const written = entry.value.slice(spec.start, spec.end);
  return {
    range: valueRange(entry, spec.start, spec.end),
    message: `[${read.sectionOf(i).name}] ${key.name}: ${written} prints supervisord's dictionary of names ({'here': …, 'program_name': …}), after which the value is no KEY=value pairs (${problem.message.split(' in value ')[0]}); write ${literal} for a literal percent sign`,
    fixes: [
      escape([{ range: valueRange(entry, spec.start, spec.start), newText: literal.slice(1) }], {
        title: `Escape % as ${literal}`,
        preferred: true,
      }),
    ],
  };
}
