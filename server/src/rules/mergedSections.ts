// A section that several files of a configuration have is one section to supervisord: it reads every file into one
// ConfigParser, which merges the copies, a key set in several taking the value of the file read last (a conf.d
// override file), and has one [DEFAULT], to which each file's adds. What the rules ask about the merged section, from
// the copy in the analysed file.
import { numprocsValue, type ConfigModel, type ConfigSection, type Program } from '../analysis/model';
import { readOnlyPerProcess, supervisordEnvironment } from '../analysis/sectionValues';
import { ALL_KEY_NAMES, type KeySchema } from '../schema';
import type { SectionFound } from '../analysis/workspace';
import type { Entry } from '../parser';
import { pathFrom } from './config/shared';
import type { RuleContext } from './types';
import { addTo } from '../util/addTo';

/**
 * A file read after this one has a copy of the section that sets the key: the loader merges the copies and reads
 * that later value, never this one (config/duplicate-section-across-files reports the copies).
 */
export function setByLaterCopy(
  context: Pick<RuleContext, 'model' | 'sectionsNamed' | 'hasCopies'>,
  section: ConfigSection,
  key: string,
): boolean {
  if (!context.hasCopies(section.name)) return false;
  const parts = context.sectionsNamed(section.name);
  if (parts.length < 2) return false;
  return lastSettingCopy(parts, key) > placeOfCopy(parts, context.model);
}

/**
 * From this many copies of a section, what is asked of them is worked out once per list of copies (one list serves
 * every file of a configuration): each file of a conf.d of 2,000 copies looked through all of them for each key.
 */
const INDEXED_COPIES = 8;

interface CopiesIndex {
  /** The place of the last copy that sets each key. */
  lastSetting: ReadonlyMap<string, number>;
  /** The place of each file's copy. */
  places: ReadonlyMap<ConfigModel, number>;
}
const copiesIndexes = new WeakMap<readonly SectionFound[], CopiesIndex>();

function copiesIndex(parts: readonly SectionFound[]): CopiesIndex {
  let index = copiesIndexes.get(parts);
  if (!index) {
    const lastSetting = new Map<string, number>();
    const places = new Map<ConfigModel, number>();
    parts.forEach(({ model, section }, place) => {
      if (!places.has(model)) places.set(model, place);
      for (const entry of section.entries.values()) lastSetting.set(entry.key, place);
    });
    copiesIndexes.set(parts, (index = { lastSetting, places }));
  }
  return index;
}

/** The place in `parts` (a section's copies in reading order) of the last copy that sets `key`; -1 when none does. */
export function lastSettingCopy(parts: readonly SectionFound[], key: string): number {
  if (parts.length >= INDEXED_COPIES) return copiesIndex(parts).lastSetting.get(key) ?? -1;
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i].section.entries.get(key) !== undefined) return i;
  return -1;
}

/** The place in `parts` of `model`'s copy; -1 when it has none. */
export function placeOfCopy(parts: readonly SectionFound[], model: ConfigModel): number {
  if (parts.length >= INDEXED_COPIES) return copiesIndex(parts).places.get(model) ?? -1;
  return parts.findIndex((part) => part.model === model);
}

/** An entry, and the file of the configuration it is written in. */
export interface EntryIn {
  entry: Entry;
  model: ConfigModel;
  /** The section the entry is written in: that file's copy of the section, or its [DEFAULT]. */
  section: ConfigSection;
}

export type MergedContext = Pick<RuleContext, 'model' | 'sectionsNamed' | 'hasCopies' | 'singleFile'>;

/**
 * The entry the loader reads for `key` in `section` of the analysed file. supervisord merges the copies of a section
 * that several files of a configuration have (a conf.d file overriding another's program): the last file read that
 * sets the key gives it, and [DEFAULT] only when no copy does (see defaultRead).
 */
export function entryRead(context: MergedContext, section: ConfigSection, key: string): EntryIn | undefined {
  const { model } = context;
  // Rules ask for every program: the list of copies is made only for a section that has some.
  const parts = context.hasCopies(section.name) ? context.sectionsNamed(section.name) : undefined;
  if (parts === undefined || parts.length < 2) {
    const entry = section.entries.get(key);
    if (entry) return { entry, model, section };
    return defaultRead(context, key);
  }
  return readAcross(context, parts, key);
}

/**
 * The entry the loader reads for `key` in a section whose copies in the configuration's files are `parts`, in reading
 * order (sectionsNamed): the last that sets it, else [DEFAULT]'s. For a section of any file, the analysed one or not.
 */
export function readAcross(context: MergedContext, parts: readonly SectionFound[], key: string): EntryIn | undefined {
  return lastSetting(parts, key) ?? defaultRead(context, key);
}

/** The entry of `key` in the last of `parts` that sets it, with its copy; undefined when none does. */
function lastSetting(parts: readonly SectionFound[], key: string): EntryIn | undefined {
  const at = lastSettingCopy(parts, key);
  if (at === -1) return undefined;
  const { model, section } = parts[at];
  return { entry: section.entries.get(key)!, model, section };
}

const defaultParts = new WeakMap<object, readonly SectionFound[] | null>();

/** The [DEFAULT] sections of the configuration's files in reading order, when one is another file's; else undefined. */
function defaultsAcrossFiles(context: MergedContext): readonly SectionFound[] | undefined {
  let parts = defaultParts.get(context);
  if (parts === undefined) {
    const all = context.sectionsNamed('DEFAULT');
    defaultParts.set(context, (parts = all.some((part) => part.model !== context.model) ? all : null));
  }
  return parts ?? undefined;
}

