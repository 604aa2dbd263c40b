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
  const check = spec.check;
  // Every rule has every property (the type makes each optional one listed), in one order: the engine reads them from
  // each rule for each file, mostly before V8 has optimised it, and one shape keeps those reads monomorphic (with
  // optional properties left out, the rules had 53 shapes and read an absent `runsLast` the slow, megamorphic way).
  const rule: { [K in keyof Required<Rule>]: Rule[K] } = {
    id: spec.id,
    severity: spec.severity,
    summary: spec.summary,
    docs: spec.docs,
    examples: spec.examples,
    hostDependent: spec.hostDependent,
    runsLast: spec.runsLast,
    scope: spec.scope,
    fixes,
    check: (context) => check(context, makers),
  };
  return rule;
}
