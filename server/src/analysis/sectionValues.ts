// Which keys the loader reads in each section of a model, and the value it reads for each: the entry (the
// section's own or [DEFAULT]'s) with the key's schema and its value after `%(name)s` expansion.
import type { Entry, Section } from '../parser';
import { keySchema, passedOnKeySchema, sectionSchema, type ExpansionName, type KeySchema, type SectionSchema } from '../schema';
import type { ConfigModel, ConfigSection, Program } from './model';
import { parsePythonInt } from './pythonInt';
import {
  beforeExpansion,
  expandKnown,
  hereOf,
  KnownNames,
  resolveEachName,
  resolveValue,
  type ExpansionContext,
  type ResolvedValue,
} from './resolveValue';
import { entryEnvironmentPairs, parseEnvironmentPairs, type EnvironmentParse } from './environmentPairs';
import { keepShape } from '../util/keepShape';

/**
 * What expanding a value read gave. The text it expands to is the value's column, so a value that expands makes no
 * object of its own: 20,000 of the 140,000 values of a 10,000-program file have a `%`.
 */
export type ReadExpansion = (Exclude<ResolvedValue, { kind: 'value' }> & { secondPass?: true }) | { readonly kind: 'value' };
const EXPANDED: ReadExpansion = { kind: 'value' };

/**
 * The values the loader reads from a model, in section order, as columns: value `i` is the one key `keys[i]` reads
 * from `entries[i]`. No object is made per value: a 10 000-program file has 140 000 of them.
 */
export class ValuesRead {
  readonly keys: KeySchema[];
  readonly entries: Entry[];
  /**
   * By value: what the loader reads, expanded (as written for a key it checks before expanding, see SchemaKeys);
   * undefined when it depends on the server or cannot be expanded.
   */
  readonly values: (string | undefined)[];
  /** How many values are read so far; the columns are cut to it when reading ends. */
  count = 0;
  /**
   * The positions of the values with a `%` of a key the loader expands, in order, and what expanding each gave (the
   * rest are read as written): all that the rules about `%` look at.
   */
  readonly expanded: number[] = [];
  readonly expansions: ReadExpansion[] = [];
  /** Each section read and the position of its first value: one pair per section, not a column per value. */
  private readonly sections: ConfigSection[] = [];
  private readonly starts: number[] = [];

  /**
   * `capacity`: at most how many values will be read. The columns are made at that size (filled, so that storing an
   * object changes no array's kind): grown a push at a time, each was copied a dozen times (10 MB of copies over
   * 10,000 programs).
   */
  constructor(capacity: number) {
    this.keys = new Array<KeySchema>(capacity).fill(undefined!);
    this.entries = new Array<Entry>(capacity).fill(undefined!);
    this.values = new Array<string | undefined>(capacity).fill(undefined);
  }

  /** Cuts the columns to the values read. */
  end(): void {
    this.keys.length = this.entries.length = this.values.length = this.count;
  }

  /** Calls `visit` with each section read, in order, and the span [start, end) of its values. */
  forEachSection(visit: (section: ConfigSection, start: number, end: number) => void): void {
    const { sections, starts } = this;
    for (let k = 0; k < starts.length; k++) visit(sections[k], starts[k], k + 1 < starts.length ? starts[k + 1] : this.count);
  }

  /** The section value `i` is read in. */
  sectionOf(i: number): ConfigSection {
    // The last section starting at or before `i` (one without values starts where the next one does).
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= i) low = middle;
      else high = middle - 1;
    }
    return this.sections[low];
  }

  startSection(section: ConfigSection): void {
    // Stored at the end rather than pushed: the optimised push of an array seen empty (a fresh array of small
    // integers) deoptimises when the model's first object arrives, once for every model.
    this.sections[this.starts.length] = section;
    this.starts.push(this.count);
  }
}

export interface KnownSection {
  section: ConfigSection;
  schema: SectionSchema;
}

/** A key written in a section whose schema does not have it (sections whose keys are open, such as plugins', aside). */
export interface UnknownKey {
  section: ConfigSection;
  schema: SectionSchema;
  entry: Entry;
}

