// A line above each program: the processes it starts; for a Celery worker, pool · concurrency · memory ceiling; the
// memmon limit that watches it.
import type { CodeLens } from 'vscode-languageserver';
import type { ConfigModel, Program } from '../analysis/model';
import type { MemmonLimit } from '../analysis/memmon';
import { parsePythonInt } from '../analysis/pythonInt';

const MAX_NAMES = 4;

function processesText(program: Program): string {
  const count = `${program.numprocs} process${program.numprocs === 1 ? '' : 'es'}`;
  const names = program.processNames;
  if (!names || names.length === 0) return count;
  const shown = names.slice(0, MAX_NAMES).join(', ') + (names.length > MAX_NAMES ? ', …' : '');
  return `${count}: ${shown}`;
}

/** The size at which memmon restarts the program's processes: memmon tries -p, then -g, then -a. */
function memmonLimit(limits: readonly MemmonLimit[], program: Program): string | undefined {
  const names = program.processNames ?? [];
  const byProcess = limits.find((l) => l.kind === 'program' && names.some((n) => l.name === n || l.name === `${program.groupName}:${n}`));
  const byGroup = limits.find((l) => l.kind === 'group' && l.name === program.groupName);
  return (byProcess ?? byGroup ?? limits.find((l) => l.kind === 'any'))?.size;
}

function celeryText(program: Program, memmon: string | undefined): string | undefined {
  const celery = program.command?.celery;
  if (!celery) return memmon && `memmon limit ${memmon}`;
  const concurrency = parsePythonInt(celery.get('concurrency')?.value ?? '');
  const parts = [`celery worker · pool ${celery.pool()}`, `concurrency ${concurrency ?? 'CPU count'}`];
  const kib = parsePythonInt(celery.get('maxMemoryPerChild')?.value ?? '');
  if (kib !== undefined && celery.pool() === 'prefork' && concurrency !== undefined) {
    const total = (kib / 1024) * concurrency * Math.max(program.numprocs, 1);
    parts.push(`memory ceiling ${Math.round(total).toLocaleString('en')} MB`);
  } else if (kib !== undefined && celery.pool() === 'prefork') {
    parts.push(`memory ceiling ${Math.round(kib / 1024)} MB × CPU count`);
  } else if (!memmon) parts.push('no memory ceiling');
  if (memmon) parts.push(`memmon limit ${memmon}`);
  return parts.join(' · ');
}

export function codeLenses(model: ConfigModel): CodeLens[] {
  // Gathered once: every memmon limit of the file's listeners.
  const limits = model.programs.flatMap((listener) => listener.command?.memmon?.limits ?? []).filter((l) => !l.malformed);
  return model.programs.map((program) => {
    const title = [processesText(program), celeryText(program, memmonLimit(limits, program))].filter(Boolean).join('  |  ');
    // An empty command id makes the lens plain text: there is nothing to run.
    return { range: program.section.nodes[0].headerRange, command: { title, command: '' } };
  });
}
