import { closest, isLikelyTypo } from '../../util/closest';
import { defineRule } from '../define';
import { RULE_IDS } from '../ruleIds';
import { removeSuppression } from './suppressionEdits';

export const unknownRuleId = defineRule({
  id: 'lint/unknown-rule-id',
  severity: 'information',
  runsLast: true,
  summary: 'A supervisor-lint: disable comment names a rule id that does not exist, so it silences nothing.',
  docs: {
    what: `An id in a \`supervisor-lint: disable=\` or \`disable-file=\` comment that is neither a rule id of this
linter nor \`all\`. Ids are compared exactly: \`Config/Unknown-Key\` is not \`config/unknown-key\`.`,
    why: `A mistyped id silences nothing, so the finding it was meant for stays on screen (or fails the CI job), and the
comment misleads the next reader into thinking it is handled. An id of a rule that was renamed or removed is dead
weight.`,
    fix: 'Correct the id (the rules table in the README lists them all, as does `supervisor-lint --list-rules`), or remove it.',
    references: [
      'Our `server/src/rules/engine.ts`: `readSuppressions` (the comment syntax) and `server/src/rules/index.ts` (the rule ids)',
    ],
  },
  fixes: {
    replace: { title: 'Replace with the closest rule id', safe: true },
    remove: { title: 'Remove the unknown id', safe: true },
  },
  examples: [
    {
      title: 'A typo in the id',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600
celery_app=proj ; read by our deploy script; supervisor-lint: disable=«config/unknown-keys»
`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600
celery_app=proj ; read by our deploy script; supervisor-lint: disable=config/unknown-key
`,
    },
    {
      title: 'An id that is nothing like a rule: the preferred fix removes it, the other ids stay',
      config: `; supervisor-lint: disable-file=config/unknown-key, «E501»
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600
celery_app=proj
`,
      fixed: `; supervisor-lint: disable-file=config/unknown-key
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600
celery_app=proj
`,
    },
    {
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600
celery_app=proj ; supervisor-lint: disable=config/unknown-key
`,
    },
  ],
  check({ model, suppressions = [] }, fix) {
    return suppressions
      .filter((use) => use.id !== 'all' && !RULE_IDS.has(use.id))
      .map((use) => {
        const near = closest(use.id, RULE_IDS);
        const typo = near !== undefined && isLikelyTypo(use.id, near.distance);
        const fixes = [fix.remove([removeSuppression(model, use)], { preferred: !typo })];
        if (near && typo)
          fixes.unshift(fix.replace([{ range: use.range, newText: near.value }], { title: `Replace with ${near.value}`, preferred: true }));
        return {
          range: use.range,
          message: `No rule has the id "${use.id}"${typo ? ` (did you mean ${near.value}?)` : ''}: this suppression silences nothing.`,
          fixes,
        };
      });
  },
});
