import type { MemmonCommand, MemmonLimit } from '../../analysis/memmon';
import type { ConfigModel, Program } from '../../analysis/model';
import type { CommandLine } from '../../analysis/commandLine';
import { parsePythonInt } from '../../analysis/pythonInt';
import { MAX_PROCESS_NAMES_PER_PROGRAM } from '../../analysis/limits';
import { escapeForValue } from '../edits';
import { listed, perProgram } from '../perProgram';
import { programsRun } from '../mergedSections';

export interface MemmonProgram {
  program: Program;
  command: CommandLine;
  memmon: MemmonCommand;
}

const memmonOf = perProgram((program): MemmonProgram | undefined => {
  const command = program.command;
  return command?.memmon ? { program, command, memmon: command.memmon } : undefined;
});

/** The memmon listeners among `programs` (another file's too: some rules look at the whole configuration). */
export const memmonProgramsIn = listed(memmonOf);
/** The analysed file's memmon listeners whose command supervisord runs (see programsRun). */
export const memmonPrograms = (context: Parameters<typeof programsRun>[0]) => memmonProgramsIn(programsRun(context));

/** Every program of a configuration (a main config and its includes, or a fragment with its includer and siblings). */
export const configurationPrograms = (configuration: readonly ConfigModel[]): readonly Program[] =>
  configuration.length === 1 ? configuration[0].programs : configuration.flatMap((m) => m.programs);

/** The size of a limit as written in the command value (keeps its escaping). */
export const sizeText = (command: CommandLine, limit: MemmonLimit): string => command.entry.value.slice(limit.sizeStart, limit.sizeEnd);

export interface WatchTarget {
  flag: '-p' | '-g';
  name: string;
}

/** memmon options for targets, all with one size (as written in the value), names escaped for the command. */
export const watchText = (targets: readonly WatchTarget[], size: string): string =>
  targets.map(({ flag, name }) => `${flag} ${escapeForValue(name)}=${size}`).join(' ');

/**
 * What memmon must name to watch every process of `program` and no other program, or undefined when its process
 * names depend on the host (or would be listed one by one past the analysis's limit). memmon's `-p` matches a process name in any group and `-g` a supervisord group name
 * (superlance `Memmon.runforever`); a program listed in a [group:x] belongs to group x, so `-g program` would match
 * nothing: its processes are named one by one, or its group is named when it is the group's only program.
 */
export function watchTargets(program: Program, configuration: readonly ConfigModel[]): WatchTarget[] | undefined {
  const names = program.processNames;
  if (!names) return undefined;
  if (names.count === 1) return [{ flag: '-p', name: names.at(0) }];
  if (program.groupName === program.name) return [{ flag: '-g', name: program.name }];
  const group = configuration.flatMap((m) => m.groups).find((g) => g.name === program.groupName);
  if (group && group.members.length === 1) return [{ flag: '-g', name: group.name }];
  // One -p per process, as long as the analysis would list them.
  if (names.count > MAX_PROCESS_NAMES_PER_PROGRAM) return undefined;
  return names.first(names.count).map((name) => ({ flag: '-p', name }));
}

const UNITS = new Set(['kb', 'mb', 'gb']);

/**
 * The word of a unit split from its size by a space (`-p worker=512 MB`): getopt stops at that word, so memmon reads a
 * size in bytes and ignores the unit with every word after it. Undefined when the limit has no such word.
 */
export function strayUnitWord(memmon: MemmonCommand, limit: MemmonLimit): number | undefined {
  const next = limit.lastWord + 1;
  if (memmon.firstArgument !== next || !UNITS.has(memmon.words[next].value.toLowerCase())) return undefined;
  return parsePythonInt(limit.size) !== undefined ? next : undefined;
}
