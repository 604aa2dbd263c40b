import { posix } from 'node:path';
import { checkProcessName } from '../../analysis/valueCheck';
import { andMore } from '../../util/listed';
import { requiredKeys, sectionSchema } from '../../schema';
import { defineRule } from '../define';
import { pathFrom } from './shared';
import { lastSettingCopy, placeOfCopy } from '../mergedSections';
import type { ConfigModel, ConfigSection } from '../../analysis/model';
import type { SectionFound } from '../../analysis/workspace';
import type { Finding, Fix, FixMaker, RuleContext } from '../types';

/**
 * Sections left alone besides those read from the main config only (a second copy of them is never read): those that
 * set up supervisord itself, for which merging is what a second copy is for, as a conf.d file sets supervisord's own
 * settings (Docker images put their nodaemon=true in conf.d/supervisord.conf) or its servers'.
 */
const MERGED_ON_PURPOSE = new Set(['supervisord', 'unix_http_server', 'inet_http_server', 'rpcinterface']);
const NAMED_KINDS = ['program', 'fcgi-program', 'eventlistener', 'group'];
/** How many other files a message names. */
const MOST_NAMED = 3;
/** A file name that makes a program name as it is, with nothing to quote or escape. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]*$/;

const WORKER = `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info -Q default
stopwaitsecs=600
`;

export const duplicateSectionAcrossFiles = defineRule({
  id: 'config/duplicate-section-across-files',
  severity: 'warning',
  summary:
    'A section that another file of the configuration also has: supervisord merges them into one, so a copied conf.d file silently replaces a program instead of adding one.',
  docs: {
    what: `A section header, such as \`[program:worker]\`, that another file of the same configuration (the main config and
the files its \`[include]\` reads) also has. Each file's header is marked, naming the other files, whether
supervisord reads them before or after this one, and which of this file's keys a file read after it replaces (an
override file named \`worker-override.conf\` is read *before* \`worker.conf\`, since \`-\` sorts before \`.\`, and loses
every key both set). \`[include]\`, \`[supervisorctl]\` and \`[ctlplugin:x]\` are left
alone: a second copy of them is never read. So are the sections that set up supervisord itself (\`[supervisord]\`,
\`[unix_http_server]\`, \`[inet_http_server]\`, \`[rpcinterface:x]\`): a conf.d file that changes some of the main
config's settings there, such as the \`nodaemon=true\` Docker images add in \`conf.d/supervisord.conf\`, relies on the
merge.`,
    why: `supervisord reads the main config and every included file into one ConfigParser, which merges sections of the same
name wherever they come from: the keys of all copies are put together, and a key set in several takes the value of
the file read last. Nothing is reported. The usual way in is a conf.d file copied to start a second worker whose
header was not renamed: supervisord then runs one program, with the command and settings of whichever file sorts
last, and the other worker never starts. A value that only one copy sets (a \`stopwaitsecs\`, an \`environment\`)
still applies to the merged program, which makes the result hard to read from either file.`,
    fix: `Give each program its own name. When the copy in a later file was meant to be another program, rename its header
(the quick fix, offered in a file whose name differs from the program's, uses the file's name when no section has it
yet). When both copies describe the same program, keep
one and move the keys you need into it.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.read_config` (every included file is read into the same parser with `UnhosedConfigParser.read`)',
      'Supervisor 4.2.5 `supervisor/options.py`: `UnhosedConfigParser.read` (`section_to_file` keeps only the first file of a section)',
      'CPython `Lib/configparser.py`: `RawConfigParser._read` (a section read again is reopened, and a key set again replaced)',
    ],
  },
  examples: [
    {
      title: 'A conf.d file copied from worker.conf, its header left as it was',
      path: '/etc/supervisor/conf.d/worker-high.conf',
      config: `«[program:worker]»
command=/srv/app/venv/bin/celery -A proj worker -l info -Q high
stopwaitsecs=600
`,
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/worker.conf': WORKER,
      },
      fixed: `[program:worker-high]
command=/srv/app/venv/bin/celery -A proj worker -l info -Q high
stopwaitsecs=600
`,
    },
    {
      title: 'An override file read before the file it overrides: its autostart is replaced',
      path: '/etc/supervisor/conf.d/worker-override.conf',
      config: '«[program:worker]»\nautostart=false\n',
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/worker.conf': WORKER + 'autostart=true\n',
      },
    },
    {
      title: 'Each file names its own program',
      path: '/etc/supervisor/conf.d/worker-high.conf',
      config: `[program:worker-high]
command=/srv/app/venv/bin/celery -A proj worker -l info -Q high
stopwaitsecs=600
`,
      files: {
        '/etc/supervisor/supervisord.conf': '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n',
        '/etc/supervisor/conf.d/worker.conf': WORKER,
      },
    },
    {
      title: "A conf.d file that sets supervisord's own nodaemon=true, as Docker images do",
      path: '/etc/supervisor/conf.d/supervisord.conf',
      config: `[supervisord]
nodaemon=true

[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info -Q default
stopwaitsecs=600
`,
      files: {
        '/etc/supervisor/supervisord.conf':
          '[supervisord]\nlogfile=/var/log/supervisor/supervisord.log\n\n[include]\nfiles = conf.d/*.conf\n',
      },
    },
  ],
  scope: 'section',
  fixes: { renameToFile: { title: "Rename the section after this file's name", safe: false } },
  check(context, fix) {
    const { model } = context;
    const findings: Finding[] = [];
    if (context.singleFile) return findings;
    for (const section of model.sections) {
      if (!context.hasCopies(section.name) || MERGED_ON_PURPOSE.has(section.kind) || sectionSchema(section.name)?.mainConfigOnly) continue;
      const parts = context.sectionsNamed(section.name);
      if (parts.length < 2) continue;
      const place = placeOfCopy(parts, model);
      // The first few other files by name: thousands of copies would make every message name thousands of files.
      const where: string[] = [];
      for (let i = 0; i < parts.length && where.length < MOST_NAMED; i++)
        if (i !== place)
          where.push(
            `${pathFrom(model, parts[i].model)} (line ${parts[i].section.nodes[0].line + 1}, read ${i < place ? 'before' : 'after'} this file)`,
          );
      const single = NAMED_KINDS.includes(section.kind) && section.arg !== undefined;
      const fixes = renameFixes(context, section, fix.renameToFile);
      findings.push({
        range: section.nodes[0].headerRange,
        message: `[${section.name}] is also in ${andMore(where, parts.length - 1, 'files')}: supervisord merges every [${section.name}] into one section, and a key set in several takes the value of the file it reads last${replacedHere(model, section, parts, place)}${single ? `; only one ${section.kind} ${section.arg!.trim()} runs` : ''}`,
        fixes,
      });
    }
    return findings;
  },
});

/**
 * Which keys of this copy (at `place` among the section's copies) the copies read after it set again, so that
 * supervisord never reads them here.
 */
