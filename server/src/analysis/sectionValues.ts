// Which keys the loader reads in each section of a model, and the value it reads for each: the entry (the
// section's own or [DEFAULT]'s) with the key's schema and its value after `%(name)s` expansion.
import type { Entry } from '../parser';
import { sectionSchema, type KeySchema, type SectionSchema } from '../schema';
import type { ConfigModel, ConfigSection } from './model';
import { parsePythonInt } from './pythonInt';
import { resolveValue, type ExpansionContext, type ResolvedValue } from './resolveValue';

export interface ReadValue {
  section: ConfigSection;
  key: KeySchema;
  entry: Entry;
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
    private readonly expanded: ResolvedValue | undefined,
  ) {}

  get resolved(): ResolvedValue {
    return this.expanded ?? { kind: 'value', value: this.entry.value };
  }
}

export interface KnownSection {
  section: ConfigSection;
  schema: SectionSchema;
}

const cache = new WeakMap<ConfigModel, ReadValue[]>();
/** Each schema's key names with their place in the schema's list. */
const keyIndexes = new WeakMap<SectionSchema, Map<string, number>>();
/** keysPresent's marks by schema position, all clear between calls (reused: it runs once per section). */
let marks = new Uint8Array(64);

/**
 * The schema keys a section sets itself or through [DEFAULT], in schema order: a section sets a dozen of the forty
 * keys its schema knows, so this looks up what is written instead of every key the schema lists.
 */
function keysPresent(defaults: ConfigSection | undefined, section: ConfigSection, schema: SectionSchema): KeySchema[] {
  let indexes = keyIndexes.get(schema);
  if (!indexes) keyIndexes.set(schema, (indexes = new Map(schema.keys.map((key, index) => [key.name, index]))));
  if (marks.length < schema.keys.length) marks = new Uint8Array(schema.keys.length);
  let first = schema.keys.length;
  let last = -1;
  // A key set both in the section and in [DEFAULT] is marked twice and read once.
  const mark = (name: string) => {
    const index = indexes.get(name);
    if (index === undefined) return;
    marks[index] = 1;
    first = Math.min(first, index);
    last = Math.max(last, index);
  };
  // The entries as written (the map's keys are theirs) by index: this runs once per analysis, mostly before V8
  // optimises it, and iterating a map then allocates per step.
  for (const written of defaults ? [section, defaults] : [section])
    for (const node of written.nodes) for (let i = 0; i < node.entries.length; i++) mark(node.entries[i].key);
  const keys: KeySchema[] = [];
  for (let index = first; index <= last; index++) {
    if (!marks[index]) continue;
    marks[index] = 0;
    keys.push(schema.keys[index]);
  }
  return keys;
}

const knownOf = new WeakMap<ConfigModel, readonly KnownSection[]>();

/** Sections whose name the loader recognises, with their schema (memoised per model: several rules ask). */
export function knownSections(model: ConfigModel): readonly KnownSection[] {
  let known = knownOf.get(model);
  if (!known) {
    known = model.sections.flatMap((section) => {
      const schema = section.name === 'DEFAULT' ? undefined : sectionSchema(section.name);
      return schema ? [{ section, schema }] : [];
    });
    knownOf.set(model, known);
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
  const cached = cache.get(model);
  if (cached) return cached;
  const values: ReadValue[] = [];
  // A fragment is only ever read through an [include], which replaces %(here)s everywhere first.
  const hereEverywhere = model.isFragment || model.section('include') !== undefined;
  const defaults = model.section('DEFAULT');
  for (const { section, schema } of knownSections(model)) {
    const numprocs = model.programOf(section)?.numprocs;
    // Per-process keys are read once per process: with numprocs <= 0 they are never read.
    const perProcessRead = numprocs === undefined || numprocs > 0;
    let context: ExpansionContext | undefined; // made for the first value with a `%`
    for (const key of keysPresent(defaults, section, schema)) {
      const entry = model.lookup(section, key.name);
      if (!entry) continue;
      if (!perProcessRead && key.expansions?.includes('process_num')) continue;
      const expanded =
        key.expansions && entry.value.includes('%')
          ? resolveValue(entry.value, key.expansions, (context ??= contextOf(model, section, hereEverywhere)))
          : undefined;
      values.push(new Read(section, key, entry, expanded));
    }
  }
  cache.set(model, values);
  return values;
}
