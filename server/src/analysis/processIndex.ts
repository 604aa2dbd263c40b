// Names supervisord gives to processes and groups, the way memmon matches them: a process by its name, a group by
// its name. `group:name` is what supervisorctl shows; memmon's -p cannot use it (memmon/group-qualified-name). Built from one or more models (a main config and what it includes).
// Process names are looked up, never all listed: a program named by a template is found by the text its names start with.
import { changedMiddle } from '../util/changedMiddle';
import { MAX_PROCESS_NAMES_PER_PROGRAM } from './limits';
import { NearestProcess, type Suggestion } from './nearestProcess';
import type { ConfigModel, Program } from './model';
import { addTo } from '../util/addTo';

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
  /** The process name nearest to a word that names none, for a typo suggestion; with `reach`, one at most that far. */
  closestProcess(word: string, reach?: number): Suggestion | undefined;
  groupNames(): string[];
}

/**
 * What a list of programs names: each process name and program and group name, for lookups. A model keeps one for its
 * programs (namesOf), and the model of its next version takes it over, changed by what the edit changed: a keystroke
 * in a 1 MB file changes one program of 1,800, and rebuilding these maps was most of the time a rule took per edit.
 */
class ProgramNames {
  /** Programs whose names are listed, by name. */
  private readonly listed = new Map<string, Program[]>();
  /** Programs named by a template, by the text their names start with, and how many such texts have each length. */
  private readonly byPrefix = new Map<string, Program[]>();
  private readonly prefixLengths = new Map<number, number>();
  /** How many programs have each name (what [group:x] programs= lists), and each group name. */
  private readonly programNames = new Map<string, number>();
  private readonly groupNames = new Map<string, number>();
  /** How many named programs have a group name of each length: where `group:name` may split. */
  private readonly groupLengths = new Map<number, number>();
  /** Programs whose process names cannot be known. */
  unnamed = 0;

  constructor(
    /** The model whose programs these are (a fresh list's own names have none), until its next version takes them. */
    public owner: ConfigModel | undefined,
    programs: readonly Program[],
  ) {
    for (let i = 0; i < programs.length; i++) this.add(programs[i]);
  }

  add(program: Program): void {
    count(this.programNames, programName(program), 1);
    count(this.groupNames, program.groupName, 1);
    const names = program.processNames;
    if (!names) {
      this.unnamed++;
      return;
    }
    count(this.groupLengths, program.groupName.length, 1);
    if (names.prefix === undefined) {
      for (const name of names.first(names.count)) {
        const list = this.listed.get(name);
        if (!list) this.listed.set(name, [program]);
        else if (list[list.length - 1] !== program) list.push(program);
      }
      return;
    }
    addTo(this.byPrefix, names.prefix, program);
    count(this.prefixLengths, names.prefix.length, 1);
  }

  remove(program: Program): void {
    count(this.programNames, programName(program), -1);
    count(this.groupNames, program.groupName, -1);
    const names = program.processNames;
    if (!names) {
      this.unnamed--;
      return;
    }
    count(this.groupLengths, program.groupName.length, -1);
    if (names.prefix === undefined) {
      for (const name of names.first(names.count)) without(this.listed, name, program);
      return;
    }
    without(this.byPrefix, names.prefix, program);
    count(this.prefixLengths, names.prefix.length, -1);
  }

  /** The programs that start a process of this name, in the order they were added. */
  programsNamed(name: string): Program[] {
    const found: Program[] = [];
    this.someNamed(name, (program) => {
      found.push(program);
      return false;
    });
    return found;
  }

  /** Whether `test` holds for a program that starts a process of this name (asked in the order they were added). */
  private someNamed(name: string, test: (program: Program) => boolean): boolean {
    const listed = this.listed.get(name);
    if (listed) for (const program of listed) if (test(program)) return true;
    for (const length of this.prefixLengths.keys()) {
      if (length > name.length) continue;
      const bucket = this.byPrefix.get(name.slice(0, length));
      if (bucket) for (const program of bucket) if (program.processNames!.has(name) && test(program)) return true;
    }
    return false;
  }

  /** `counted`: which programs count (all unless told). */
  hasProcess(name: string, counted: (program: Program) => boolean = ALL): boolean {
    return this.someNamed(name, counted);
  }

  /** `group:name`: a process of that name whose program is in that group. */
  hasQualifiedProcess(name: string, counted: (program: Program) => boolean = ALL): boolean {
    for (const length of this.groupLengths.keys()) {
      if (name[length] !== ':') continue;
      const group = name.slice(0, length);
      if (this.someNamed(name.slice(length + 1), (program) => program.groupName === group && counted(program))) return true;
    }
    return false;
  }

  hasProgram(name: string): boolean {
    return this.programNames.has(name);
  }

  hasGroup(name: string): boolean {
    return this.groupNames.has(name);
  }

