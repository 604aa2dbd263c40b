import type { ConfigModel } from '../../analysis/model';
import { sectionSchema } from '../../schema';
import { defineRule } from '../define';
import { removeSectionLines } from '../edits';
import type { Finding, RuleContext } from '../types';
import { pathFrom } from './shared';

const MAIN = '/etc/supervisor/supervisord.conf';
const INCLUDES_CONF_D = '[supervisord]\nlogfile=/var/log/supervisor/supervisord.log\n\n[include]\nfiles = conf.d/*.conf\n';
const WORKER = '[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\n';

/** Why nothing reads a section of a kind read from the main config only, by who would. */
const NEVER_READ = {
  supervisord: 'supervisord follows only the [include] of the config it is started with',
  supervisorctl: 'supervisorctl reads only the config it is given, never the files that config includes',
};

export const sectionIgnoredInIncludedFile = defineRule({
  id: 'config/section-ignored-in-included-file',
  severity: 'warning',
  scope: 'section',
  summary:
    '`[include]`, `[supervisorctl]` or `[ctlplugin:x]` in a file a main config includes: nothing reads it there (no nested includes).',
  docs: {
    what: `A section that is only ever read from the main config, written in a file that a main config includes (a conf.d
fragment, or a conf.d file with a \`[supervisord]\` of its own):
- \`[include]\`: supervisord reads the \`[include]\` of the file it is started with and loads the files it names, but
  the \`[include]\` of those files is not followed: includes do not nest;
- \`[supervisorctl]\` and \`[ctlplugin:x]\`: supervisorctl reads the file given with \`-c\` (or found in the usual places)
  and nothing it includes. Only in a file without a \`[supervisord]\` of its own: Docker images start
  \`supervisord -c /etc/supervisor/conf.d/supervisord.conf\` as often as the main config, and then that file is the one
  supervisorctl is given too.

A file is taken as included when a main config near it includes it (see *Which files are supervisor configs*).`,
    why: `Neither program says anything: supervisord starts without the programs of the nested pattern, and supervisorctl
talks to its default server with its default prompt. The nested \`[include]\` is the common case, written for a
\`conf.d/\` split into subdirectories (\`files = celery/*.conf\` inside \`conf.d/celery.conf\`): those workers never
start, and \`supervisorctl status\` does not list them.`,
    fix: `Move the section to the main config: add the pattern to its \`[include] files=\` (several patterns are separated by
spaces or written on continuation lines), or move \`[supervisorctl]\` there. The quick fix deletes the section, which
changes nothing supervisord or supervisorctl reads.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.read_config` (the `[include]` files are listed once, from the main config, before any included file is read)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ClientOptions.read_config` (reads the one config file, without `[include]`)',
    ],
  },
  examples: [
    {
      title: 'A nested include: the workers under conf.d/celery/ never start',
      path: '/etc/supervisor/conf.d/celery.conf',
      config: '«[include]»\nfiles = celery/*.conf\n\n' + WORKER,
      files: { [MAIN]: INCLUDES_CONF_D },
      fixed: WORKER,
    },
    {
      title: 'supervisorctl settings in a conf.d file',
      path: '/etc/supervisor/conf.d/ctl.conf',
      config: '«[supervisorctl]»\nserverurl=unix:///run/supervisor.sock\n',
      files: { [MAIN]: INCLUDES_CONF_D },
      fixed: '',
    },
    {
      title: 'A conf.d file with a [supervisord] of its own, which may be started with -c: not reported',
      path: '/etc/supervisor/conf.d/supervisord.conf',
      config: '[supervisord]\nnodaemon=true\n\n[supervisorctl]\nserverurl=unix:///run/supervisor.sock\n\n' + WORKER,
      files: { [MAIN]: INCLUDES_CONF_D },
    },
    {
      title: 'Every pattern in the main config',
      path: MAIN,
      config: INCLUDES_CONF_D.replace('conf.d/*.conf', 'conf.d/*.conf conf.d/celery/*.conf'),
      files: { '/etc/supervisor/conf.d/celery/worker.conf': WORKER },
    },
  ],
  fixes: { removeSection: { title: 'Delete the section nothing reads here', safe: false } },
  check(context, fix) {
    const { model } = context;
    if (!context.included) return [];
    const findings: Finding[] = [];
    for (const section of model.sections) {
      const schema = sectionSchema(section.name);
      if (!schema?.mainConfigOnly) continue;
      const reader = NEVER_READ[schema.readBy];
      // A file with a [supervisord] of its own may also be the config given to both programs (Docker images start
      // supervisord -c conf.d/supervisord.conf as often as the main config): its supervisorctl sections may be read.
      if (schema.readBy === 'supervisorctl' && !model.isFragment) continue;
      const main = mainConfig(context);
      for (const node of section.nodes)
        findings.push({
          range: node.headerRange,
          message: `[${section.name}] is never read in an included file: ${reader}${main ? ` (${pathFrom(model, main)})` : ''}. Move it to the main config.`,
          fixes: [fix.removeSection([removeSectionLines(model.file, node)], { preferred: true })],
        });
    }
    return findings;
  },
});

/** The config whose [include] reads this file: the first other file of the configuration with an [include]. */
const mainConfig = (context: Pick<RuleContext, 'model' | 'configuration'>): ConfigModel | undefined =>
  context.configuration.find((other) => other !== context.model && other.section('include') !== undefined);
