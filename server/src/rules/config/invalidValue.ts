import { readValues } from '../../analysis/sectionValues';
import { checkValue } from '../../analysis/valueCheck';
import { parsePythonInt } from '../../analysis/pythonInt';
import { valueRange } from '../../parser';
import type { Finding, Rule } from '../types';
import { oncePerEntry } from './shared';

export const invalidValue: Rule = {
  id: 'config/invalid-value',
  severity: 'error',
  summary: 'A value supervisord cannot convert (boolean, number, size, signal, log level, exit codes, environment, …): it refuses to start.',
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
};
