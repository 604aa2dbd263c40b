// Turns a rule module's declaration into a rule: its fixes are made from the kinds it declared, so every fix a rule
// offers is listed in its docs with its safety.
import type { FixMaker, FixSpec, Rule, RuleSpec } from './types';

export function defineRule<F extends string = never>(spec: RuleSpec<F>): Rule {
  const fixes = spec.fixes ?? ({} as Record<F, FixSpec>);
  const makers = {} as Record<F, FixMaker>;
  for (const kind of Object.keys(fixes) as F[]) {
    const { title, safe } = fixes[kind];
    makers[kind] = (edits, options = {}) => ({ kind, title: options.title ?? title, edits, safe, preferred: options.preferred });
  }
  return { ...spec, fixes, check: (context) => spec.check(context, makers) };
}