/** What reading a model's sections finds: the values the loader reads, and the keys it ignores. */
interface Reading {
  values: ValuesRead;
  unknownKeys: UnknownKey[];
  /** What [supervisord]'s environment= sets (see configuredEnvironment). */
  environment: ReadonlyMap<string, string> | undefined;
}

const cache = new WeakMap<ConfigModel, Reading>();

/**
 * Each key's place in a schema's list (-1 for a key it lacks), found by name. Sections of a kind mostly write their
 * keys in the same order, and the parser gives every entry of a spelling one key string: the key met at the same
 * position last time is compared (a pointer when it is the same) before the map is asked.
 */
class Places {
  private readonly keys: string[] = [];
  private readonly places: number[] = [];

  constructor(private readonly indexes: ReadonlyMap<string, number>) {}

  of(key: string, position: number): number {
    if (this.keys[position] === key) return this.places[position];
    const place = this.indexes.get(key) ?? -1;
    this.keys[position] = key;
    this.places[position] = place;
    return place;
  }
}

const PROGRAM_SCHEMA = sectionSchema('program:x')!;

/** The schema the loader reads a section with: a [group:x] takes an fcgi-program in as a plain program (no socket). */
export function schemaReadFor(schema: SectionSchema, program: Program | undefined): SectionSchema {
  return schema.kind === 'fcgi-program' && program?.inGroup ? PROGRAM_SCHEMA : schema;
}

/**
 * The loader reads the key once per process of its program (its value may use process_num), so never when the program
 * has none (numprocs <= 0); a key it checks as written before expanding it per process is read either way.
 */
export const readOnlyPerProcess = (key: KeySchema): boolean =>
  key.checkedAsWritten !== true && key.expansions?.includes('process_num') === true;

/** What reading a schema's keys needs, worked out once per schema. */
class SchemaKeys {
  /** Each key's place in the schema's list, by name. */
  readonly indexes = new Map<string, number>();
  /** The places of a section's own keys, and of [DEFAULT]'s (two, so that neither order displaces the other). */
  readonly own = new Places(this.indexes);
  readonly defaults = new Places(this.indexes);
  /** By place: the names a key's value may use when the loader expands it (undefined: read as written). */
  readonly expansions: (readonly ExpansionName[] | undefined)[] = [];
  /** By place: the key is read once per process (it may use process_num), so never when numprocs <= 0. */
  readonly perProcess: boolean[] = [];
  /**
   * By place: the loader checks the value as written (so that is the value read) and expands it only per process, so
   * never when numprocs <= 0.
   */
  readonly checkedAsWritten: boolean[] = [];
  /** By place: the names of the loader's second expansion of the value; undefined when it expands it once. */
  readonly expandedAgain: (readonly ExpansionName[] | undefined)[] = [];
  /** By place: an fcgi-program's own key (its socket's), which the loader skips when it reads the section as a program. */
  readonly socketOnly: boolean[] = [];
  /**
   * By place: the key is read in the loader's loop over the processes, after the program's own environment=, whose
   * variables its value may then name as ENV_X.
   */
  readonly afterProgramEnvironment: boolean[] = [];
  /** The place of numprocs_start, whose value is process_num's (undefined in sections without it). */
  readonly numprocsStart: number | undefined;
  /** The place of a program's environment= (undefined in sections without it). */
  readonly environment: number | undefined;

  constructor(schema: SectionSchema) {
    for (let index = 0; index < schema.keys.length; index++) {
      const key = schema.keys[index];
      this.indexes.set(key.name, index);
      this.expansions.push(key.expansions);
      const asWritten = key.checkedAsWritten === true;
      const readPerProcess = key.expansions?.includes('process_num') ?? false;
      this.perProcess.push(readOnlyPerProcess(key));
      this.afterProgramEnvironment.push(readPerProcess && key.name !== 'environment');
      this.checkedAsWritten.push(asWritten);
      this.expandedAgain.push(secondExpansions(key));
      this.socketOnly.push(schema.kind === 'fcgi-program' && keySchema(PROGRAM_SCHEMA, key.name) === undefined);
    }
    this.numprocsStart = this.indexes.get('numprocs_start');
    this.environment = schema.kind === 'supervisord' ? undefined : this.indexes.get('environment');
  }
}

