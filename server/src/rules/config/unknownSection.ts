import { closest, isLikelyTypo } from '../../util/closest';
import { sectionSchema, SECTION_HEADER_NAMES } from '../../schema';
import type { Fix } from '../types';
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
  summary: 'A section supervisord does not know: it is silently ignored, with everything in it.',
  docs: {
    what: `A section header supervisord has no use for: anything other than \`[supervisord]\`, \`[supervisorctl]\`,
\`[unix_http_server]\`, \`[inet_http_server]\`, \`[include]\`, \`[program:x]\`, \`[fcgi-program:x]\`, \`[eventlistener:x]\`,
\`[group:x]\`, \`[rpcinterface:x]\` and \`[ctlplugin:x]\` (plus \`[DEFAULT]\`, which ConfigParser itself handles).`,
    why: `The loader looks sections up by name and never complains about the ones it does not ask for. A worker written as
\`[programs:worker]\` or \`[Program:worker]\` is simply not started, and nothing in the log says why.`,
    fix: `\`\`\`ini
[program:worker]
command=celery -A proj worker
\`\`\`
When the header is a likely typo of a known section, the quick fix corrects it and keeps the name after the colon.`,
    references: [],
  },
  examples: [],
  fixes: {
    rename: { title: 'Change to the closest section kind (unsafe: supervisord then reads a section it ignored so far)', safe: false },
  },
  check({ model }, fix) {
    return model.file.sections.flatMap((node) => {
      if (node.name === 'DEFAULT' || sectionSchema(node.name)) return [];
      const better = suggestion(node.name);
      const fixes: Fix[] = better ? [fix.rename([{ range: node.nameRange, newText: better }], { title: `Change to [${better}]`, preferred: true })] : [];
      const hint = better ? ` Did you mean [${better}]?` : node.name.includes(':') ? '' : ' Program sections are written [program:name].';
      return [{ range: node.headerRange, message: `supervisord does not know the section [${node.name}] and ignores it.${hint}`, fixes }];
    });
  },
});
