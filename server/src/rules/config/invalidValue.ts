import { readValues } from '../../analysis/sectionValues';
import { checkValue } from '../../analysis/valueCheck';
import { parsePythonInt } from '../../analysis/pythonInt';
import { valueRange } from '../../parser';
import type { Finding } from '../types';
import { defineRule } from '../define';
import { oncePerEntry } from './shared';

export const invalidValue = defineRule({
  id: 'config/invalid-value',
  severity: 'error',
  summary: 'A value supervisord cannot convert (boolean, number, size, signal, log level, exit codes, environment, …): it refuses to start.',
  docs: {
    what: `A value that supervisord's loader cannot convert to what the key expects:
- booleans other than \`true/false/yes/no/on/off/1/0\` (any case), for example \`autostart=true;x\` (no space before \`;\`,
  so it is not a comment);
- integers (\`numprocs\`, \`startsecs\`, \`priority\`, …) that Python's \`int()\` refuses, and numbers out of range;
- byte sizes (\`logfile_maxbytes=50MB\`) with an unknown unit; octal modes (\`umask\`, \`chmod\`);
- signal names (\`stopsignal=TERM\`) supervisord does not know; log levels; \`autorestart\` other than
  \`true/false/unexpected\`; \`exitcodes\` that are not a comma-separated list of integers;
- \`environment\` that is not \`KEY="value",KEY2=value\` pairs; \`port\` values that are not \`host:port\` or a port number;
- \`buffer_size\` below 1 and an empty \`events=\` on an event listener.

Values are checked after \`%(name)s\` expansion, as the loader does.`,
    why: `Any of these stops supervisord at start-up (or \`supervisorctl reread\`/\`update\`) with an error, so none of your
programs run until it is fixed.`,
    fix: `Use the form the key expects; hover the key to see it. For example:
\`\`\`ini
autostart=true ; a comment needs whitespace before the semicolon
logfile_maxbytes=50MB
stopsignal=TERM
environment=DJANGO_SETTINGS_MODULE="proj.settings",PYTHONUNBUFFERED="1"
\`\`\``,
    references: [],
  },
  examples: [],
  check({ model }) {
    const findings: Finding[] = [];
    for (const read of readValues(model)) {
      if (read.resolved.kind !== 'value') continue;
      const value = read.resolved.value;
      let problem = checkValue(read.key.type, value);
      if (!problem && read.key.name === 'buffer_size' && (parsePythonInt(value) ?? 1) < 1) {
        problem = { message: `invalid buffer_size (${value}): it must be at least 1` };
      }
      if (!problem && read.key.name === 'events' && value === '') problem = { message: 'an event listener needs at least one event type' };
      if (!problem) continue;
      // Offsets are only meaningful when expansion did not change the text.
      const exact = value === read.entry.value && problem.start !== undefined;
      const range = exact ? valueRange(read.entry, problem.start!, problem.end!) : read.entry.range;
      findings.push({ range, message: `[${read.section.name}] ${read.key.name}: ${problem.message}` });
    }
    return oncePerEntry(findings);
  },
});
