// The analysis model of one config file: sections merged the way the loader merges them, the programs it
// would start (with their process names) and groups, and each program's parsed command line.
import { parseConfig, reparseConfig, valueRange, type ConfigFile, type Entry, type Range, type Section } from '../parser';
import { readCommandLine, type CommandLine } from './commandLine';
import { Template, type ExpansionValue } from './expand';
import { handOverNames } from './processIndex';
import { listedNames, templateNames, type ProcessNames } from './processNames';
import { parsePythonInt } from './pythonInt';
import { hereOf, resolveValue } from './resolveValue';
import { supervisordEnvironment } from './sectionValues';
import { keySchema, sectionSchema } from '../schema';
import { MAX_PROCESS_NAMES_PER_PROGRAM, type LimitNotice } from './limits';
import { formatNumber } from '../util/formatNumber';
import { internalized } from '../util/internalized';
import { mergeSections, programOf, setProgramOf, type SectionEntries } from './sections';
import { addTo } from '../util/addTo';
import { keepShape } from '../util/keepShape';

/** A section as the loader sees it: repeated headers merged into the first, a repeated key's last value winning. */
export interface ConfigSection {
  readonly name: string;
  readonly kind: string;
  readonly arg?: string;
  /** Every header of this name, in file order (more than one when the section is repeated). */
  readonly nodes: readonly Section[];
  readonly entries: SectionEntries;
}

type ProgramKind = 'program' | 'fcgi-program' | 'eventlistener';
const isProgramKind = (kind: string): kind is ProgramKind => kind === 'program' || kind === 'fcgi-program' || kind === 'eventlistener';

/** A [program:x], [fcgi-program:x] or [eventlistener:x] header: a section that defines a program. */
export const isProgramSection = (section: Section) => section.arg !== undefined && isProgramKind(section.kind);

export interface Program {
  kind: ProgramKind;
  name: string;
  section: ConfigSection;
  numprocs: number;
  /** The supervisord group its processes belong to: a [group:x] listing it, else its own name. */
  groupName: string;
  /**
   * A [group:x] of its file lists it (an event listener never counts). The loader then reads a grouped fcgi-program as
   * a plain program: its socket keys are never read and no socket is made.
   */
  readonly inGroup: boolean;
  /** Its process names, or undefined when they depend on the host (e.g. %(ENV_X)s, %(host_node_name)s) or cannot be known. */
  processNames?: ProcessNames;
  readonly command?: CommandLine;
  /**
   * What rules have worked out about the program alone, each fact at the place rules/perProgram.ts gave it: kept on
   * the program, which the model of the file's next version keeps while the edit leaves its section alone.
   */
  readonly facts: unknown[];
}

interface GroupMember {
  /**
   * The program it names: the item %-expanded as the loader reads `programs=` (`w%%x` names `w%x`), or undefined when
   * that depends on the server (`%(ENV_X)s`) or cannot be expanded.
   */
  name?: string;
  /** The item as written. */
  written: string;
  range: Range;
}

interface Group {
  name: string;
  section: ConfigSection;
  members: GroupMember[];
}

export interface ConfigModel {
  /** The text the model was built from. */
  text: string;
  file: ConfigFile;
  /** Path of the file on disk, when known (used for `%(here)s` and includes). */
  path?: string;
  sections: ConfigSection[];
  section(name: string): ConfigSection | undefined;
  /** An entry of a section, falling back to [DEFAULT] as the loader's get() does. */
  lookup(section: ConfigSection, key: string): Entry | undefined;
  programs: Program[];
  /** The program a [program:x], [fcgi-program:x] or [eventlistener:x] section defines. */
  programOf(section: ConfigSection): Program | undefined;
  groups: Group[];
  /** The name of the [group:x] of this file that lists the program, if one does (an event listener is never taken in). */
  groupOf(program: string): string | undefined;
  /** No [supervisord] section: a conf.d fragment meant to be included by a main config. */
  isFragment: boolean;
  /** Where the analysis stopped short of what supervisord would compute (see limits.ts). */
  limits: LimitNotice[];
}

const PROGRAMS_EXPANSIONS = keySchema(sectionSchema('group:x')!, 'programs')!.expansions ?? [];

function readGroups(sections: ConfigSection[]): Group[] {
  const groups: Group[] = [];
  // An indexed loop reading the first header's own fields (a section's kind and arg are getters that read them): it
  // looks at every section of the file on each keystroke, mostly before V8 has optimised it.
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i];
    const { kind, arg } = section.nodes[0];
    if (kind === 'group' && arg !== undefined) groups.push({ name: arg.trim(), section, members: membersOf(section) });
  }
  return groups;
}

