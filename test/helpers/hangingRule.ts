// A rule that never returns, for the tests of what stops it (util/deadline.ts, lint.ts analyzeStopping): the rule's
// check loops without end on a text holding `marker`, and checks as usual otherwise.
import { RULES } from '../../server/src/rules';
import type { RuleContext } from '../../server/src/rules/types';

/** Makes rule `id` hang on texts holding `marker`; returns what restores it. */
export function hangingRule(id: string, marker: string): () => void {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  const check = rule.check;
  (rule as { check: typeof check }).check = (context: RuleContext) => {
    // eslint-disable-next-line no-empty
    if (context.model.text.includes(marker)) for (;;) {}
    return check(context);
  };
  return () => {
    (rule as { check: typeof check }).check = check;
  };
}
