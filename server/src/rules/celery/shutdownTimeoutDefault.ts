import { insertLinesAfter } from '../edits';
import type { Rule } from '../types';
import { celeryWorkers } from './pools';

/** Seconds the quick fix gives running tasks, as Celery's own supervisord example does. */
const GRACEFUL_STOP_SECONDS = 600;

export const shutdownTimeoutDefault: Rule = {
  id: 'celery/shutdown-timeout-default',
  severity: 'information',
  summary: 'A Celery worker without `stopwaitsecs`: supervisord gives running tasks 10 seconds, then kills them with SIGKILL.',
  check({ model }) {
    return celeryWorkers(model.programs).flatMap(({ program }) => {
      if (model.lookup(program.section, 'stopwaitsecs')) return [];
      const header = program.section.nodes[0];
      const last = program.section.nodes[program.section.nodes.length - 1];
      return [
        {
          range: header.headerRange,
          message: `[${program.section.name}] has no stopwaitsecs: on stop or restart supervisord waits only 10 seconds (the default) for the warm shutdown, then sends SIGKILL and the running tasks are lost.`,
          fixes: [
            {
              title: `Add stopwaitsecs=${GRACEFUL_STOP_SECONDS}`,
              edits: [insertLinesAfter(model.file, last.range.end.line, `stopwaitsecs=${GRACEFUL_STOP_SECONDS}`)],
              preferred: true,
            },
          ],
        },
      ];
    });
  },
};
