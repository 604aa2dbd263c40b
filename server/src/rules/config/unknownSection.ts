import { closest, isLikelyTypo } from '../../util/closest';
import { sectionSchema, SECTION_HEADER_NAMES } from '../../schema';
import type { Fix, Rule } from '../types';

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

export const unknownSection: Rule = {
  id: 'config/unknown-section',
  severity: 'warning',
  summary: 'A section supervisord does not know: it is silently ignored, with everything in it.',
  check({ model }) {
    return model.file.sections.flatMap((node) => {
      if (node.name === 'DEFAULT' || sectionSchema(node.name)) return [];
      const better = suggestion(node.name);
      const fixes: Fix[] = better ? [{ title: `Change to [${better}]`, edits: [{ range: node.nameRange, newText: better }], preferred: true }] : [];
      const hint = better ? ` Did you mean [${better}]?` : node.name.includes(':') ? '' : ' Program sections are written [program:name].';
      return [{ range: node.headerRange, message: `supervisord does not know the section [${node.name}] and ignores it.${hint}`, fixes }];
    });
  },
};
