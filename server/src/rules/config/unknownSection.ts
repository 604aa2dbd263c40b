import { closest, isLikelyTypo } from '../../util/closest';
import { sectionSchema, SECTION_HEADER_NAMES } from '../../schema';
import type { Finding, Fix } from '../types';
import { defineRule } from '../define';

/** `programs:web` → `program:web`: the suggestion keeps the name after the colon. */
function suggestion(name: string): string | undefined {
  const colon = name.indexOf(':');
  const kind = colon === -1 ? name : name.slice(0, colon + 1);
  const best = closest(kind, SECTION_HEADER_NAMES);
  if (!best || !isLikelyTypo(kind, best.distance)) return undefined;
  const named = best.value.endsWith(':');
  if (named && colon === -1) return undefined;
  return named ? best.value + name.slice(colon + 1) : best.value;
}

export const unknownSection = defineRule({
  id: 'config/unknown-section',
  severity: 'warning',
  scope: 'section',
  summary: 'A section supervisord does not know: it is silently ignored, with everything in it.',
  docs: {
    what: `A section header that neither supervisord nor supervisorctl reads. They read \`[supervisord]\`, \`[supervisorctl]\`,
\`[include]\`, \`[unix_http_server]\`, \`[inet_http_server]\` (and any name that starts with one of these two, such as
\`[inet_http_server:main]\`) and the named kinds \`[program:x]\`, \`[fcgi-program:x]\`,
\`[eventlistener:x]\`, \`[group:x]\`, \`[rpcinterface:x]\` and \`[ctlplugin:x]\`. \`[DEFAULT]\` is fine too: ConfigParser
itself feeds its keys to every section.

Section names are case-sensitive and a named kind needs its colon: \`[Program:worker]\`, \`[programs:worker]\` and
\`[program worker]\` are all unknown.`,
    why: `supervisord asks the parser for the sections it knows, by name or by prefix (\`program:\`, \`group:\`, …), and never
looks at the rest. A misspelt header is not an error: the section and every key in it are silently dropped. A worker
written as \`[programs:worker]\` is simply never started, and neither the log nor \`supervisorctl status\` mentions it.`,
    fix: `Spell the header as supervisord does, or delete the section if it is left over:
\`\`\`ini
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
\`\`\`
When the header is close to a known one, the quick fix corrects the kind and keeps the name after the colon. It is
not applied by fix-all: after it supervisord reads a section it ignored until now, so a program starts (or a server
listens) that did not before. Check the section before you accept it.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.read_config` (`[supervisord]`, `[include]`), `ServerOptions.process_groups_from_parser` (`program:`, `group:`, `eventlistener:`, `fcgi-program:` prefixes), `ServerOptions.server_configs_from_parser` and `_parse_servernames` (`inet_http_server`, `unix_http_server`), `Options.get_plugins` (`rpcinterface:`)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ClientOptions.read_config` (`[supervisorctl]`, `ctlplugin:`)',
      'CPython `Lib/configparser.py`: `RawConfigParser` (case-sensitive section names, `[DEFAULT]` as `default_section`)',
    ],
  },
  examples: [
    {
      title: 'A misspelt kind: the web server is never started',
      config: '[supervisord]\n\n«[programs:web]»\ncommand=/srv/app/venv/bin/gunicorn proj.wsgi --bind 127.0.0.1:8000\n',
      fixed: '[supervisord]\n\n[program:web]\ncommand=/srv/app/venv/bin/gunicorn proj.wsgi --bind 127.0.0.1:8000\n',
    },
    {
      title: 'Section names are case-sensitive',
      config: '«[Program:beat]»\ncommand=/srv/app/venv/bin/celery -A proj beat\n',
      fixed: '[program:beat]\ncommand=/srv/app/venv/bin/celery -A proj beat\n',
    },
    {
      title: 'No known section is close: no fix',
      config: '«[celery]»\ncommand=/srv/app/venv/bin/celery -A proj worker\n',
    },
    {
      config:
        '[DEFAULT]\nstopwaitsecs=600\n\n[program:worker]\ncommand=/srv/app/venv/bin/celery -A proj worker\n\n[group:celery]\nprograms=worker\n',
    },
  ],
  fixes: {
    rename: { title: 'Change the header to the closest known section kind', safe: false },
  },
  check({ model }, fix) {
    const findings: Finding[] = [];
    for (const node of model.file.sections) {
      if (node.name === 'DEFAULT' || sectionSchema(node.name)) continue;
      const better = suggestion(node.name);
      const fixes: Fix[] = better
        ? [fix.rename([{ range: node.nameRange, newText: better }], { title: `Change to [${better}]`, preferred: true })]
        : [];
      const hint = better ? ` Did you mean [${better}]?` : node.name.includes(':') ? '' : ' Program sections are written [program:name].';
      findings.push({
        range: node.headerRange,
        message: `supervisord does not know the section [${node.name}] and ignores it.${hint}`,
        fixes,
      });
    }
    return findings;
  },
});
