// The sections of a config as the loader merges them. Most sections have one header and set each key once: their
// entries are read from the parser's own list, through a map of where each key stands that every section writing the
// same keys in the same order shares, and only a repeated header or a key that may repeat gets a map by key, as the
// loader keeps. A map for every section was 500 bytes each for the young generation to copy, and filling it one of the
// costliest steps of building a model.
import type { Entry, Section } from '../parser';
import type { ConfigSection, Program } from './model';
import { SharedPlaces } from '../util/sharedPlaces';

/** A section's entries by key, the last value of a repeated key winning, in the order the keys first appear. */
export interface SectionEntries extends Iterable<[string, Entry]> {
  get(key: string): Entry | undefined;
  has(key: string): boolean;
  values(): IterableIterator<Entry>;
  readonly size: number;
}

/** A section that is its own entries, and reads its name from its first header: one small object per section. */
class ModelSection implements ConfigSection, SectionEntries {
  /** The program it defines in the model that holds it: a model taking the section over sets its own. */
  program: Program | undefined = undefined;
  /** Where each key of the lone header stands, looked up when a key is first asked (see SharedPlaces). */
  private places: ReadonlyMap<string, number> | undefined = undefined;

  constructor(
    readonly nodes: Section[],
    /** The entries by key, when a key may repeat or there are several headers; else the one header's list is read. */
    private readonly byKey: Map<string, Entry> | undefined,
  ) {}

  get name(): string {
    return this.nodes[0].name;
  }

  get kind(): string {
    return this.nodes[0].kind;
  }

  get arg(): string | undefined {
    return this.nodes[0].arg;
  }

  get entries(): SectionEntries {
    return this;
  }

  get(key: string): Entry | undefined {
    if (this.byKey !== undefined) return this.byKey.get(key);
    const entries = this.nodes[0].entries;
    const at = (this.places ??= KEY_PLACES.of(entries)).get(key);
    return at === undefined ? undefined : entries[at];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  values(): IterableIterator<Entry> {
    return this.byKey?.values() ?? this.nodes[0].entries.values();
  }

  get size(): number {
    return this.byKey?.size ?? this.nodes[0].entries.length;
  }

  [Symbol.iterator](): IterableIterator<[string, Entry]> {
    return this.byKey?.entries() ?? this.nodes[0].entries.map((entry): [string, Entry] => [entry.key, entry]).values();
  }

  /** Adds a header of its name: to this section when it was made with several (so by this model), else to a new one. */
  merge(node: Section): ModelSection {
    if (this.nodes.length > 1) {
      this.nodes.push(node);
      setAll(this.byKey!, node.entries);
      return this;
    }
    const byKey = new Map<string, Entry>();
    setAll(byKey, this.nodes[0].entries);
    setAll(byKey, node.entries);
    return new ModelSection([this.nodes[0], node], byKey);
  }
}

/** Where each key stands in a lone header's entries (keys the parser saw repeat go to a map by key instead). */
const KEY_PLACES = new SharedPlaces<Entry>((entry) => entry.key);

function setAll(byKey: Map<string, Entry>, entries: readonly Entry[]): void {
  for (let i = 0; i < entries.length; i++) byKey.set(entries[i].key, entries[i]);
}

function loneSection(node: Section): ModelSection {
  let byKey: Map<string, Entry> | undefined;
  if (!node.distinctKeys) setAll((byKey = new Map()), node.entries);
  return new ModelSection([node], byKey);
}

/**
 * The sections as the loader merges them, by name, in the order of their first header. A lone header the parser kept
 * (same object, same entries) takes over the section of its name of the file's previous version (`earlier`), as long
 * as no other header of its name appears.
 */
export function mergeSections(
  nodes: readonly Section[],
  earlier?: (name: string) => ConfigSection | undefined,
): Map<string, ConfigSection> {
  const byName = new Map<string, ModelSection>();
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const section = byName.get(node.name);
    if (section) {
      byName.set(node.name, section.merge(node));
      continue;
    }
    const kept = earlier?.(node.name);
    const reused = kept instanceof ModelSection && kept.nodes.length === 1 && kept.nodes[0] === node;
    byName.set(node.name, reused ? kept : loneSection(node));
  }
  return byName;
}

/** The program a section defines in the model being built (see ModelSection.program). */
export function setProgramOf(section: ConfigSection, program: Program): void {
  (section as ModelSection).program = program;
}

/** The program a section defines in the model that holds it. */
export const programOf = (section: ConfigSection): Program | undefined => (section as ModelSection).program;
