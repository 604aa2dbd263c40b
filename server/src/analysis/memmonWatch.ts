// Which memmon limit watches a program. memmon checks every process against each limit that names it: its `-p`
// (by process name), its group's `-g`, and `-a`, so the smallest of them is the one that restarts it. Within one
// memmon a repeated name keeps its last size, as memmon reads options into a dict. A `-p group:name` never applies
// its own size: memmon then looks the size up under the bare name (superlance `Memmon.runforever`), which either
// another `-p name` gives or which is missing (memmon dies with a KeyError, see memmon/group-qualified-name).
import { parseByteSize } from './byteSize';
import type { Program } from './model';

export interface WatchLimit {
  bytes: number;
  /** The size as written. */
  text: string;
}

const smaller = (a: WatchLimit | undefined, b: WatchLimit | undefined) => (a && (!b || a.bytes <= b.bytes) ? a : b);

function mergeSmaller(into: Map<string, WatchLimit>, from: Map<string, WatchLimit>): void {
  for (const [name, limit] of from) into.set(name, smaller(into.get(name), limit)!);
}

/** Indexes the memmon listeners among `programs` (of a file or a whole configuration) once; the result answers per program. */
export function memmonWatch(programs: readonly Program[]): (program: Program) => WatchLimit | undefined {
  const byProcess = new Map<string, WatchLimit>();
  const byGroup = new Map<string, WatchLimit>();
  let any: WatchLimit | undefined;
  for (const listener of programs) {
    const limits = listener.command?.memmon?.limits;
    if (!limits) continue;
    const own = { program: new Map<string, WatchLimit>(), group: new Map<string, WatchLimit>(), any: undefined as WatchLimit | undefined };
    for (const limit of limits) {
      const bytes = parseByteSize(limit.size);
      if (limit.malformed || bytes === undefined) continue;
      const watch = { bytes, text: limit.size };
      if (limit.kind === 'any') own.any = watch;
      else if (limit.name !== undefined) own[limit.kind].set(limit.name, watch);
    }
    mergeSmaller(byProcess, own.program);
    mergeSmaller(byGroup, own.group);
    any = smaller(any, own.any);
  }
  if (byProcess.size === 0 && byGroup.size === 0 && !any) return () => undefined;
  return (program) => {
    let found = smaller(byGroup.get(program.groupName), any);
    // Ask the program about each -p name: a program may have a million processes, a memmon a handful of names.
    for (const [name, watch] of byProcess) if (program.processNames?.has(name)) found = smaller(found, watch);
    return found;
  };
}
