// A line above each program: the processes it starts; for a Celery worker, pool · concurrency · memory ceiling; the
// memmon limit that watches it.
import type { CodeLens } from 'vscode-languageserver';
import type { ConfigModel, Program } from '../analysis/model';
import { memmonWatch } from '../analysis/memmonWatch';
import { workerAutoscale, workerConcurrency, workerMemory } from '../analysis/workerMemory';
import { formatNumber } from '../util/formatNumber';

const MAX_NAMES = 4;

function processesText(program: Program): string {
  const count = `${program.numprocs} process${program.numprocs === 1 ? '' : 'es'}`;
  const names = program.processNames;
  if (!names || names.count === 0) return count;
  const shown = names.first(MAX_NAMES).join(', ') + (names.count > MAX_NAMES ? ', …' : '');
  return `${count}: ${shown}`;
}

function celeryText(program: Program, memmon: string | undefined): string | undefined {
  const celery = program.command?.celery;
  if (!celery) return memmon && `memmon limit ${memmon}`;
  const autoscale = celery.pool() === 'solo' ? undefined : workerAutoscale(celery);
  const concurrency = autoscale ? `autoscale ${autoscale.min}–${autoscale.max}` : `concurrency ${workerConcurrency(celery) ?? 'CPU count'}`;
  const parts = [`celery worker · pool ${celery.pool()}`, concurrency];
  const memory = workerMemory(program);
  if (memory?.totalKiB !== undefined) parts.push(`memory ceiling ${formatNumber(Math.round(memory.totalKiB / 1024))} MB`);
  else if (memory)
    parts.push(
      `memory ceiling ${Math.round(memory.perChildKiB / 1024)} MB × CPU count${memory.processes > 1 ? ` × ${memory.processes}` : ''}`,
    );
  else if (!memmon) parts.push('no memory ceiling');
  if (memmon) parts.push(`memmon limit ${memmon}`);
  return parts.join(' · ');
}

export function codeLenses(model: ConfigModel): CodeLens[] {
  const watchOf = memmonWatch(model.programs);
  return model.programs.map((program) => {
    const title = [processesText(program), celeryText(program, watchOf(program)?.text)].filter(Boolean).join('  |  ');
    // An empty command id makes the lens plain text: there is nothing to run.
    return { range: program.section.nodes[0].headerRange, command: { title, command: '' } };
  });
}
