// A line above each program: the processes it starts; for a Celery worker, pool · concurrency · memory limit; the
// memmon limit that watches it.
import type { CodeLens } from 'vscode-languageserver';
import { mergedPrograms, type ConfigModel, type Program } from '../analysis/model';
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

function celeryText(program: Program, numprocs: number, memmon: string | undefined): string | undefined {
  const celery = program.command?.celery;
  if (!celery) return memmon && `memmon limit ${memmon}`;
  const autoscale = celery.pool() === 'solo' ? undefined : workerAutoscale(celery);
  // Without -c Celery takes the app's worker_concurrency, whose default is the CPU count.
  const concurrency = autoscale
    ? `autoscale ${autoscale.min}–${autoscale.max}`
    : `concurrency ${workerConcurrency(celery) ?? 'app default (CPU count)'}`;
  const parts = [`celery worker · pool ${celery.pool()}`, concurrency];
  const memory = workerMemory(program, numprocs);
  // A recycling threshold, checked after each task: not a cap on what a child may reach during one.
  const perChild = memory && `children recycled above ${formatNumber(Math.round(memory.perChildKiB / 1024))} MB`;
  if (memory?.totalKiB !== undefined) parts.push(`${perChild} (${formatNumber(Math.round(memory.totalKiB / 1024))} MB in all)`);
  else if (memory) parts.push(`${perChild} (× CPU count${memory.processes > 1 ? ` × ${memory.processes}` : ''} in all)`);
  else if (!memmon) parts.push('no memory limit');
  if (memmon) parts.push(`memmon limit ${memmon}`);
  return parts.join(' · ');
}

/** `configuration`: the models of the file's configuration in the order supervisord reads them, the file's own among them. */
export function codeLenses(model: ConfigModel, configuration: readonly ConfigModel[] = [model]): CodeLens[] {
  const watchOf = memmonWatch(model.programs);
  // A program copied across files (a conf.d override file) starts the processes of the merged section.
  const merged = new Map(mergedPrograms(configuration).map((program) => [program.section.name, program]));
  return model.programs.map((program) => {
    const run = merged.get(program.section.name) ?? program;
    const title = [processesText(run), celeryText(program, run.numprocs, watchOf(program)?.text)].filter(Boolean).join('  |  ');
    // An empty command id makes the lens plain text: there is nothing to run.
    return { range: program.section.nodes[0].headerRange, command: { title, command: '' } };
  });
}