function replacedHere(model: ConfigModel, section: ConfigSection, parts: readonly SectionFound[], place: number): string {
  const replaced: string[] = [];
  const by = new Set<ConfigModel>();
  for (const entry of section.entries.values()) {
    const setter = lastSettingCopy(parts, entry.key);
    if (setter <= place) continue;
    replaced.push(entry.key);
    by.add(parts[setter].model);
  }
  if (replaced.length === 0) return '';
  const files = [...by].slice(0, MOST_NAMED).map((other) => pathFrom(model, other));
  return ` (here ${andMore(replaced.slice(0, 3), replaced.length)} ${replaced.length === 1 ? 'is' : 'are'} replaced by ${andMore(files, by.size, 'files')})`;
}

/**
 * Renaming a program or group after its file, when the file is named otherwise (the copy, mostly) and no section
 * has that name yet.
 */
function renameFixes(context: RuleContext, section: ConfigSection, renameToFile: FixMaker): Fix[] {
  const { model } = context;
  const header = section.nodes[0];
  const path = model.path;
  if (!path || !header.argRange || header.arg === undefined || !NAMED_KINDS.includes(header.kind)) return [];
  // Renamed, the section keeps only what this file gives it: without a key it needs (an override file setting a few
  // keys of a program defined elsewhere), supervisord would refuse it.
  const schema = sectionSchema(section.name);
  if (!schema || requiredKeys(schema).some((key) => model.lookup(section, key.name) === undefined)) return [];
  const name = posix.basename(path).replace(/\.[^.]*$/, '');
  if (!PLAIN_NAME.test(name) || name === header.arg.trim() || checkProcessName(name)) return [];
  if (NAMED_KINDS.some((kind) => context.sectionsNamed(`${kind}:${name}`).length > 0)) return [];
  return [
    renameToFile([{ range: header.argRange, newText: name }], {
      title: `Rename to [${header.kind}:${name}]`,
      preferred: true,
    }),
  ];
}
