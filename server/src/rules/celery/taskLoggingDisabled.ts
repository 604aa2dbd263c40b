import { insertAfterWord } from '../edits';
import { defineRule } from '../define';
import { celeryWorkers } from './pools';

export const taskLoggingDisabled = defineRule({
  id: 'celery/task-logging-disabled',
  severity: 'information',
  summary: 'A Celery worker without -l/--loglevel: task progress and warnings stay invisible in its log.',
  docs: {
    what: `A Celery worker command (\`celery ... worker\`) without \`-l\`/\`--loglevel\`.`,
    why: `Without a log level the worker logs only warnings and errors, so its supervisord log shows nothing about which tasks
ran, how long they took or which ones were retried. When something goes wrong in production the log that should
explain it is empty.`,
    fix: `Add \`-l info\` (or \`--loglevel=info\`) to the worker's \`command=\`:

\`\`\`ini
command=/srv/venv/bin/celery -A proj worker -l info
\`\`\``,
    references: [],
  },
  examples: [],
  fixes: { addLogLevel: { title: 'Add `-l info`', safe: true } },
  check({ model }, fix) {
    return celeryWorkers(model.programs).flatMap(({ program, worker }) => {
      if (worker.get('loglevel')) return [];
      const command = program.command!;
      const words = command.split.words;
      return [
        {
          range: command.rangeOf(words[worker.programWordIndex].start, words[worker.subcommandIndex].end),
          message: 'This Celery worker has no -l/--loglevel, so task logging is off: add "-l info" to see what tasks do and the warnings they raise.',
          fixes: [fix.addLogLevel([insertAfterWord(command, worker.subcommandIndex, ' -l info')], { title: 'Add -l info', preferred: true })],
        },
      ];
    });
  },
});
