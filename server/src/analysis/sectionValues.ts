// Which keys the loader reads in each section of a model, and the value it reads for each: the entry (the
// section's own or [DEFAULT]'s) with the key's schema and its value after `%(name)s` expansion.
import type { Entry, Section } from '../parser';
import { sectionSchema, type KeySchema, type SectionSchema } from '../schema';
import type { ConfigModel, ConfigSection } from './model';
import { parsePythonInt } from './pythonInt';
import { resolveValue, type ExpansionContext, type ResolvedValue } from './resolveValue';

export interface ReadValue {
  section: ConfigSection;
  key: KeySchema;
  entry: Entry;
  /**
   * The value the loader reads, expanded; undefined when it depends on the server or cannot be expanded. Rules ask
   * this of every value, so it is read without making an object.
   */
  readonly value: string | undefined;
  /** What expanding it gave: only for a value with a `%` of a key the loader expands (the rest are read as written). */
  readonly expansion: ResolvedValue | undefined;
  readonly resolved: ResolvedValue;
}

/**
 * A value the loader reads. Most values hold no `%` and are read as written: their resolved value is made when a
 * rule asks (a short-lived object), not kept for each of the 140 000 values of a 10 000-program file.
 */
class Read implements ReadValue {
  constructor(
    readonly section: ConfigSection,
    readonly key: KeySchema,
    readonly entry: Entry,
    readonly expansion: ResolvedValue | undefined,
  ) {}

  get value(): string | undefined {
    const expansion = this.expansion;
    if (expansion === undefined) return this.entry.value;
    return expansion.kind === 'value' ? expansion.value : undefined;
  }

  get resolved(): ResolvedValue {
    return this.expansion ?? { kind: 'value', value: this.entry.value };
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
  values: ReadValue[];
  unknownKeys: UnknownKey[];
}

const cache = new WeakMap<ConfigModel, Reading>();
/** Each schema's key names with their place in the schema's list. */
const keyIndexes = new WeakMap<SectionSchema, Map<string, number>>();
/** What keysPresent found by schema position, all clear between calls (reused: it runs once per section). */
let found: (Entry | undefined)[] = [];

/**
 * Puts the entries of `nodes` whose key the schema knows at their key's schema position, widening `span` to cover
 * them; the others go to `unknown` when given.
 */
function place(nodes: readonly Section[], indexes: ReadonlyMap<string, number>, span: [number, number], unknown?: Entry[]): void {
  for (let n = 0; n < nodes.length; n++) {
    const entries = nodes[n].entries;
    for (let i = 0; i < entries.length; i++) {
      const index = indexes.get(entries[i].key);
      if (index === undefined) {
        unknown?.push(entries[i]);
        continue;
      }
      // A later entry of the same key wins, as the loader's merge of the section keeps the last one.
      found[index] = entries[i];
      if (index < span[0]) span[0] = index;
      if (index > span[1]) span[1] = index;
    }
  }
}

/**
 * Calls `read` with each schema key a section sets itself or through [DEFAULT] and the entry the loader reads for it
 * (the section's own before [DEFAULT]'s), in schema order: a section sets a dozen of the forty keys its schema knows,
 * so this looks at what is written instead of every key the schema lists. The section's own entries of keys the
 * schema lacks go to `unknown` when given.
 */
function keysPresent(
  defaults: ConfigSection | undefined,
  section: ConfigSection,
  schema: SectionSchema,
  read: (key: KeySchema, entry: Entry) => void,
  unknown?: Entry[],
): void {
  let indexes = keyIndexes.get(schema);
  if (!indexes) keyIndexes.set(schema, (indexes = new Map(schema.keys.map((key, index) => [key.name, index]))));
  if (found.length < schema.keys.length) found = new Array<Entry | undefined>(schema.keys.length).fill(undefined);
  const span: [number, number] = [schema.keys.length, -1];
  // [DEFAULT]'s first, so that the section's own entries replace them.
  if (defaults) place(defaults.nodes, indexes, span);
  place(section.nodes, indexes, span, unknown);
  for (let index = span[0]; index <= span[1]; index++) {
    const entry = found[index];
    if (entry === undefined) continue;
    found[index] = undefined;
    read(schema.keys[index], entry);
  }
}

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

function contextOf(model: ConfigModel, section: ConfigSection, hereEverywhere: boolean): ExpansionContext {
  const program = model.programOf(section);
  if (!program) return { hereEverywhere };
  const start = parsePythonInt(model.lookup(section, 'numprocs_start')?.value ?? '0') ?? 0;
  return { hereEverywhere, programName: program.name, groupName: program.groupName, processNum: start, numprocs: program.numprocs };
}

/** Every value the loader reads from this model, in section order (memoised per model). */
export function readValues(model: ConfigModel): ReadValue[] {
  return reading(model).values;
}

/**
 * The keys written in a known section that its schema lacks, in section order: found while the values are read
 * (memoised per model), so no rule looks every key up again.
 */
export function unknownKeys(model: ConfigModel): readonly UnknownKey[] {
  return reading(model).unknownKeys;
}

function reading(model: ConfigModel): Reading {
  const cached = cache.get(model);
  if (cached) return cached;
  const values: ReadValue[] = [];
  const unknownKeys: UnknownKey[] = [];
  const unknown: Entry[] = [];
  // A fragment is only ever read through an [include], which replaces %(here)s everywhere first.
  const hereEverywhere = model.isFragment || model.section('include') !== undefined;
  const defaults = model.section('DEFAULT');
  const known = knownSections(model);
  for (let k = 0; k < known.length; k++) {
    const { section, schema } = known[k];
    const numprocs = model.programOf(section)?.numprocs;
    // Per-process keys are read once per process: with numprocs <= 0 they are never read.
    const perProcessRead = numprocs === undefined || numprocs > 0;
    let context: ExpansionContext | undefined; // made for the first value with a `%`
    const read = (key: KeySchema, entry: Entry) => {
      if (!perProcessRead && key.expansions?.includes('process_num')) return;
      const expanded =
        key.expansions && entry.value.includes('%')
          ? resolveValue(entry.value, key.expansions, (context ??= contextOf(model, section, hereEverywhere)))
          : undefined;
      values.push(new Read(section, key, entry, expanded));
    };
    keysPresent(defaults, section, schema, read, schema.openKeys ? undefined : unknown);
    if (unknown.length === 0) continue;
    for (const entry of unknown) unknownKeys.push({ section, schema, entry });
    unknown.length = 0;
  }
  const result = { values, unknownKeys };
  cache.set(model, result);
  return result;
}
