import type { Fix } from '../types';
import { defineRule } from '../define';
import { appendToValue, insertLinesAfter } from '../edits';

export const processNameNeedsProcessNum = defineRule({
  id: 'config/process-name-needs-process-num',
  severity: 'error',
  summary: '`numprocs` above 1 without `%(process_num)` in `process_name`: the processes would share one name, so supervisord refuses it.',
  docs: {
    what: `A program with \`numprocs\` above 1 whose \`process_name\` (default \`%(program_name)s\`) does not contain
\`%(process_num)\`.`,
    why: `Every process of the program would get the same name, which supervisord forbids; it refuses to start.`,
    fix: `\`\`\`ini
[program:worker]
command=celery -A proj worker
numprocs=4
process_name=%(program_name)s_%(process_num)02d
\`\`\``,
    references: [],
  },
  examples: [],
  fixes: { addProcessNum: { title: 'Add `_%(process_num)02d` to the process name', safe: true } },
  check({ model }, fix) {
    return model.programs.flatMap((program) => {
      if (program.numprocs <= 1) return [];
      const entry = model.lookup(program.section, 'process_name');
      const template = entry?.value ?? '%(program_name)s';
      if (template.includes('%(process_num)')) return [];
      const numprocs = model.lookup(program.section, 'numprocs')!;
      const suffix = '_%(process_num)02d';
      const last = program.section.nodes[program.section.nodes.length - 1];
      const addProcessNum: Fix = entry
        ? fix.addProcessNum([appendToValue(entry, suffix)], { title: `Append ${suffix} to process_name`, preferred: true })
        : fix.addProcessNum([insertLinesAfter(model.file, last.range.end.line, `process_name=%(program_name)s${suffix}`)], {
            title: `Add process_name=%(program_name)s${suffix}`,
            preferred: true,
          });
      return [
        {
          range: entry ? entry.range : numprocs.range,
          message: `[${program.section.name}] numprocs=${program.numprocs} needs %(process_num) in process_name, so each process gets its own name (e.g. process_name=%(program_name)s${suffix})`,
          fixes: [addProcessNum],
        },
      ];
    });
  },
});