function membersOf(section: ConfigSection): GroupMember[] {
  const entry = section.entries.get('programs');
  const members: GroupMember[] = [];
  if (!entry) return members;
  // list_of_strings: comma-separated, each item stripped; offsets kept for ranges.
  let offset = 0;
  for (const item of entry.value.split(',')) {
    const lead = item.length - item.trimStart().length;
    const written = item.trim();
    if (written) {
      const resolved = resolveValue(written, PROGRAMS_EXPANSIONS, {});
      const name = resolved.kind === 'value' ? resolved.value : undefined;
      members.push({ name, written, range: valueRange(entry, offset + lead, offset + lead + written.length) });
    }
    offset += item.length + 1;
  }
  return members;
}

/**
 * Each process_name read, for every model: a template depends on its text alone, and the files of a conf.d mostly
 * write one (`%(program_name)s_%(process_num)02d`), which each file's model read again: 1.7% of the instructions of a
 * CLI run over 500 fragments.
 * Emptied when full, so that a file of thousands of distinct ones keeps none alive for long.
 */
const TEMPLATES = new Map<string, Template>();
const MAX_KEPT_TEMPLATES = 256;

/**
 * What naming the programs of one model reuses from one program to the next: each distinct process_name read once
 * (programs mostly share one), and one map of the names it may use, whose values each program overwrites (so their
 * order, which a positional `%s` prints, stays the loader's).
 */
class Naming {
  private last: Template | undefined = undefined;
  private lastText: string | undefined = undefined;
  private readonly values = new Map<string, ExpansionValue>();
  /** The directory `%(here)s` stands for (see hereOf). */
  private readonly here: string | undefined;

  constructor(path: string | undefined) {
    this.here = hereOf(path);
  }

  template(written: string): Template {
    // Most programs write the same process_name as the one before: its text is compared with a flat copy (each
    // program's is a view of the file's text), not hashed for the map.
    if (written === this.lastText) return this.last!;
    // Kept as a copy of its own: a view of the file's text would keep the whole text alive with the template.
    const text = internalized(written);
    let template = TEMPLATES.get(text);
    if (!template) {
      if (TEMPLATES.size >= MAX_KEPT_TEMPLATES) TEMPLATES.clear();
      TEMPLATES.set(text, (template = new Template(text)));
    }
    this.lastText = text;
    return (this.last = template);
  }

  /** The names for a program's first process; valid until the next program's are asked for. */
  valuesFor(program: Program, start: number): Map<string, ExpansionValue> {
    const { values } = this;
    values.set('program_name', program.name);
    values.set('group_name', program.groupName);
    values.set('process_num', start);
    values.set('numprocs', program.numprocs);
    if (this.here !== undefined) values.set('here', this.here);
    return values;
  }
}
keepShape(new Naming(undefined));

const TOO_WIDE = 'process_name has a field wider than the analysis expands, so its process names are not checked';

/** Notes where the analysis of a program's names stops short; undefined, as its names then are. */
function notice(model: Pick<ConfigModel, 'limits'>, program: Program, range: Range, why: string): undefined {
  model.limits.push({ range, message: `[${program.section.name}] ${why}` });
  return undefined;
}

/**
 * The names supervisord gives a program's processes, or undefined when they depend on the host or cannot be known
 * here (then a notice says so). A `process_name` whose number can be read back is matched without listing its names.
 */