const schemaKeys = new WeakMap<SectionSchema, SchemaKeys>();
function keysOf(schema: SectionSchema): SchemaKeys {
  let keys = schemaKeys.get(schema);
  if (!keys) schemaKeys.set(schema, (keys = new SchemaKeys(schema)));
  return keys;
}

/**
 * The entries one section sets, by their key's place in its schema: a section sets a dozen of the forty keys its
 * schema knows, so reading looks at what is written instead of every key the schema lists. Reused section after
 * section, and all clear between them.
 */
class Slots {
  entries: (Entry | undefined)[] = [];
  /** The span of places filled. */
  low = 0;
  high = -1;

  /** Empties the span for a schema of `size` keys. */
  clear(size: number): void {
    if (this.entries.length < size) this.entries = new Array<Entry | undefined>(size).fill(undefined);
    this.low = size;
    this.high = -1;
  }

  /** Puts the entries of `nodes` whose key the schema knows at their place; the others go to `unknown` when given. */
  place(nodes: readonly Section[], places: Places, unknown?: Entry[]): void {
    const slots = this.entries;
    let { low, high } = this;
    let position = 0;
    for (let n = 0; n < nodes.length; n++) {
      const entries = nodes[n].entries;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        const index = places.of(entry.key, position++);
        if (index === -1) {
          unknown?.push(entry);
          continue;
        }
        // A later entry of the same key wins, as the loader's merge of the section keeps the last one.
        slots[index] = entry;
        if (index < low) low = index;
        if (index > high) high = index;
      }
    }
    this.low = low;
    this.high = high;
  }
}
const slots = new Slots();

const knownOf = new WeakMap<ConfigModel, readonly KnownSection[]>();

/** Sections whose name the loader recognises, with their schema (memoised per model: several rules ask). */
export function knownSections(model: ConfigModel): readonly KnownSection[] {
  let known = knownOf.get(model);
  if (!known) {
    const found: KnownSection[] = [];
    for (let i = 0; i < model.sections.length; i++) {
      const section = model.sections[i];
      const schema = section.name === 'DEFAULT' ? undefined : sectionSchema(section.name);
      if (schema) found.push({ section, schema });
    }
    knownOf.set(model, (known = found));
  }
  return known;
}

/** Sections only supervisorctl reads. */
const READ_BY_SUPERVISORCTL = new Set(['supervisorctl', 'ctlplugin']);
/**
 * Sections supervisord reads after [supervisord]'s environment=, whose ENV_X it extends (read_config: the plugins,
 * the process groups, then the HTTP servers).
 */
const READ_AFTER_ENVIRONMENT = new Set([
  'rpcinterface',
  'program',
  'fcgi-program',
  'eventlistener',
  'group',
  'unix_http_server',
  'inet_http_server',
]);

/**
 * The names a section's values may use, set for one section after another: one context and one lookup of names for
 * a whole reading, rather than objects made for each section and value.
 */
class SectionNames {
  readonly context: ExpansionContext;
  readonly names: KnownNames;
  /** The section the context is set for. */
  private section: ConfigSection | undefined = undefined;
  /** The ENV_X its keys may name, and those of its keys read after the program's own environment= (see useEnvironment). */
  private sectionEnvironment: ReadonlyMap<string, string> | undefined = undefined;
  private programEnvironment: ReadonlyMap<string, string> | undefined | typeof NOT_READ = NOT_READ;

