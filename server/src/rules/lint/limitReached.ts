import {
  MAX_GLOB_MATCHES,
  MAX_INCLUDED_FILE_BYTES,
  MAX_INCLUDED_FILES,
  MAX_INCLUDED_TOTAL_BYTES,
  MAX_INCLUDE_READ_MILLISECONDS,
  MAX_PROCESS_NAMES_PER_PROGRAM,
} from '../../analysis/limits';
import { defineRule } from '../define';
import { formatNumber } from '../../util/formatNumber';

export const limitReached = defineRule({
  id: 'lint/limit-reached',
  severity: 'warning',
  summary: 'The analysis stopped short of a limit (process names, field width, include files or time): some checks did not run.',
  docs: {
    what: `A place where the config asks for more than the analysis computes: more than
${formatNumber(MAX_PROCESS_NAMES_PER_PROGRAM)} processes in one program, a \`%(name)Ns\` field tens of thousands of
characters wide, more included files or bytes than one configuration may read (or files that take longer than
${formatNumber(MAX_INCLUDE_READ_MILLISECONDS)} ms to read), included paths that are not regular files (a device, a
pipe, a file under /proc), an include glob matching too many paths, or rules that together ran longer than their time budget.`,
    why: `supervisord accepts such configs (it would start a hundred million processes if told to), but an editor cannot
list them all without freezing. Past a limit the analysis stops computing that part and says so here, so a missing
finding is never mistaken for a clean bill of health. A program with more processes than the limit whose
\`process_name\` has one \`%(process_num)\` field is still checked (a name is matched by reading its number back),
and the finding gives the count: only completion and fixes stop listing its names. With any other \`process_name\`,
or process numbers past 2**53, names of that program are not checked. Files past the limit are not read.`,
    fix: 'Usually the value itself is a mistake (a `numprocs` with extra digits, a stray width in `process_name`): correct it. If it is meant, silence this finding.',
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.processes_from_section` (one process config per `numprocs`, names expanded with `process_num`)',
      'Our `server/src/analysis/limits.ts`: every limit as a named constant',
    ],
  },
  examples: [
    {
      title: 'numprocs with a few digits too many',
      config:
        '[program:worker]\ncommand=celery -A proj worker -l info\nprocess_name=%(program_name)s_%(process_num)02d\n«numprocs=400000»\nstopwaitsecs=600\n',
    },
    {
      config:
        '[program:worker]\ncommand=celery -A proj worker -l info\nprocess_name=%(program_name)s_%(process_num)02d\nnumprocs=4\nstopwaitsecs=600\n',
    },
  ],
  check: ({ model, includes }) => [
    ...model.limits,
    ...includes.flatMap((pattern) => {
      const said = [];
      if (pattern.truncated) said.push(`it matches more than the ${formatNumber(MAX_GLOB_MATCHES)} paths the analysis follows`);
      if (pattern.unread)
        said.push(
          `${pattern.unread} matching files were not read: one configuration reads at most ${formatNumber(MAX_INCLUDED_FILES)} files and ${MAX_INCLUDED_TOTAL_BYTES / 1024 / 1024} MB, for at most ${formatNumber(MAX_INCLUDE_READ_MILLISECONDS)} ms`,
        );
      if (pattern.unreadable)
        said.push(
          `${pattern.unreadable} matching paths could not be read as config files (directories, devices, pipes, files under /proc, /sys or /dev, or larger than ${MAX_INCLUDED_FILE_BYTES / 1024 / 1024} MB)`,
        );
      return said.length
        ? [{ range: pattern.range, message: `[include] ${pattern.text}: ${said.join('; ')}, so the configuration is checked in part` }]
        : [];
    }),
  ],
});
