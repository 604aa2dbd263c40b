import { closest, isLikelyTypo } from '../../util/closest';
import { unknownKeys } from '../../analysis/sectionValues';
import type { Entry } from '../../parser';
import { ALL_KEY_NAMES } from '../../schema';
import type { Fix, Finding } from '../types';
import { defineRule } from '../define';

export const unknownKey = defineRule({
  id: 'config/unknown-key',
  severity: 'warning',
  scope: 'section',
  summary: 'A key the section does not have: supervisord silently ignores it, so the setting has no effect.',
  docs: {
    what: `A key that its section's kind never reads, such as \`autorestar=true\` or \`stopwaitsec=600\` in a \`[program:x]\`, or
\`nodaemon=true\` in a \`[program:x]\` (it belongs in \`[supervisord]\`). Keys are compared without case, as ConfigParser
lower-cases them. A key in \`[DEFAULT]\` is reported only when no section kind reads it. \`[rpcinterface:x]\` and
\`[ctlplugin:x]\` are not checked: every key besides the factory is handed to the plugin.`,
    why: `supervisord asks each section for the keys it knows, by name, and never lists what else is there. A misspelt key is
not an error: it is dropped without a word and the default stays in force. A misspelt \`stopwaitsecs\` leaves the
10-second default, so any warm shutdown of Celery that takes longer is cut short with SIGKILL.`,
    fix: `Spell the key as supervisord does (hover a key to see the ones the section has), move it to the section that reads it,
or delete it:
\`\`\`ini
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600
\`\`\`
When the key is close to a known one, the quick fix renames it. It is not applied by fix-all: after it supervisord
reads a value it ignored until now, which changes how the program runs and may itself be invalid. Check the value
before you accept it.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.read_config` (keys of `[supervisord]`), `ServerOptions._processes_from_section` (keys of program sections), `ServerOptions.process_groups_from_parser`, `ServerOptions.server_configs_from_parser`, `UnhosedConfigParser.saneget` (each key is fetched by name)',
      'Supervisor 4.2.5 `supervisor/options.py`: `Options.get_plugins` (every other key of `[rpcinterface:x]` goes to the factory)',
      'CPython `Lib/configparser.py`: `RawConfigParser.optionxform` (keys are lower-cased), `[DEFAULT]` lookup in `RawConfigParser.get`',
    ],
  },
  examples: [
    {
      title: 'A misspelt key: the 10-second default stays',
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO\n«stopwaitsec»=600\n',
      fixed: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO\nstopwaitsecs=600\n',
    },
    {
      title: 'A key no section kind reads, in [DEFAULT]',
      config: '[DEFAULT]\n«autorestar»=true\n\n[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker\nstopwaitsecs=600\n',
      fixed: '[DEFAULT]\nautorestart=true\n\n[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker\nstopwaitsecs=600\n',
    },
    {
      title: 'Nothing close: no fix',
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker\nstopwaitsecs=600\n«celery_app»=proj\n',
    },
    {
      title: 'Keys are read without regard to case',
      config: '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker\nStopWaitSecs=600\n',
    },
  ],
  fixes: {
    rename: { title: 'Change the key to the closest one the section reads', safe: false },
  },
  check({ model }, fix) {
    const findings: Finding[] = [];
    const report = (where: string, entry: Entry, names: () => readonly string[]) => {
      const best = closest(entry.key, names());
      const typo = best && isLikelyTypo(entry.key, best.distance) ? best.value : undefined;
      const fixes: Fix[] = typo
        ? [fix.rename([{ range: entry.keyRange, newText: typo }], { title: `Change to ${typo}`, preferred: true })]
        : [];
      findings.push({
        range: entry.keyRange,
        message: `${where} has no key '${entry.key}': supervisord ignores it.${typo ? ` Did you mean '${typo}'?` : ''}`,
        fixes,
      });
    };
    // A [DEFAULT] key is unknown only when no section reads it.
    for (const node of model.section('DEFAULT')?.nodes ?? [])
      for (const entry of node.entries) if (!ALL_KEY_NAMES.has(entry.key)) report('any section', entry, () => [...ALL_KEY_NAMES]);
    // The other sections' keys were looked up in their schema as their values were read.
    for (const { section, schema, entry } of unknownKeys(model)) report(`[${section.name}]`, entry, () => schema.keys.map((k) => k.name));
    return findings;
  },
});