  /**
   * `hereEverywhere`: supervisord's parser writes `%(here)s` out in every value of the file (it has [include], or is
   * included). `fragment`: the file is included, so supervisorctl never reads it. `here`: the directory `%(here)s`
   * stands for, when known.
   */
  constructor(
    private readonly hereEverywhere: boolean,
    private readonly fragment: boolean,
    private readonly environment: ReadonlyMap<string, string> | undefined,
    here: string | undefined,
  ) {
    // Every field set from the start, so that the context keeps one shape.
    this.context = {
      hereEverywhere,
      here,
      programName: undefined,
      groupName: undefined,
      processNum: undefined,
      numprocs: undefined,
      environment: undefined,
    };
    this.names = new KnownNames([], this.context);
  }

  /** Sets the context for `section` (once per section, at its first value with a `%`). */
  enter(section: ConfigSection, program: Program | undefined, numprocsStart: Entry | undefined): void {
    if (section === this.section) return;
    this.section = section;
    const { context } = this;
    // supervisorctl reads its sections from the file as written, without that rewriting.
    context.hereEverywhere = this.hereEverywhere && (this.fragment || !READ_BY_SUPERVISORCTL.has(section.kind));
    context.programName = program?.name;
    context.groupName = program?.groupName;
    context.processNum = program && (parsePythonInt(numprocsStart?.value ?? '0') ?? 0);
    context.numprocs = program?.numprocs;
    context.environment = this.sectionEnvironment = READ_AFTER_ENVIRONMENT.has(section.kind) ? this.environment : undefined;
    this.programEnvironment = NOT_READ;
  }

  /**
   * Sets the ENV_X for the next value: for a key read after the program's own environment= (`own`, whose value may use
   * `expansions`), with that environment's variables as the section's first process reads them.
   */
  useEnvironment(own: Entry | undefined, expansions: readonly ExpansionName[] | undefined): void {
    const { context } = this;
    context.environment = this.sectionEnvironment;
    if (own === undefined) return;
    if (this.programEnvironment === NOT_READ) this.programEnvironment = withOwnEnvironment(own, expansions ?? [], context);
    context.environment = this.programEnvironment;
  }
}
keepShape(new SectionNames(false, false, undefined, undefined));

const NOT_READ = Symbol('not read');

/**
 * The ENV_X of a program's keys read in the loader's loop over its processes: the ones before (the context's), with the
 * pairs of its environment= as its first process expands it added over them (processes_from_section adds each pair to
 * the names of every key it reads after). Undefined when that environment= depends on the server or does not parse:
 * then no ENV_X is known there.
 */
function withOwnEnvironment(
  entry: Entry,
  expansions: readonly ExpansionName[],
  context: ExpansionContext,
): ReadonlyMap<string, string> | undefined {
  const pairs = ownVariables(entry, expansions, context);
  if (pairs === undefined) return undefined;
  return pairs.length === 0 ? context.environment : merged(context.environment, pairs);
}

/** The pairs of a program's environment= as its first process reads them; undefined when that cannot be known here. */
function ownVariables(entry: Entry, expansions: readonly ExpansionName[], context: ExpansionContext): Pairs | undefined {
  let parsed: EnvironmentParse;
  if (entry.value.indexOf('%') === -1) parsed = entryEnvironmentPairs(entry);
  else {
    const expanded = resolveValue(entry.value, expansions, context);
    if (expanded.kind !== 'value') return undefined;
    parsed = parseEnvironmentPairs(expanded.value);
  }
  return parsed.ok ? parsed.pairs : undefined;
}

/** The last merge made: programs one after the other mostly write one environment= line, which parses to one object. */
let lastMerge: { base: ReadonlyMap<string, string> | undefined; pairs: Pairs; merged: ReadonlyMap<string, string> } | undefined;
type Pairs = readonly { readonly key: string; readonly value: string }[];

function merged(base: ReadonlyMap<string, string> | undefined, pairs: Pairs): ReadonlyMap<string, string> {
  if (lastMerge !== undefined && lastMerge.base === base && lastMerge.pairs === pairs) return lastMerge.merged;
  const map = new Map(base);
  for (const { key, value } of pairs) map.set(key, value);
  lastMerge = { base, pairs, merged: map };
  return map;
}

