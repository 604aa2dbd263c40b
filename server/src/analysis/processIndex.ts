// Names supervisord gives to processes and groups, the way memmon matches them: a process by its name, a group by
// its name. `group:name` is what supervisorctl shows; memmon's -p cannot use it (memmon/group-qualified-name). Built from one or more models (a main config and what it includes).
// Process names are looked up, never all listed: a program named by a template is found by the text its names start with.
import { closest, WordLetters } from '../util/closest';
import { MAX_PROCESS_NAMES_PER_PROGRAM } from './limits';
import type { ConfigModel, Program } from './model';

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
  /** Names `-p` accepts, for completion: each program's first MAX_PROCESS_NAMES_PER_PROGRAM. */
  processNames(): string[];
  /** The process name nearest to a word that names none, for a typo suggestion. */
  closestProcess(word: string): { value: string; distance: number } | undefined;
  groupNames(): string[];
}

/** The programs (of those given, in their order) that start a process of this name. */
export function processLookup(programs: readonly Program[]): (name: string) => Program[] {
  const listed = new Map<string, Program[]>();
  // Templated programs by the length of their names' common start, then by that start: a name is looked up once
  // per distinct length, and only the programs sharing its start are asked.
  const byPrefix = new Map<number, Map<string, Program[]>>();
  const add = <K>(map: Map<K, Program[]>, key: K, program: Program) => {
    const list = map.get(key);
    if (list) list.push(program);
    else map.set(key, [program]);
  };
  const order = new Map<Program, number>();
  for (const program of programs) {
    const names = program.processNames;
    if (!names) continue;
    order.set(program, order.size);
    if (names.prefix === undefined) {
      for (const name of names.first(names.count)) if (listed.get(name)?.at(-1) !== program) add(listed, name, program);
      continue;
    }
    let bucket = byPrefix.get(names.prefix.length);
    if (!bucket) byPrefix.set(names.prefix.length, (bucket = new Map()));
    add(bucket, names.prefix, program);
  }
  return (name) => {
    const found = [...(listed.get(name) ?? [])];
    for (const [length, bucket] of byPrefix) {
      if (length > name.length) continue;
      for (const program of bucket.get(name.slice(0, length)) ?? []) if (program.processNames!.has(name)) found.push(program);
    }
    return found.length > 1 ? found.sort((a, b) => order.get(a)! - order.get(b)!) : found;
  };
}

export function buildProcessIndex(models: readonly ConfigModel[], complete: boolean): ProcessIndex {
  const all = models.flatMap((m) => m.programs);
  const named = all.filter((p) => p.processNames);
  const groups = new Set<string>();
  const programs = new Set<string>();
  for (const model of models) {
    for (const program of model.programs) {
      if (program.kind !== 'eventlistener' && program.section.arg !== undefined) programs.add(program.section.arg);
      groups.add(program.groupName);
    }
    for (const group of model.groups) groups.add(group.name);
  }
  const programsNamed = processLookup(named);
  // `group:name` splits after a group name; group names are few, so their lengths say where to split.
  const groupLengths = new Set(named.map((p) => p.groupName.length));
  const hasQualifiedProcess = (name: string) =>
    [...groupLengths].some((length) => {
      if (name[length] !== ':') return false;
      const group = name.slice(0, length);
      return programsNamed(name.slice(length + 1)).some((p) => p.groupName === group);
    });
  return {
    complete: complete && named.length === all.length,
    hasProcess: (name) => programsNamed(name).length > 0,
    hasQualifiedProcess,
    hasGroup: (name) => groups.has(name),
    hasProgram: (name) => programs.has(name),
    programNames: () => [...programs],
    processNames: () => [...new Set(named.flatMap((p) => p.processNames!.first(MAX_PROCESS_NAMES_PER_PROGRAM)))],
    closestProcess: (word) => closestProcess(named, word),
    groupNames: () => [...groups],
  };
}

/**
 * The process name nearest to `word`, the first program's on a tie: each program offers a few names
 * (ProcessNames.near). Programs are visited by a lower bound of their distance, from the characters and character pairs
 * of their names' fixed start that the word lacks, so the best is met early and the programs that cannot beat it print
 * no name at all.
 */
function closestProcess(programs: readonly Program[], word: string): { value: string; distance: number } | undefined {
  const letters = new WordLetters(word);
  const byBound: number[][] = [];
  programs.forEach((program, index) => {
    const prefix = program.processNames!.prefix;
    (byBound[prefix === undefined ? 0 : letters.distanceTo(prefix)] ??= []).push(index);
  });
  let best: { value: string; distance: number; index: number } | undefined;
  for (let bound = 0; bound < byBound.length && (!best || bound <= best.distance); bound++) {
    for (const index of byBound[bound] ?? []) {
      // An earlier program wins a tie, so it may match the best distance; a later one must beat it.
      const within = best ? best.distance - (index < best.index ? 0 : 1) : undefined;
      if (within !== undefined && bound > within) continue;
      const found = closest(word, programs[index].processNames!.near(word), within);
      if (found && (!best || found.distance < best.distance || index < best.index)) best = { ...found, index };
    }
  }
  return best && { value: best.value, distance: best.distance };
}

/** An index built by `build` when first asked something: most files of a conf.d never ask. */
class DeferredProcessIndex implements ProcessIndex {
  private index?: ProcessIndex;
  constructor(private readonly build: () => ProcessIndex) {}
  private get built(): ProcessIndex {
    return (this.index ??= this.build());
  }
  get complete() {
    return this.built.complete;
  }
  hasProcess(name: string) {
    return this.built.hasProcess(name);
  }
  hasQualifiedProcess(name: string) {
    return this.built.hasQualifiedProcess(name);
  }
  hasGroup(name: string) {
    return this.built.hasGroup(name);
  }
  hasProgram(name: string) {
    return this.built.hasProgram(name);
  }
  programNames() {
    return this.built.programNames();
  }
  processNames() {
    return this.built.processNames();
  }
  closestProcess(word: string) {
    return this.built.closestProcess(word);
  }
  groupNames() {
    return this.built.groupNames();
  }
}

export const deferredProcessIndex = (build: () => ProcessIndex): ProcessIndex => new DeferredProcessIndex(build);
