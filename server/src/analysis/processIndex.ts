// Names supervisord gives to processes and groups, the way memmon matches them: a process by its name, a group by
// its name. `group:name` is what supervisorctl shows; memmon's -p cannot use it (memmon/group-qualified-name). Built from one or more models (a main config and what it includes).
import type { ConfigModel } from './model';

export interface ProcessIndex {
  /** False when some names cannot be known (a fragment whose includer is unknown, host-dependent names). */
  complete: boolean;
  /** A process of this name exists, in any group. */
  hasProcess(name: string): boolean;
  /** `group:name` is a process of the configuration. */
  hasQualifiedProcess(name: string): boolean;
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
  const qualified = new Set<string>();
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
        qualified.add(`${program.groupName}:${name}`);
      }
    }
    for (const group of model.groups) groups.add(group.name);
  }
  return {
    complete: known,
    hasProcess: (name) => processes.has(name),
    hasQualifiedProcess: (name) => qualified.has(name),
    hasGroup: (name) => groups.has(name),
    hasProgram: (name) => programs.has(name),
    programNames: () => [...programs],
    processNames: () => [...processes],
    groupNames: () => [...groups],
  };
}