function processNames(
  model: Pick<ConfigModel, 'lookup' | 'limits'>,
  program: Program,
  numprocs: Entry | undefined,
  naming: Naming,
): ProcessNames | undefined {
  const processName = model.lookup(program.section, 'process_name');
  const numprocsStart = model.lookup(program.section, 'numprocs_start');
  const written = processName?.value ?? '%(program_name)s';
  const template = naming.template(written);
  const start = parsePythonInt(numprocsStart?.value ?? '0') ?? 0;
  // A double counts exactly only up to 2**53: past it, `process_num + 1` may print the same number again.
  if (program.numprocs > 0 && !Number.isSafeInteger(start + program.numprocs - 1))
    return notice(
      model,
      program,
      (numprocsStart ?? numprocs)!.range,
      `process numbers reach past ${formatNumber(Number.MAX_SAFE_INTEGER)}, beyond what the analysis counts exactly, so names of this program are not checked`,
    );
  const values = naming.valuesFor(program, start);
  const open = template.open('process_num', values);
  if (open && !open.ok && open.kind === 'too-wide' && processName) return notice(model, program, processName.range, TOO_WIDE);
  if (open?.ok === false) return undefined;
  if (open) {
    if (program.numprocs > MAX_PROCESS_NAMES_PER_PROGRAM)
      notice(
        model,
        program,
        numprocs!.range,
        `numprocs=${numprocs!.value.trim()}: ${formatNumber(program.numprocs)} processes, matched by their process_name pattern; completion and fixes list at most ${formatNumber(MAX_PROCESS_NAMES_PER_PROGRAM)} names per program`,
      );
    return templateNames(open.before, open.after, open.field, start, program.numprocs);
  }
  if (program.numprocs > MAX_PROCESS_NAMES_PER_PROGRAM)
    return notice(
      model,
      program,
      numprocs!.range,
      `numprocs=${numprocs!.value.trim()}: this process_name cannot be matched by its pattern and the analysis lists at most ${formatNumber(MAX_PROCESS_NAMES_PER_PROGRAM)} process names per program, so names of this program are not checked`,
    );
  const names: string[] = [];
  for (let k = 0; k < program.numprocs; k++) {
    values.set('process_num', start + k);
    const result = template.expand(values);
    if (!result.ok && result.kind === 'too-wide' && processName) return notice(model, program, processName.range, TOO_WIDE);
    if (!result.ok) return undefined;
    names.push(result.value);
  }
  return listedNames(names);
}

/**
 * A [DEFAULT] command= split and recognised once for every program that inherits it. A program's own command= is
 * kept by its program (which the next version's model keeps while the edit leaves the section alone) rather than
 * here: a WeakMap entry for each of them was a hashed lookup and an ephemeron for every GC to trace.
 */
const commandLines = new WeakMap<Entry, CommandLine>();
function commandLineOf(entry: Entry): CommandLine {
  let line = commandLines.get(entry);
  if (!line) commandLines.set(entry, (line = readCommandLine(entry)));
  return line;
}

/**
 * A file's model. A class, not an object literal of closures: optimised code that calls a model's methods would hold
 * on to the closures of the model it first saw, and be thrown away once that model is collected (every analysis).
 */
class FileModel implements ConfigModel {
  readonly programs: Program[] = [];
  readonly limits: LimitNotice[] = [];
  readonly isFragment: boolean;

  constructor(
    readonly text: string,
    readonly file: ConfigFile,
    readonly path: string | undefined,
    readonly sections: ConfigSection[],
    private readonly byName: ReadonlyMap<string, ConfigSection>,
    private readonly defaults: ConfigSection | undefined,
    readonly groups: Group[],
    private readonly groupNames: ReadonlyMap<string, string>,
  ) {
    this.isFragment = !byName.has('supervisord');
  }

  section(name: string): ConfigSection | undefined {
    return this.byName.get(name);
  }

  lookup(section: ConfigSection, key: string): Entry | undefined {
    return section.entries.get(key) ?? this.defaults?.entries.get(key);
  }

  programOf(section: ConfigSection): Program | undefined {
    return programOf(section);
  }

  groupOf(program: string): string | undefined {
    return this.groupNames.get(program);
  }
}

/**
 * The model of a parsed file. Given the model of the file's previous version (the language server's case), sections
 * and programs the edit did not touch are taken over from it while [DEFAULT], the path and the program's group are
 * unchanged.
 */
export function buildModel(text: string, file: ConfigFile, path?: string, earlier?: ConfigModel): ConfigModel {
  const byName = mergeSections(file.sections, earlier && ((name) => earlier.section(name)));
  const sections = [...byName.values()];
  const defaults = byName.get('DEFAULT');
  const groups = readGroups(sections);
  const groupOf = new Map<string, string>();
  for (const group of groups) for (const { name } of group.members) if (name !== undefined) groupOf.set(name, group.name);
  // A program kept from the earlier model read its numprocs with that model's [supervisord] environment=.
  const sameContext =
    earlier !== undefined &&
    earlier.path === path &&
    earlier.section('DEFAULT') === defaults &&
    (!numprocsExpanded.has(earlier) || earlier.section('supervisord') === byName.get('supervisord'));

  const model = new FileModel(text, file, path, sections, byName, defaults, groups, groupOf);
  const naming = new Naming(path);
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i];
    const { kind, arg } = section.nodes[0];
    if (!isProgramKind(kind) || arg === undefined) continue;
    const name = arg.trim();
    const group = kind !== 'eventlistener' ? groupOf.get(name) : undefined;
    const groupName = group ?? name;
    const inGroup = group !== undefined;
    const kept = sameContext ? earlier.programOf(section) : undefined;
    const program =
      kept && kept.groupName === groupName && kept.inGroup === inGroup && !withNotices.has(kept)
        ? kept
        : newProgram(model, kind, name, section, groupName, inGroup, naming);
    model.programs.push(program);
    setProgramOf(section, program);
  }
  // The programs kept from it may have expanded their numprocs too.
  if (sameContext && numprocsExpanded.has(earlier)) numprocsExpanded.add(model);
  return model;
}

