import { insertLinesAfter } from '../edits';
import { defineRule } from '../define';
import { celeryWorkers } from './pools';

/** Seconds the quick fix gives running tasks, as Celery's own supervisord example does. */
const GRACEFUL_STOP_SECONDS = 600;

export const shutdownTimeoutDefault = defineRule({
  id: 'celery/shutdown-timeout-default',
  severity: 'information',
  summary: 'A Celery worker without `stopwaitsecs`: supervisord gives running tasks 10 seconds, then kills them with SIGKILL.',
  docs: {
    what: `A Celery worker program with no \`stopwaitsecs\`, neither in its section nor in \`[DEFAULT]\`.`,
    why: `On \`supervisorctl stop\`, \`restart\`, a deploy, or a memmon restart, supervisord sends the stop signal (TERM by
default). The worker then starts a warm shutdown: it takes no new tasks and finishes the ones it is running. But
supervisord waits only \`stopwaitsecs\` seconds, 10 by default, before it sends SIGKILL. Any task that needs longer is
killed halfway, and with the default settings its message may be lost or run twice.`,
    fix: `Give the worker as long as your slowest task needs. Celery's own supervisord example uses ten minutes:
\`\`\`ini
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
stopasgroup=true
killasgroup=true
\`\`\``,
    references: [],
  },
  examples: [],
  fixes: { addStopWaitSecs: { title: `Add \`stopwaitsecs=${GRACEFUL_STOP_SECONDS}\``, safe: true } },
  check({ model }, fix) {
    return celeryWorkers(model.programs).flatMap(({ program }) => {
      if (model.lookup(program.section, 'stopwaitsecs')) return [];
      const header = program.section.nodes[0];
      const last = program.section.nodes[program.section.nodes.length - 1];
      return [
        {
          range: header.headerRange,
          message: `[${program.section.name}] has no stopwaitsecs: on stop or restart supervisord waits only 10 seconds (the default) for the warm shutdown, then sends SIGKILL and the running tasks are lost.`,
          fixes: [fix.addStopWaitSecs([insertLinesAfter(model.file, last.range.end.line, `stopwaitsecs=${GRACEFUL_STOP_SECONDS}`)], { title: `Add stopwaitsecs=${GRACEFUL_STOP_SECONDS}`, preferred: true })],
        },
      ];
    });
  },
});
