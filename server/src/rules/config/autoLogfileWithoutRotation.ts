import { parseByteSize } from '../../analysis/byteSize';
import { defineRule } from '../define';
import { replaceValue } from '../edits';
import type { Finding } from '../types';
import { DEFAULT_MAX_BYTES, logKeysIn, maybeRedirected, placeOf } from './logHandlers';

const STREAMS = ['stdout', 'stderr'] as const;

export const autoLogfileWithoutRotation = defineRule({
  id: 'config/auto-logfile-without-rotation',
  severity: 'warning',
  scope: 'section',
  summary: 'An `AUTO` log file (the default) with `*_logfile_maxbytes=0`: never rotated, it grows in `childlogdir` until the disk is full.',
  docs: {
    what: `A program, fcgi-program or event listener whose \`stdout_logfile\` or \`stderr_logfile\` is \`AUTO\` (written so, or
not set: \`AUTO\` is the default) while the stream's \`*_logfile_maxbytes\` is \`0\`. A stderr that \`redirect_stderr=true\`
sends to stdout is left out: supervisord makes no file for it (it still prints its warning).`,
    why: `For an \`AUTO\` log supervisord makes a file of its own in \`childlogdir\` (the system's temporary directory unless
set), and \`maxbytes=0\` turns its rotation off: the file grows for as long as the process writes, until the disk or
\`/tmp\` is full, and nobody looks there. supervisord warns about it at every start ("AUTO logging used ... without
rollover"). A \`maxbytes=0\` usually belongs with a log file of the program's own or \`/dev/stdout\` in a container,
and the \`*_logfile\` line was left out.`,
    fix: `Name the file (or \`/dev/stdout\` in a container), or let supervisord rotate it:
\`\`\`ini
[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/dev/stdout
stdout_logfile_maxbytes=0
redirect_stderr=true
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.processes_from_section` (`AUTO` is the default log file; the "without rollover" warning)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.get_autochildlog_name` (the file is made in `childlogdir`)',
      'Supervisor 4.2.5 `supervisor/loggers.py`: `RotatingFileHandler.doRollover` (`maxBytes <= 0` never rotates)',
    ],
  },
  examples: [
    {
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
«stdout_logfile_maxbytes=0»
redirect_stderr=true
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile_maxbytes=50MB
redirect_stderr=true
stopwaitsecs=600
`,
    },
    {
      title: "A container's standard output, never rotated on purpose",
      config: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stdout_logfile=/dev/stdout
stdout_logfile_maxbytes=0
redirect_stderr=true
stopwaitsecs=600
`,
    },
  ],
  fixes: { rotate: { title: 'Let supervisord rotate it at 50MB', safe: false } },
  check(context, fix) {
    const findings: Finding[] = [];
    const keys = logKeysIn(context);
    for (let p = 0; p < keys.programs.length; p++) {
      const program = keys.programs[p];
      keys.of(p);
      for (let stream = 0; stream < 2; stream++) {
        const size = keys.entry(stream + 2);
        const sizeRead = size && keys.value(stream + 2);
        // Another file's copy of the section sets the size: that file reports it.
        if (!size || keys.inOtherCopy(stream + 2) || sizeRead === undefined || parseByteSize(sizeRead) !== 0) continue;
        // Unset, the log file is AUTO.
        const file = keys.entry(stream) ? keys.value(stream) : 'AUTO';
        if (file?.toLowerCase() !== 'auto' || (stream === 1 && maybeRedirected(keys))) continue;
        const name = STREAMS[stream];
        const where = keys.writtenElsewhere(stream + 2);
        findings.push({
          range: placeOf(program, size),
          message: `[${program.section.name}] writes its ${name} to an AUTO log file in childlogdir${keys.entry(stream) ? '' : ` (${name}_logfile is not set)`} and never rotates it (${name}_logfile_maxbytes=${sizeRead}${where ? `, ${where}` : ''}): it grows until the disk is full. Name the file, or let supervisord rotate it.`,
          fixes:
            program.section.entries.get(size.key) === size
              ? [fix.rotate([replaceValue(size, DEFAULT_MAX_BYTES)], { title: `Rotate it at ${DEFAULT_MAX_BYTES}`, preferred: true })]
              : [],
        });
      }
    }
    return findings;
  },
});
