import type { Fix, Rule } from '../types';
import { appendToValue, insertLinesAfter } from '../edits';

export const processNameNeedsProcessNum: Rule = {
  id: 'config/process-name-needs-process-num',
  severity: 'error',
  summary: '`numprocs` above 1 without `%(process_num)` in `process_name`: the processes would share one name, so supervisord refuses it.',
  check({ model }) {
    return model.programs.flatMap((program) => {
      if (program.numprocs <= 1) return [];
      const entry = model.lookup(program.section, 'process_name');
      const template = entry?.value ?? '%(program_name)s';
      if (template.includes('%(process_num)')) return [];
      const numprocs = model.lookup(program.section, 'numprocs')!;
      const suffix = '_%(process_num)02d';
      const last = program.section.nodes[program.section.nodes.length - 1];
      const fix: Fix = entry
        ? { title: `Append ${suffix} to process_name`, edits: [appendToValue(entry, suffix)], preferred: true }
        : { title: `Add process_name=%(program_name)s${suffix}`, edits: [insertLinesAfter(model.file, last.range.end.line, `process_name=%(program_name)s${suffix}`)], preferred: true };
      return [
        {
          range: entry ? entry.range : numprocs.range,
          message: `[${program.section.name}] numprocs=${program.numprocs} needs %(process_num) in process_name, so each process gets its own name (e.g. process_name=%(program_name)s${suffix})`,
          fixes: [fix],
        },
      ];
    });
  },
};