  /** These names changed from `before`'s programs to `after`'s: what the edit between two versions changed. */
  update(before: readonly Program[], after: readonly Program[]): void {
    const { first, beforeEnd, afterEnd } = changedMiddle(before, after);
    const removed = new Set(before.slice(first, beforeEnd));
    for (const program of after.slice(first, afterEnd)) if (!removed.delete(program)) this.add(program);
    for (const program of removed) this.remove(program);
  }
}

const ALL = () => true;

/** [group:x] programs= names programs, not event listeners: those count under no program name. */
const programName = (program: Program) => (program.kind !== 'eventlistener' ? program.section.arg : undefined);

function count<K>(counts: Map<K, number>, key: K | undefined, by: 1 | -1): void {
  if (key === undefined) return;
  const now = (counts.get(key) ?? 0) + by;
  if (now > 0) counts.set(key, now);
  else counts.delete(key);
}

function without<K>(map: Map<K, Program[]>, key: K, program: Program): void {
  const list = map.get(key)?.filter((p) => p !== program);
  if (list?.length) map.set(key, list);
  else map.delete(key);
}

/** The programs (of those given, in their order) that start a process of this name. */
export function processLookup(programs: readonly Program[]): (name: string) => Program[] {
  const names = new ProgramNames(undefined, programs);
  return (name) => inOrder(names.programsNamed(name), programs);
}

/** Several programs giving one name are rare (a configuration error): they are put in configuration order then. */
const inOrder = (found: Program[], programs: readonly Program[]) =>
  found.length > 1 ? found.sort((a, b) => programs.indexOf(a) - programs.indexOf(b)) : found;

const modelNames = new WeakMap<ConfigModel, ProgramNames>();
/** A model's names, to be taken over by its next version, and the programs they were of. */
const handedOver = new WeakMap<ConfigModel, { names: ProgramNames; programs: readonly Program[] }>();

/**
 * The model of a file's next version takes over the names of the one before (when they were made): they are updated
 * for it when first asked for, and the earlier model makes its own again if it is still asked.
 */
export function handOverNames(earlier: ConfigModel, next: ConfigModel): void {
  // Names handed to `earlier` and not asked for since (a burst of keystrokes) are brought up to it first.
  const names = modelNames.get(earlier) ?? (handedOver.has(earlier) ? namesOf(earlier) : undefined);
  if (!names) return;
  modelNames.delete(earlier);
  handedOver.set(next, { names, programs: earlier.programs });
}

function namesOf(model: ConfigModel): ProgramNames {
  let names = modelNames.get(model);
  if (names) return names;
  const earlier = handedOver.get(model);
  if (earlier) {
    handedOver.delete(model);
    names = earlier.names;
    names.update(earlier.programs, model.programs);
    names.owner = model;
  } else names = new ProgramNames(model, model.programs);
  modelNames.set(model, names);
  return names;
}

/**
 * `merged`: the programs supervisord makes of sections several of the models have (model.ts mergedPrograms), which
 * stand for those copies.
 */
export function buildProcessIndex(models: readonly ConfigModel[], complete: boolean, merged: readonly Program[] = []): ProcessIndex {
  return new ModelsIndex(models, complete, merged);
}

/**
 * The index of a configuration's models: each model's names, asked in turn. Lists (for completion and suggestions)
 * are made when asked, from the models' programs in order.
 */
class ModelsIndex implements ProcessIndex {
  private readonly names: ProgramNames[];
  /** The merged programs' names, and the sections whose copies they stand for (whose own names are not counted). */
  private readonly mergedNames: ProgramNames | undefined;
  private readonly copied = new Set<string>();
  private readonly counted = (program: Program) => !this.copied.has(program.section.name);
  /** Whether every program not merged, and every merged one, has its names (asked only with merged programs). */
  private allNamed?: boolean;
  /** The models' names in one table (see joined). */
  private joinedNames?: JoinedNames;
  private namedPrograms?: readonly Program[];
  private nearest?: NearestProcess;

  constructor(
    private readonly models: readonly ConfigModel[],
    private readonly completeGiven: boolean,
    private readonly merged: readonly Program[],
  ) {
    this.names = models.map(namesOf);
    for (const program of merged) this.copied.add(program.section.name);
    this.mergedNames = merged.length ? new ProgramNames(undefined, merged) : undefined;
  }

  /** The names of model `i`: made again when its next version took them over. */
  private namesAt(i: number): ProgramNames {
    const names = this.names[i];
    return names.owner === this.models[i] ? names : (this.names[i] = namesOf(this.models[i]));
  }

  private some(test: (names: ProgramNames) => boolean): boolean {
    for (let i = 0; i < this.models.length; i++) if (test(this.namesAt(i))) return true;
    return false;
  }