/**
 * The value this file gives environment variable `name` where `key` of `section` names it as ENV_X, and the section
 * whose environment= sets it: [supervisord]'s for the sections supervisord reads after it, and, for a program's key
 * read for each process, the program's own first. Undefined when the server's environment decides.
 */
export function configuredVariable(
  model: ConfigModel,
  section: ConfigSection,
  key: string,
  name: string,
): { value: string; setBy: string } | undefined {
  const { environment } = reading(model);
  const schema = sectionSchema(section.name);
  const keys = schema && keysOf(schema);
  const place = keys?.indexes.get(key);
  const program = model.programOf(section);
  const own = keys?.environment === undefined ? undefined : model.lookup(section, 'environment');
  if (program && own && place !== undefined && keys!.afterProgramEnvironment[place]) {
    const names = sectionNamesFor(model, environment);
    names.enter(section, program, model.lookup(section, 'numprocs_start'));
    const pairs = ownVariables(own, keys!.expansions[keys!.environment!] ?? [], names.context);
    if (pairs === undefined) return undefined;
    const pair = pairs.findLast((p) => p.key === name);
    if (pair) return { value: pair.value, setBy: section.entries.get('environment') === own ? section.name : 'DEFAULT' };
  }
  const value = READ_AFTER_ENVIRONMENT.has(section.kind) ? environment?.get(name) : undefined;
  return value === undefined ? undefined : { value, setBy: 'supervisord' };
}

/** Every value the loader reads from this model, in section order (memoised per model). */
export function readValues(model: ConfigModel): ValuesRead {
  return reading(model).values;
}

/**
 * The keys written in a known section that its schema lacks, in section order: found while the values are read
 * (memoised per model), so no rule looks every key up again.
 */
export function unknownKeys(model: ConfigModel): readonly UnknownKey[] {
  return reading(model).unknownKeys;
}

/**
 * Adds to `read` the values of one section, whose entries the slots hold. A function of its own, not a closure per
 * section nor the body of reading's loop: it runs once per value, and a small function is optimised early and once.
 */
function readSection(
  read: ValuesRead,
  model: ConfigModel,
  section: ConfigSection,
  schema: SectionSchema,
  { expansions, perProcess, checkedAsWritten, expandedAgain, socketOnly, numprocsStart, environment, afterProgramEnvironment }: SchemaKeys,
  sectionNames: SectionNames,
): void {
  const { keys, entries, values } = read;
  const found = slots.entries;
  const high = slots.high;
  const program = model.programOf(section);
  // Per-process keys are read once per process: with numprocs <= 0 they are never read.
  const perProcessRead = program === undefined || program.numprocs > 0;
  // A grouped fcgi-program is read as a plain program: no socket.
  const socketRead = program === undefined || !program.inGroup;
  // Looked up before the slots empty: the context needs it at the first value with a `%`.
  const start = numprocsStart === undefined ? undefined : found[numprocsStart];
  const ownEnvironment = environment === undefined ? undefined : found[environment];
  read.startSection(section);
  for (let index = slots.low; index <= high; index++) {
    const entry = found[index];
    if (entry === undefined) continue;
    found[index] = undefined;
    if ((!perProcessRead && perProcess[index]) || (!socketRead && socketOnly[index])) continue;
    // Without processes a value expanded per process is kept as written.
    const allowed = perProcessRead || !checkedAsWritten[index] ? expansions[index] : undefined;
    let value: string | undefined = entry.value;
    if (allowed !== undefined && value.indexOf('%') !== -1) {
      sectionNames.enter(section, program, start);
      sectionNames.useEnvironment(program && afterProgramEnvironment[index] ? ownEnvironment : undefined, expansions[environment!]);
      value = expandRead(read, value, allowed, expandedAgain[index], sectionNames);
      if (checkedAsWritten[index]) value = beforeExpansion(entry.value, sectionNames.context);
    }
    const at = read.count++;
    keys[at] = schema.keys[index];
    entries[at] = entry;
    values[at] = value;
  }
}

