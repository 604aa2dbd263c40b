import { insertAfterWord } from '../edits';
import type { Rule } from '../types';
import { celeryWorkers } from './pools';

export const taskLoggingDisabled: Rule = {
  id: 'celery/task-logging-disabled',
  severity: 'information',
  summary: 'A Celery worker without -l/--loglevel: task progress and warnings stay invisible in its log.',
  check({ model }) {
    return celeryWorkers(model.programs).flatMap(({ program, worker }) => {
      if (worker.get('loglevel')) return [];
      const command = program.command!;
      const words = worker.words;
      const insertion = insertAfterWord(command, words, worker.subcommandIndex, ' -l info');
      return [
        {
          range: command.rangeOf(words[worker.programWordIndex].start, words[worker.subcommandIndex].end),
          message: 'This Celery worker has no -l/--loglevel, so task logging is off: add "-l info" to see what tasks do and the warnings they raise.',
          fixes: insertion ? [{ title: 'Add -l info', edits: [insertion], preferred: true }] : [],
        },
      ];
    });
  },
};