/** Programs whose modelling left a notice in their model's limits: never taken over, so the notice is made again. */
const withNotices = new WeakSet<Program>();

/**
 * A class, not an object literal with a getter: a literal with an accessor is kept as a dictionary, some 600 bytes
 * per program with its closure, and every rule reads these fields.
 */
class ProgramRecord implements Program {
  processNames?: ProcessNames;
  // Room for the facts rules keep today (five): an empty array would grow to seventeen places at the first one.
  readonly facts: unknown[] = [undefined, undefined, undefined, undefined, undefined];
  private commandLine: CommandLine | undefined = undefined;

  constructor(
    readonly kind: ProgramKind,
    readonly name: string,
    readonly section: ConfigSection,
    readonly numprocs: number,
    readonly groupName: string,
    readonly inGroup: boolean,
    private readonly commandEntry: Entry | undefined,
    /** The command= comes from [DEFAULT]. */
    private readonly commandInherited: boolean,
  ) {}

  // Split when first asked for: a fragment is analysed with every file of its configuration, whose other
  // programs' commands most rules never look at.
  get command(): CommandLine | undefined {
    const entry = this.commandEntry;
    return (this.commandLine ??= entry && (this.commandInherited ? commandLineOf(entry) : readCommandLine(entry)));
  }
}

function newProgram(
  model: ConfigModel,
  kind: ProgramKind,
  name: string,
  section: ConfigSection,
  groupName: string,
  inGroup: boolean,
  naming: Naming,
): Program {
  const numprocsEntry = model.lookup(section, 'numprocs');
  const numprocs = numprocsEntry ? numprocsOf(model, numprocsEntry, name, groupName) : 1;
  const own = section.entries.get('command');
  const command = own ?? model.lookup(section, 'command');
  const program = new ProgramRecord(kind, name, section, Math.max(numprocs, 0), groupName, inGroup, command, own === undefined);
  const notices = model.limits.length;
  program.processNames = processNames(model, program, numprocsEntry, naming);
  if (model.limits.length > notices) withNotices.add(program);
  return program;
}

/**
 * The programs supervisord makes of the sections that several of `models` (a configuration's files, in reading order)
 * have: it reads every file into one parser, which merges the copies of a section, a key set in several taking the
 * value of the file read last, and reads [DEFAULT] (one for all files, a later file's key replacing an earlier one's)
 * for a key no copy sets. Also the programs of a file whose `numprocs=%(ENV_X)s` takes X from another file's
 * [supervisord] environment= (a conf.d file's model counts them without it). Each stands for its copies in the process
 * index, which reads its kind, names and numbers.
 */
export function mergedPrograms(models: readonly ConfigModel[]): Program[] {
  if (models.length < 2) return [];
  const copies = new Map<string, ProgramCopy[]>();
  for (const model of models) for (const program of model.programs) addTo(copies, program.section.name, { model, program });
  const environment = configurationEnvironment(models);
  const merged: Program[] = [];
  for (const found of copies.values()) {
    const program = mergedFrom(found, models, environment);
    if (program) merged.push(program);
  }
  return merged;
}

/**
 * The program supervisord runs for `program` (of one of `models`, the configuration's files in reading order): the
 * merged program of mergedPrograms where other files change it, else `program` itself. For one program, such as the
 * one under the cursor, without merging the others.
 */
export function programAsRun(models: readonly ConfigModel[], program: Program): Program {
  if (models.length < 2) return program;
  const found: ProgramCopy[] = [];
  for (const model of models) {
    const section = model.section(program.section.name);
    const copy = section && model.programOf(section);
    if (copy) found.push({ model, program: copy });
  }
  return (found.length && mergedFrom(found, models, configurationEnvironment(models))) || program;
}

/**
 * A key of the section `name` as supervisord reads it from a configuration's files (in reading order): from the last
 * file whose copy of the section sets it, else from the last [DEFAULT] that does.
 */
