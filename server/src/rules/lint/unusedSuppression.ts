import { defineRule } from '../define';
import { removeSuppression } from './suppressionEdits';

/** Suppressions of the suppression rules themselves are never reported: they are judged after everything else. */
const JUDGES = new Set(['lint/unused-suppression', 'lint/unknown-rule-id']);

export const unusedSuppression = defineRule({
  id: 'lint/unused-suppression',
  severity: 'information',
  runsLast: true,
  summary: 'A supervisor-lint: disable comment that silences no finding: the problem is gone, or the comment is on the wrong line.',
  docs: {
    what: `An id in a \`supervisor-lint: disable=\` comment for which no finding of that rule starts on the line the
comment covers (its own line for a comment after a value, the next line for a comment line), or a \`disable-file=\` id
whose rule reports nothing in the file. \`all\` is reported when it silences nothing at all. An id is judged only when
its rule ran: a rule turned off in the settings, or skipped, leaves its suppressions alone.`,
    why: `Suppressions outlive the problems they hid. A stale one hides the next real finding of that rule on that line
without anybody having looked at it, and one placed on the wrong line hides nothing while looking as if it did.`,
    fix: `Remove the id (with the comment when it was the only thing in it). If a finding was meant, move the comment to
the line of the finding or to the line just above it.`,
    references: ['Our `server/src/rules/engine.ts`: `readSuppressions` and `diagnose` (which findings each comment silenced)'],
  },
  fixes: { remove: { title: 'Remove the suppression', safe: true } },
  examples: [
    {
      title: 'The problem was fixed, the comment stayed',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
; supervisor-lint: disable=«config/unknown-key»
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600
`,
    },
    {
      title: 'One stale id among others, in a comment that says more: only the id goes',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600
celery_app=proj ; read by our deploy script; supervisor-lint: disable=config/unknown-key,«config/invalid-value»
`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600
celery_app=proj ; read by our deploy script; supervisor-lint: disable=config/unknown-key
`,
    },
    {
      title: 'After a value: the comment goes, the value stays',
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600 ; supervisor-lint: disable=«config/unknown-key»
`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600
`,
    },
    {
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker --loglevel=INFO
stopwaitsecs=600
; read by our deploy script
; supervisor-lint: disable=config/unknown-key
celery_app=proj
`,
    },
  ],
  check({ model, suppressions = [] }, fix) {
    return suppressions
      .filter((use) => use.settled && !use.used && !JUDGES.has(use.id))
      .map((use) => ({
        range: use.range,
        message: use.comment.text.includes('disable-file')
          ? `"${use.id}" reports nothing in this file: this disable-file suppression silences nothing.`
          : `"${use.id}" reports nothing on the line this comment covers: the suppression silences nothing.`,
        fixes: [fix.remove([removeSuppression(model, use)], { preferred: true })],
      }));
  },
});