  /**
   * Every model's names in one table, made at the first name asked of an index of several models: each model's table
   * asked in turn made a conf.d of a thousand fragments, each with a memmon naming processes, quadratic. A file alone
   * keeps its own table, which its next version takes over.
   */
  private joined(): JoinedNames | undefined {
    if (this.models.length < 2) return undefined;
    return (this.joinedNames ??= new JoinedNames(this.programs(), this.counted, this.merged, this.models));
  }

  get complete(): boolean {
    if (!this.completeGiven) return false;
    // Every file of a conf.d asks: the programs are looked through once (the models' names never change their count).
    return (this.allNamed ??= this.mergedNames
      ? this.mergedNames.unnamed === 0 && this.programs().every((program) => program.processNames || !this.counted(program))
      : !this.some((names) => names.unnamed > 0));
  }
  hasProcess(name: string): boolean {
    const joined = this.joined();
    if (joined) return joined.processes.hasProcess(name);
    return this.some((names) => names.hasProcess(name, this.counted)) || this.mergedNames?.hasProcess(name) === true;
  }
  hasQualifiedProcess(name: string): boolean {
    const joined = this.joined();
    if (joined) return joined.processes.hasQualifiedProcess(name);
    return this.some((names) => names.hasQualifiedProcess(name, this.counted)) || this.mergedNames?.hasQualifiedProcess(name) === true;
  }
  hasGroup(name: string): boolean {
    const joined = this.joined();
    if (joined) return joined.all.hasGroup(name) || joined.groupSections.has(name);
    return this.some((names) => names.hasGroup(name)) || this.models.some((m) => m.groups.some((g) => g.name === name));
  }
  hasProgram(name: string): boolean {
    const joined = this.joined();
    if (joined) return joined.all.hasProgram(name);
    return this.some((names) => names.hasProgram(name));
  }
  programNames(): string[] {
    const names = new Set<string>();
    for (const program of this.programs()) {
      const name = programName(program);
      if (name !== undefined) names.add(name);
    }
    return [...names];
  }
  processNames(): string[] {
    return [...new Set(this.named().flatMap((p) => p.processNames!.first(MAX_PROCESS_NAMES_PER_PROGRAM)))];
  }
  closestProcess(word: string, reach?: number): Suggestion | undefined {
    return (this.nearest ??= new NearestProcess(this.named())).closest(word, reach);
  }
  groupNames(): string[] {
    const names = new Set<string>();
    for (const model of this.models) {
      for (const program of model.programs) names.add(program.groupName);
      for (const group of model.groups) names.add(group.name);
    }
    return [...names];
  }
  private programs(): Program[] {
    return this.models.flatMap((m) => m.programs);
  }
  /**
   * The programs with names, in configuration order, a section's copies merged (the merged program at the first).
   * Listed once: each misspelt name of a report with fixes (the CLI's JSON, --fix) looks for its nearest among them.
   */
  private named(): readonly Program[] {
    return (this.namedPrograms ??= this.listNamed());
  }
  private listNamed(): Program[] {
    const mergedOf = new Map(this.merged.map((program) => [program.section.name, program]));
    const named: Program[] = [];
    for (const program of this.programs()) {
      const merged = mergedOf.get(program.section.name);
      if (merged) mergedOf.delete(program.section.name);
      const counted = merged ?? (this.counted(program) ? program : undefined);
      if (counted?.processNames) named.push(counted);
    }
    return named;
  }
}

/** The programs of a list that start a process of a given name, found as the process index finds them. */
export interface ProgramsByProcessName {
  /** In the order of the list for names it lists; by the text their names start with for names of a template. */
  programsNamed(name: string): Program[];
}

export const programsByProcessName = (programs: readonly Program[]): ProgramsByProcessName => new ProgramNames(undefined, programs);

/** The names of a configuration's models in one table: what ModelsIndex asks each model's own table otherwise. */
class JoinedNames {
  /** Every program's names: its program and group names. */
  readonly all: ProgramNames;
  /** The names of the processes supervisord starts: the copies of a section stand merged (`merged`, not `counted`). */
  readonly processes: ProgramNames;
  /** The names of the [group:x] sections. */
  readonly groupSections = new Set<string>();

  constructor(programs: Program[], counted: (program: Program) => boolean, merged: readonly Program[], models: readonly ConfigModel[]) {
    this.all = new ProgramNames(undefined, programs);
    this.processes = new ProgramNames(undefined, [...programs.filter(counted), ...merged]);
    for (const model of models) for (const group of model.groups) this.groupSections.add(group.name);
  }
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
  closestProcess(word: string, reach?: number) {
    return this.built.closestProcess(word, reach);
  }
  groupNames() {
    return this.built.groupNames();
  }
}

export const deferredProcessIndex = (build: () => ProcessIndex): ProcessIndex => new DeferredProcessIndex(build);
