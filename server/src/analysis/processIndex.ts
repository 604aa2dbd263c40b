// Names supervisord gives to processes and groups, the way memmon matches them: a process by its name or by
// `group:name`, a group by its name. Built from one or more models (a main config and what it includes).
import type { ConfigModel } from './model';

export interface ProcessIndex {
  /** False when some names cannot be known (a fragment whose includer is unknown, host-dependent names). */
  complete: boolean;
  hasProcess(name: string): boolean;
  hasGroup(name: string): boolean;
  /** A [program:x] or [fcgi-program:x] of this name exists (what [group:y] programs= may list). */
  hasProgram(name: string): boolean;
  programNames(): string[];
  /** Every name `-p` accepts, for suggestions. */
  processNames(): string[];
  groupNames(): string[];
}

export function buildProcessIndex(models: readonly ConfigModel[], complete: boolean): ProcessIndex {
  const processes = new Set<string>();
  const groups = new Set<string>();
  const programs = new Set<string>();
  let known = complete;
  for (const model of models) {
    for (const program of model.programs) {
      if (program.kind !== 'eventlistener' && program.section.arg !== undefined) programs.add(program.section.arg);
      groups.add(program.groupName);
      if (!program.processNames) {
        known = false;
        continue;
      }
      for (const name of program.processNames) {
        processes.add(name);
        processes.add(`${program.groupName}:${name}`);
      }
    }
    for (const group of model.groups) groups.add(group.name);
  }
  return {
    complete: known,
    hasProcess: (name) => processes.has(name),
    hasGroup: (name) => groups.has(name),
    hasProgram: (name) => programs.has(name),
    programNames: () => [...programs],
    processNames: () => [...processes],
    groupNames: () => [...groups],
  };
}