/** The names of the loader's second expansion of a key's value; undefined when it expands the value once. */
const secondExpansions = (key: KeySchema) => (key.expandedTwice ? (key.secondExpansions ?? key.expansions) : undefined);

/**
 * The value the loader reads from `written` (which has a `%`) in the section the names are set for, expanded again
 * with `again` when given, its expansion recorded as the next value's; undefined when it depends on the server or
 * cannot be expanded.
 */
function expandRead(
  read: ValuesRead,
  written: string,
  allowed: readonly ExpansionName[],
  again: readonly ExpansionName[] | undefined,
  sectionNames: SectionNames,
): string | undefined {
  const { names } = sectionNames;
  names.allowed = allowed;
  // In one pass when the value names only what the analysis knows (as nearly every value does); otherwise each name
  // is looked at.
  let value = expandKnown(written, names);
  let expansion: ReadExpansion = EXPANDED;
  if (value === undefined) {
    const resolved = resolveEachName(written, allowed, sectionNames.context);
    if (resolved.kind !== 'value') expansion = resolved;
    value = resolved.kind === 'value' ? resolved.value : undefined;
  }
  if (value !== undefined && again !== undefined && value.indexOf('%') !== -1) {
    const second = expandAgain(written, value, again, sectionNames.context);
    value = second.value;
    expansion = second.expansion;
  }
  read.expansions[read.expanded.length] = expansion;
  read.expanded.push(read.count);
  return value;
}

/**
 * Adds to `read` the keys a plugin section passes on to its factory, after its listed ones: [DEFAULT]'s first, then
 * the section's own, a later entry of a key replacing an earlier one (the loader's get_plugins reads every option of
 * the section, [DEFAULT]'s included, and expands each).
 */
function readPassedOn(
  read: ValuesRead,
  section: ConfigSection,
  schema: SectionSchema,
  passed: readonly Entry[],
  sectionNames: SectionNames,
): void {
  const last = new Map<string, Entry>();
  for (const entry of passed) last.set(entry.key, entry);
  for (const entry of last.values()) {
    const key = passedOnKeySchema(schema, entry.key)!;
    let value: string | undefined = entry.value;
    if (key.expansions !== undefined && value.indexOf('%') !== -1) {
      sectionNames.enter(section, undefined, undefined);
      value = expandRead(read, value, key.expansions, secondExpansions(key), sectionNames);
    }
    const at = read.count++;
    read.keys[at] = key;
    read.entries[at] = entry;
    read.values[at] = value;
  }
}

/**
 * The second expansion of a value the loader expands twice ([supervisord] environment), given the first one's result.
 * A failure is placed on the written text: exactly when the first pass only turned `%%` into `%`, else on all of it.
 */
function expandAgain(
  written: string,
  once: string,
  allowed: readonly ExpansionName[],
  context: ExpansionContext,
): { value: string | undefined; expansion: ReadExpansion } {
  const again = resolveEachName(once, allowed, context);
  if (again.kind === 'value') return { value: again.value, expansion: EXPANDED };
  if (again.kind === 'server-dependent') return { value: undefined, expansion: again };
  const literal = !written.includes('%(');
  const start = literal ? writtenOffset(written, again.start) : 0;
  const end = literal ? writtenOffset(written, again.end) : written.length;
  return { value: undefined, expansion: { ...again, start, end, secondPass: true } };
}

/** Where offset `at` of a value's first expansion lies in the value as written, when that expansion only halved `%%`. */
function writtenOffset(written: string, at: number): number {
  let i = 0;
  for (let j = 0; j < at && i < written.length; j++) i += written.startsWith('%%', i) ? 2 : 1;
  return i;
}

const ENVIRONMENT_KEY = keySchema(sectionSchema('supervisord')!, 'environment')!;

const environments = new WeakMap<ConfigModel, ReadonlyMap<string, string> | null>();

/**
 * The variables a model's [supervisord] environment= sets, as the loader reads them (expanded twice, then split into
 * pairs): ENV_X for every section read after it, a conf.d file's too. Undefined without one, or when its value
 * depends on the server or is wrong (every ENV_X then stays the server's). Memoised per model; it reads only
 * [supervisord], so the model's programs may ask while they are made.
 */