export function readAcrossFiles(
  models: readonly ConfigModel[],
  name: string,
  key: string,
): { model: ConfigModel; entry: Entry } | undefined {
  for (let i = models.length - 1; i >= 0; i--) {
    const entry = models[i].section(name)?.entries.get(key);
    if (entry) return { model: models[i], entry };
  }
  for (let i = models.length - 1; i >= 0; i--) {
    const entry = models[i].section('DEFAULT')?.entries.get(key);
    if (entry) return { model: models[i], entry };
  }
  return undefined;
}

interface ProgramCopy {
  model: ConfigModel;
  program: Program;
}

/** The merged program of a section's copies, when several files have it or another file's environment counts it. */
function mergedFrom(
  found: readonly ProgramCopy[],
  models: readonly ConfigModel[],
  environment: ReadonlyMap<string, string> | undefined,
): Program | undefined {
  const { model, program } = found[0];
  const expandedElsewhere =
    found.length === 1 &&
    numprocsExpanded.has(model) &&
    supervisordEnvironment(model) !== environment &&
    model.lookup(program.section, 'numprocs')?.value.includes('%') === true;
  return found.length > 1 || expandedElsewhere ? mergedProgram(found, models, environment) : undefined;
}

/** The variables [supervisord] environment= sets for the configuration: the last file's that sets it (see mergedPrograms). */
function configurationEnvironment(models: readonly ConfigModel[]): ReadonlyMap<string, string> | undefined {
  for (let i = models.length - 1; i >= 0; i--) {
    const section = models[i].section('supervisord');
    if (section?.entries.has('environment')) return supervisordEnvironment(models[i]);
  }
  return undefined;
}

function mergedProgram(
  copies: readonly ProgramCopy[],
  models: readonly ConfigModel[],
  environment: ReadonlyMap<string, string> | undefined,
): Program {
  const last = copies[copies.length - 1];
  const read = (key: string) => readAcrossFiles(models, last.program.section.name, key);
  const { kind, name, section, groupName, inGroup } = last.program;
  const count = read('numprocs');
  const numprocs = count ? numprocsOf(count.model, count.entry, name, groupName, environment) : 1;
  // Only its names are read: no command, and the notices of its names are its copies' own.
  const program = new ProgramRecord(kind, name, section, Math.max(numprocs, 0), groupName, inGroup, undefined, false);
  const merged = { lookup: (_: ConfigSection, key: string) => read(key)?.entry, limits: [] };
  // %(here)s is the directory of the file whose process_name is read.
  const named = read('process_name') ?? last;
  program.processNames = processNames(merged, program, count?.entry, new Naming(named.model.path));
  return program;
}

const NUMPROCS_EXPANSIONS = keySchema(sectionSchema('program:x')!, 'numprocs')!.expansions ?? [];

/** Models with a program whose numprocs has a `%`: it may name ENV_X, which [supervisord] environment= sets. */
const numprocsExpanded = new WeakSet<ConfigModel>();

/**
 * The processes a numprocs value makes, as the loader reads it: expanded first, so `%(ENV_X)s` counts when the file's
 * [supervisord] environment= sets X (a conf.d file's main config is not looked at here); 1 when unreadable.
 */
function numprocsOf(
  model: ConfigModel,
  entry: Entry,
  programName: string,
  groupName: string,
  environment = supervisordEnvironment(model),
): number {
  if (entry.value.includes('%')) numprocsExpanded.add(model);
  return numprocsValue(entry.value, { name: programName, groupName }, environment);
}

/**
 * What a numprocs value `written` for `program` reads as: expanded first (`%(ENV_X)s` from `environment`, what
 * [supervisord] environment= sets), then Python's int(); 1 when unreadable or known only to the server.
 */
export function numprocsValue(
  written: string,
  program: Pick<Program, 'name' | 'groupName'>,
  environment: ReadonlyMap<string, string> | undefined,
): number {
  if (!written.includes('%')) return parsePythonInt(written) ?? 1;
  const expanded = resolveValue(written, NUMPROCS_EXPANSIONS, { programName: program.name, groupName: program.groupName, environment });
  return expanded.kind === 'value' ? (parsePythonInt(expanded.value) ?? 1) : 1;
}

export function analyzeText(text: string, path?: string): ConfigModel {
  return buildModel(text, parseConfig(text), path);
}

/**
 * The model of a file's next version. The previous model is used up: its unchanged sections move into the new one
 * (the parser re-reads only what the edit touched), so it must not be used afterwards.
 */
export function updateModel(previous: ConfigModel, text: string): ConfigModel {
  const model = buildModel(text, reparseConfig(previous.file, previous.text, text), previous.path, previous);
  handOverNames(previous, model);
  return model;
}
