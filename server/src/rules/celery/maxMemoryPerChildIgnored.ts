import type { CeleryOption } from '../../analysis/celery';
import type { CommandLine } from '../../analysis/commandLine';
import type { ShellWord } from '../../analysis/shellWords';
import type { ConfigModel, Program } from '../../analysis/model';
import { parsePythonInt } from '../../analysis/pythonInt';
import { insertAfterWord, insertLinesAfter, removeWords } from '../edits';
import type { Fix, Rule, TextEdit } from '../types';
import { celeryWorkers, NON_PROCESS_POOLS, optionSpan } from './pools';

export const maxMemoryPerChildIgnored: Rule = {
  id: 'celery/max-memory-per-child-ignored',
  severity: 'warning',
  summary: '--max-memory-per-child on a gevent, eventlet, threads or solo pool: Celery never enforces it there.',
  check({ model }) {
    // Found once for all workers: the listener to extend, if the config already runs memmon.
    const listener = model.programs.find((p) => p.kind === 'eventlistener' && p.command?.memmon)?.command;
    return celeryWorkers(model.programs).flatMap(({ program, worker }) => {
      const pool = worker.pool();
      if (!NON_PROCESS_POOLS.has(pool)) return [];
      const options = worker.options.filter((o) => o.name === 'maxMemoryPerChild');
      if (options.length === 0) return [];
      // One finding per worker, on the occurrence Celery would use; its fixes remove every occurrence.
      const option = options[options.length - 1];
      const command = program.command!;
      const removals = removeOptions(model, command, worker.words, options);
      return [
        {
          range: command.rangeOf(...optionSpan(option)),
          message:
            `${option.flag} has no effect with the ${pool} pool: Celery only replaces worker child processes of the ` +
            'prefork pool. Remove it and let memmon (superlance) restart this program when it grows too large.',
          fixes: removals ? [{ title: `Remove ${option.flag}`, edits: removals, preferred: true }, ...memmonFix(model, listener, program, option, removals)] : [],
        },
      ];
    });
  },
};

/** Edits removing every occurrence, or undefined when one sits where an edit could break the script's quoting. */
function removeOptions(model: ConfigModel, command: CommandLine, words: readonly ShellWord[], options: CeleryOption[]): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const o of options) {
    const removal = removeWords(model.file, command, words, o.firstWord, o.firstWord + o.wordCount - 1);
    if (!removal) return undefined;
    edits.push(...removal);
  }
  return edits;
}

/** memmon's arguments that watch every process of a program. */
function memmonTargets(program: Program, size: string): string | undefined {
  if (program.groupName === program.name) {
    return program.numprocs === 1 && program.processNames ? `-p ${program.processNames[0]}=${size}` : `-g ${program.name}=${size}`;
  }
  return program.processNames?.map((name) => `-p ${program.groupName}:${name}=${size}`).join(' ');
}

function memmonSize(option: CeleryOption): string {
  const kib = parsePythonInt(option.value ?? '');
  return kib && kib > 0 ? `${Math.ceil(kib / 1024)}MB` : '512MB';
}

function uniqueSectionName(model: ConfigModel): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'eventlistener:memmon' : `eventlistener:memmon-${n}`;
    if (!model.section(name)) return name;
  }
}

function memmonFix(model: ConfigModel, listener: CommandLine | undefined, program: Program, option: CeleryOption, removals: TextEdit[]): Fix[] {
  const size = memmonSize(option);
  const targets = memmonTargets(program, size);
  if (!targets) return [];
  const title = `Remove ${option.flag} and let memmon restart ${program.name} above ${size}`;
  if (listener?.memmon) {
    const words = listener.memmon.words;
    const insertion = insertAfterWord(listener, words, words.length - 1, ` ${targets}`);
    return insertion ? [{ title, edits: [...removals, insertion] }] : [];
  }
  const lastLine = program.section.nodes[program.section.nodes.length - 1].range.end.line;
  const section = ['', `[${uniqueSectionName(model)}]`, `command=memmon ${targets}`, 'events=TICK_60'].join(model.file.eol);
  return [{ title, edits: [...removals, insertLinesAfter(model.file, lastLine, section)] }];
}
