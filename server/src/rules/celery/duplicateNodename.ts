import type { CommandLine } from '../../analysis/commandLine';
import { insertAfterWord } from '../edits';
import { defineRule } from '../define';
import { processCount } from '../mergedSections';
import type { Finding, TextEdit } from '../types';
import { celeryWorkers, optionSpan } from './pools';

/** What makes each process's node name its own: supervisord expands it in `command=` for every process. */
const PROCESS_NUM = '%(process_num)s';

export const duplicateNodename = defineRule({
  id: 'celery/duplicate-nodename',
  severity: 'warning',
  scope: 'section',
  summary: 'A Celery worker with numprocs > 1 and a node name without %(process_num): all its processes share one name.',
  docs: {
    what: `A \`celery worker\` program with \`numprocs\` above 1 whose \`-n\`/\`--hostname\` does not contain
\`%(process_num)\`, or that has no \`-n\` at all (every process is then \`celery@<host name>\`).`,
    why: `supervisord starts the same command line for every process of the program, so they all take the same
Celery node name. Celery expects one worker per name. At start-up each worker asks the others for their state
(mingle) and drops the reply that carries its own name, so it never hears from its twins; when two or more replies share
a name (a third process starting, or \`celery inspect\` run by hand), Celery keeps one of them and warns with
\`DuplicateNodenameWarning\`. The processes also share one control mailbox, named after the node, and kombu warns that
the name "is already using this process mailbox". \`celery inspect\`, \`celery control\` and Flower see one worker
where there are several, and depending on the broker a command sent to that name reaches one of them or all of them.`,
    fix: `Put \`%(process_num)s\` in the node name. supervisord replaces it with each process's number, and Celery's own
\`%h\` (written \`%%h\` in a supervisord file) still becomes the host name:

\`\`\`ini
[program:worker]
command=/srv/venv/bin/celery -A proj worker -l info -n worker%(process_num)s@%%h
process_name=%(program_name)s_%(process_num)02d
numprocs=4
\`\`\``,
    references: [
      'Celery 5.4 `celery/bin/worker.py`: `Hostname` and the `-n/--hostname` option of `worker()`; `celery/utils/nodenames.py`: `default_nodename`',
      'Celery 5.4 `celery/app/control.py`: `flatten_reply` (replies keyed by node name; `DuplicateNodenameWarning`)',
      "Celery 5.4 `celery/worker/consumer/mingle.py`: `Mingle.send_hello` (a reply under the worker's own name is dropped)",
      'kombu 5.3 `kombu/pidbox.py`: `Mailbox.get_queue` (the control queue is named after the node), `Node.Consumer` ("already using this process mailbox")',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.processes_from_section` (`command` expanded with `process_num` for each process)',
    ],
  },
  examples: [
    {
      config:
        '[program:worker]\ncommand=celery -A proj worker -l info «-n worker@%%h»\nprocess_name=%(program_name)s_%(process_num)02d\nnumprocs=2\nstopwaitsecs=600\n',
      fixed:
        '[program:worker]\ncommand=celery -A proj worker -l info -n worker%(process_num)s@%%h\nprocess_name=%(program_name)s_%(process_num)02d\nnumprocs=2\nstopwaitsecs=600\n',
    },
    {
      title: 'A name without `@` is the host part: the number goes at its end',
      config:
        '[program:worker]\ncommand=celery -A proj worker -l info «--hostname=emails»\nprocess_name=%(program_name)s_%(process_num)02d\nnumprocs=2\nstopwaitsecs=600\n',
      fixed:
        '[program:worker]\ncommand=celery -A proj worker -l info --hostname=emails%(process_num)s\nprocess_name=%(program_name)s_%(process_num)02d\nnumprocs=2\nstopwaitsecs=600\n',
    },
    {
      title: 'No -n: every process is celery@<host>',
      config:
        '[program:worker]\ncommand=celery -A proj «worker» -l info\nprocess_name=%(program_name)s_%(process_num)02d\nnumprocs=3\nstopwaitsecs=600\n',
      fixed:
        '[program:worker]\ncommand=celery -A proj worker -n %(program_name)s%(process_num)s@%%h -l info\nprocess_name=%(program_name)s_%(process_num)02d\nnumprocs=3\nstopwaitsecs=600\n',
    },
    {
      config:
        '[program:worker]\ncommand=celery -A proj worker -l info -n worker%(process_num)02d@%%h\nprocess_name=%(program_name)s_%(process_num)02d\nnumprocs=2\nstopwaitsecs=600\n',
    },
    {
      title: 'One process: its fixed name is unique',
      config: '[program:worker]\ncommand=celery -A proj worker -l info -n emails@%%h\nstopwaitsecs=600\n',
    },
  ],
  fixes: { addProcessNum: { title: 'Add `%(process_num)s` to the node name', safe: true } },
  check(context, fix) {
    const findings: Finding[] = [];
    const workers = celeryWorkers(context);
    for (let i = 0; i < workers.length; i++) {
      const { program, worker } = workers[i];
      // As supervisord merges the section: a conf.d override file may set numprocs.
      const numprocs = processCount(context, program);
      if (numprocs <= 1) continue;
      const command = program.command!;
      const option = worker.get('hostname');
      if (!option) {
        const word = worker.words[worker.subcommandIndex];
        const name = `%(program_name)s${PROCESS_NUM}@%%h`;
        const insertion = insertAfterWord(command, worker.words, worker.subcommandIndex, ` -n ${name}`);
        findings.push({
          range: command.rangeOf(word.start, word.end),
          message: `[${program.section.name}] starts ${numprocs} workers without -n, so all of them are celery@<host>: Celery cannot tell them apart. Give each its own name, e.g. -n ${name}.`,
          fixes: insertion ? [fix.addProcessNum([insertion], { title: `Add -n ${name}`, preferred: true })] : [],
        });
        continue;
      }
      if (option.value === undefined || option.value.includes('%(process_num)')) continue;
      findings.push({
        range: command.rangeOf(...optionSpan(option)),
        message: `[${program.section.name}] starts ${numprocs} workers all named ${option.value}: Celery cannot tell them apart. Add %(process_num)s to the name so each process gets its own.`,
        fixes: [
          fix.addProcessNum([numberedName(command, option.valueStart!, option.valueEnd!)], {
            title: `Add ${PROCESS_NUM} to the node name`,
            preferred: true,
          }),
        ],
      });
    }
    return findings;
  },
});

/** Inserts %(process_num)s before the `@` of the name written at [start, end) of the value, or at its end. */
function numberedName(command: CommandLine, start: number, end: number): TextEdit {
  const at = command.entry.value.indexOf('@', start);
  const offset = at >= 0 && at < end ? at : end;
  return { range: command.rangeOf(offset, offset), newText: PROCESS_NUM };
}