/**
 * The [DEFAULT] entry supervisord reads for `key` in a section none of whose copies sets it. Its one parser has one
 * [DEFAULT], to which every file adds in reading order, a later file's key replacing an earlier one's: a [DEFAULT]
 * in supervisord.conf serves the programs of conf.d, and one in a conf.d file the main config's.
 */
function defaultRead(context: MergedContext, key: string): EntryIn | undefined {
  const { model } = context;
  // Asked for every program of a file: a file alone has its own [DEFAULT] only.
  const parts = context.singleFile ? undefined : defaultsAcrossFiles(context);
  if (parts === undefined) {
    const defaults = model.section('DEFAULT');
    const entry = defaults?.entries.get(key);
    return entry && { entry, model, section: defaults! };
  }
  return lastSetting(parts, key);
}

/**
 * The keys some section knows that the [DEFAULT] sections of the configuration's other files set, when it has some
 * (seldom: none else).
 */
export function keysDefaultedElsewhere(context: MergedContext): ReadonlySet<string> {
  const keys = new Set<string>();
  const parts = defaultsAcrossFiles(context);
  if (parts) for (const [key, files] of defaultSetters(parts)) if (files.some((file) => file !== context.model)) keys.add(key);
  return keys;
}

const settersOfDefaults = new WeakMap<readonly SectionFound[], ReadonlyMap<string, readonly ConfigModel[]>>();

/**
 * The files whose [DEFAULT] sets each key some section knows, once per list of [DEFAULT]s (one for every file of a
 * configuration): each file of a conf.d, each with a [DEFAULT] of its own, gathered every other file's keys.
 */
function defaultSetters(parts: readonly SectionFound[]): ReadonlyMap<string, readonly ConfigModel[]> {
  let setters = settersOfDefaults.get(parts);
  if (!setters) {
    const found = new Map<string, ConfigModel[]>();
    for (const { model, section } of parts)
      for (const { key } of section.entries.values()) if (ALL_KEY_NAMES.has(key)) addTo(found, key, model);
    settersOfDefaults.set(parts, (setters = found));
  }
  return setters;
}

/** Where an entry read for a section of `model` is written, for a message: undefined for the section's own line. */
export function whereFrom(model: ConfigModel, found: EntryIn): string | undefined {
  if (found.section.name === 'DEFAULT')
    return found.model === model ? 'from [DEFAULT]' : `from [DEFAULT] in ${pathFrom(model, found.model)}`;
  return found.model === model ? undefined : `set in ${pathFrom(model, found.model)}`;
}

/** whereFrom in brackets after the value, or nothing for the section's own line. */
export function writtenWhere(model: ConfigModel, found: EntryIn): string {
  const where = whereFrom(model, found);
  return where === undefined ? '' : ` (${where})`;
}

/** The entry is a line of the section itself in the analysed file (not [DEFAULT]'s, nor another file's). */
export const ownLine = (model: ConfigModel, section: ConfigSection, found: EntryIn | undefined): boolean =>
  found !== undefined && found.model === model && section.entries.get(found.entry.key) === found.entry;

const run = new WeakMap<object, readonly Program[]>();

/**
 * The analysed file's programs but those whose command= a file read after it replaces: supervisord runs the command of
 * the last file that sets it, so the rules about a command judge it there. The model's own list when none is (nearly
 * always), so that what is worked out per program list is worked out once.
 */
export function programsRun(context: MergedContext): readonly Program[] {
  const { programs } = context.model;
  if (context.singleFile) return programs;
  let found = run.get(context);
  if (!found) {
    const replaced = new Set(programs.filter((program) => setByLaterCopy(context, program.section, 'command')));
    run.set(context, (found = replaced.size === 0 ? programs : programs.filter((program) => !replaced.has(program))));
  }
  return found;
}

/**
 * How many processes supervisord starts for a program of the analysed file: the numprocs of its merged section (`count`,
 * when the caller has read it), expanded when it names ENV_X with what [supervisord] environment= sets (the main
 * config's, for a conf.d file).
 */
export function processCount(
  context: MergedContext & Pick<RuleContext, 'firstSection'>,
  program: Program,
  count = entryRead(context, program.section, 'numprocs'),
): number {
  if (count === undefined) return 1;
  const written = count.entry.value;
  // The model counted its own line already (with its own file's environment, which a conf.d file lacks).
  if (count.model === context.model && !written.includes('%')) return program.numprocs;
  const main = context.firstSection('supervisord');
  return Math.max(numprocsValue(written, program, main && supervisordEnvironment(main.model)), 0);
}

/**
 * supervisord starts no process of the program (numprocs=0 in its merged section: an override file may set it, or
 * lift the file's own numprocs=0), so it never reads its command.
 */
export function runsNoProcess(context: MergedContext & Pick<RuleContext, 'firstSection'>, program: Program): boolean {
  // A file alone counted its own line, with its own environment.
  return context.singleFile ? program.numprocs <= 0 : processCount(context, program) <= 0;
}

/**
 * The loader never reads `key` in `section` of the analysed file: a key it reads once per process, in a program that
 * another file's copy of the section leaves without processes (numprocs=0). The file's own numprocs=0 is its reading's
 * already (sectionValues.ts reads no such key then).
 */
export function unreadWithoutProcesses(
  context: MergedContext & Pick<RuleContext, 'firstSection'>,
  section: ConfigSection,
  key: KeySchema,
): boolean {
  if (context.singleFile || !readOnlyPerProcess(key) || !context.hasCopies(section.name)) return false;
  const program = context.model.programOf(section);
  return program !== undefined && program.numprocs > 0 && runsNoProcess(context, program);
}
