// Which keys the loader reads in each section of a model, and the value it reads for each: the entry (the
// section's own or [DEFAULT]'s) with the key's schema and its value after `%(name)s` expansion.
import type { Entry } from '../parser';
import { keySchema, sectionSchema, type KeySchema, type SectionSchema } from '../schema';
import type { ConfigModel, ConfigSection } from './model';
import { parsePythonInt } from './pythonInt';
import { resolveValue, type ExpansionContext, type ResolvedValue } from './resolveValue';

export interface ReadValue {
  section: ConfigSection;
  schema: SectionSchema;
  key: KeySchema;
  entry: Entry;
  resolved: ResolvedValue;
}

export interface KnownSection {
  section: ConfigSection;
  schema: SectionSchema;
}

const cache = new WeakMap<ConfigModel, ReadValue[]>();
const schemaOrder = new WeakMap<SectionSchema, Map<KeySchema, number>>();

/**
 * The schema keys a section sets itself or through [DEFAULT], in schema order: a section sets a dozen of the forty
 * keys its schema knows, so this looks up what is written instead of every key the schema lists.
 */
function keysPresent(model: ConfigModel, section: ConfigSection, schema: SectionSchema): KeySchema[] {
  let order = schemaOrder.get(schema);
  if (!order) schemaOrder.set(schema, (order = new Map(schema.keys.map((key, index) => [key, index]))));
  const found = new Set<KeySchema>();
  for (const entries of [section.entries, model.section('DEFAULT')?.entries]) {
    for (const name of entries?.keys() ?? []) {
      const key = keySchema(schema, name);
      if (key) found.add(key);
    }
  }
  return [...found].sort((a, b) => order.get(a)! - order.get(b)!);
}

/** Sections whose name the loader recognises, with their schema. */
export function knownSections(model: ConfigModel): KnownSection[] {
  return model.sections.flatMap((section) => {
    const schema = section.name === 'DEFAULT' ? undefined : sectionSchema(section.name);
    return schema ? [{ section, schema }] : [];
  });
}

function contextOf(model: ConfigModel, section: ConfigSection): ExpansionContext {
  // A fragment is only ever read through an [include], which replaces %(here)s everywhere first.
  const hereEverywhere = model.isFragment || model.section('include') !== undefined;
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
  for (const { section, schema } of knownSections(model)) {
    const context = contextOf(model, section);
    // Per-process keys are read once per process: with numprocs <= 0 they are never read.
    const perProcessRead = context.numprocs === undefined || context.numprocs > 0;
    for (const key of keysPresent(model, section, schema)) {
      const entry = model.lookup(section, key.name);
      if (!entry) continue;
      if (!perProcessRead && key.expansions?.includes('process_num')) continue;
      const resolved: ResolvedValue = key.expansions
        ? resolveValue(entry.value, key.expansions, context)
        : { kind: 'value', value: entry.value };
      values.push({ section, schema, key, entry, resolved });
    }
  }
  cache.set(model, values);
  return values;
}