export function supervisordEnvironment(model: ConfigModel): ReadonlyMap<string, string> | undefined {
  let environment = environments.get(model);
  if (environment === undefined) environments.set(model, (environment = configuredEnvironment(model) ?? null));
  return environment ?? undefined;
}

function configuredEnvironment(model: ConfigModel): ReadonlyMap<string, string> | undefined {
  const section = model.section('supervisord');
  const entry = section && model.lookup(section, 'environment');
  if (!entry) return undefined;
  const context: ExpansionContext = { hereEverywhere: hereEverywhere(model), here: hereOf(model.path) };
  const once = resolveValue(entry.value, ENVIRONMENT_KEY.expansions!, context);
  if (once.kind !== 'value') return undefined;
  const value = once.value.includes('%')
    ? expandAgain(entry.value, once.value, secondExpansions(ENVIRONMENT_KEY)!, context).value
    : once.value;
  const parsed = value === undefined ? undefined : parseEnvironmentPairs(value);
  return parsed?.ok ? new Map(parsed.pairs.map((pair) => [pair.key, pair.value])) : undefined;
}

/**
 * supervisord's parser writes `%(here)s` out in every value of a file with [include], and of a fragment (only ever read
 * through an [include]).
 */
const hereEverywhere = (model: ConfigModel) => model.isFragment || model.section('include') !== undefined;

/** The names of a model's sections, with what [supervisord]'s environment= sets. */
const sectionNamesFor = (model: ConfigModel, environment: ReadonlyMap<string, string> | undefined) =>
  new SectionNames(hereEverywhere(model), model.isFragment, environment, hereOf(model.path));

/** At most one value per entry a known section writes, plus one per [DEFAULT] entry in each. */
function valuesAtMost(known: readonly KnownSection[], defaults: ConfigSection | undefined): number {
  const perSection = defaults ? entriesIn(defaults) : 0;
  let count = 0;
  for (let k = 0; k < known.length; k++) count += entriesIn(known[k].section) + perSection;
  return count;
}

function entriesIn(section: ConfigSection): number {
  let count = 0;
  for (let n = 0; n < section.nodes.length; n++) count += section.nodes[n].entries.length;
  return count;
}

function reading(model: ConfigModel): Reading {
  const cached = cache.get(model);
  if (cached) return cached;
  const unknownKeys: UnknownKey[] = [];
  const unlisted: Entry[] = [];
  const environment = supervisordEnvironment(model);
  const sectionNames = sectionNamesFor(model, environment);
  const defaults = model.section('DEFAULT');
  const known = knownSections(model);
  const read = new ValuesRead(valuesAtMost(known, defaults));
  let lastSchema: SectionSchema | undefined;
  let keys: SchemaKeys | undefined;
  for (let k = 0; k < known.length; k++) {
    const { section, schema } = known[k];
    // Sections follow each other by kind (a file's programs share one schema): looked up when the schema changes.
    if (keys === undefined || schema !== lastSchema) {
      lastSchema = schema;
      keys = keysOf(schema);
    }
    slots.clear(schema.keys.length);
    // [DEFAULT]'s first, so that the section's own entries replace them. The keys a plugin section does not list, its
    // own and [DEFAULT]'s, are passed on to its factory; elsewhere its own are unknown and [DEFAULT]'s not read.
    const passesOn = schema.passedOn !== undefined;
    if (defaults) slots.place(defaults.nodes, keys.defaults, passesOn ? unlisted : undefined);
    slots.place(section.nodes, keys.own, unlisted);
    readSection(read, model, section, schema, keys, sectionNames);
    if (unlisted.length === 0) continue;
    if (passesOn) readPassedOn(read, section, schema, unlisted, sectionNames);
    else for (const entry of unlisted) unknownKeys.push({ section, schema, entry });
    unlisted.length = 0;
  }
  read.end();
  const result = { values: read, unknownKeys, environment };
  cache.set(model, result);
  return result;
}
