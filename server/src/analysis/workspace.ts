// The configuration a file belongs to: a main config with the files its [include] pulls in, or, for a conf.d
// fragment (or a file with a [supervisord] but no [include], which conf.d files of Docker images are), the main config
// found near it that includes it. One Configuration per main config is shared by all its
// files: its includes globbed and read once, each file modelled once when first asked for, its process index built
// once, until a file of it changes. A fragment's context reads the rest of its configuration when something asks for
// it, and models only what is asked for: most rules judge the fragment alone, and the copies of its sections in other
// files (which supervisord merges), or the other files writing one of its log files, are found by searching the other
// files' texts, so linting one file of a large conf.d models none of the others.
import { posix } from 'node:path';
import { resolveIncludes, type IncludePattern } from './includes';
import { MAX_INCLUDED_FILES, MAX_INCLUDED_TOTAL_BYTES, MAX_INCLUDE_READ_MILLISECONDS } from './limits';
import { mergedPrograms, type ConfigModel, type ConfigSection } from './model';
import { writtenLogFiles } from './logFiles';
import { buildProcessIndex, type ProcessIndex } from './processIndex';
import type { DirectoryReader } from './pythonGlob';
import { now } from '../util/clock';

/** What a source answers for a file it has not loaded yet (the language server loads files before analysing). */
export const NOT_LOADED = 'not-loaded';

export interface ConfigSource extends DirectoryReader {
  /** The text of a file, from an open editor or the disk; undefined when it cannot be read. */
  text(path: string): string | undefined | typeof NOT_LOADED;
  /** The model of that text. */
  model(path: string): ConfigModel | undefined | typeof NOT_LOADED;
  /**
   * Changes whenever an answer of this source may have changed (a file read, changed or forgotten); configurations
   * are reused while it stays the same. Without it, a source never changes.
   */
  generation?(): number;
  /** Where configurations built from this source are kept (and pruned with it); without it, nothing is reused. */
  readonly configurations?: Map<string, Configuration>;
}

/** A main config and every file it includes, as supervisord reads them. */
export interface Configuration {
  readonly main: ConfigModel;
  /** The text of every file read, by path, in reading order: the main config first, then its includes. */
  readonly texts: Map<string, string>;
  /** The models of those files, in the same order (each modelled when first asked for). */
  readonly models: ConfigModel[];
  readonly includes: IncludePattern[];
  /** Every path the include patterns match, read or not. */
  readonly matched: Set<string>;
  /** All names of the configuration are known: no unmatched include, no unresolvable pattern. */
  readonly complete: boolean;
  /** The source's generation it was built at. */
  readonly generation: number;
  processIndex?: ProcessIndex;
  /** The model of the file at this place in reading order (undefined if it can no longer be modelled). */
  modelAt(place: number): ConfigModel | undefined;
  /** The place of a file in reading order (-1: not read). */
  placeOf(path: string): number;
  /** The places in reading order of the files with a section of this name. */
  filesWithSection(name: string): number[];
  /** The sections of this name in reading order, each file's as read: one list, made once, for every file's analysis. */
  sectionsNamed(name: string): readonly SectionFound[];
  /** The places in reading order of the files whose [group:x] sections list this program. */
  filesGrouping(program: string): number[];
  /** The places in reading order of the files whose programs name this log file without `%` (see writtenLogFiles). */
  filesWritingLog(path: string): number[];
}

export interface ConfigContext {
  /** Every model of the configuration, the analysed one first. */
  models: ConfigModel[];
  /** The same in the order supervisord reads the files (a section's copies merge in that order), the analysed file at its place. */
  readonly readingOrder: readonly ConfigModel[];
  /**
   * The first model of `models` with a section of this name, and the section; the configuration's other files are
   * read only when neither the analysed file nor its main config has one.
   */
  firstSection(name: string): SectionFound | undefined;
  /**
   * Every file's section of this name, in the order supervisord reads the files (the analysed file as it is now):
   * the loader merges them all into one section.
   */
  sectionsNamed(name: string): readonly SectionFound[];
  /**
   * Some [group:x] of the configuration lists this program (the analysed file as it is now): the loader then builds
   * it into that group instead of a group of its own, whichever file the [group:x] is in.
   */
  isGrouped(program: string): boolean;
  /** The configuration's other files, in reading order, whose programs name this log file without `%`. */
  filesWritingLog(path: string): Iterable<ConfigModel>;
  /** The include patterns of the main config (empty for a fragment or a config without [include]). */
  includes: IncludePattern[];
  /** The main config that includes the analysed file, when one was found. */
  includer?: string;
  /**
   * The main configs near the file read to find the one that includes it (that one too, when found): an edit to any of
   * them may change the configuration the file belongs to.
   */
  readonly consulted: readonly string[];
  /** All names of the configuration are known: no unmatched include, no unresolvable pattern, no lone fragment. */
  complete: boolean;
  /** The shared configuration, when the file belongs to one and is analysed as the configuration read it. */
  configuration?: Configuration;
}

export interface SectionFound {
  model: ConfigModel;
  section: ConfigSection;
}

/** The first of `models` with a section of this name, and that section. */
function firstSection(models: readonly ConfigModel[], name: string): SectionFound | undefined {
  for (const model of models) {
    const section = model.section(name);
    if (section) return { model, section };
  }
  return undefined;
}

/** Main config names looked for in a fragment's directory and up to three directories above it. */
const MAIN_CONFIG_NAMES = ['supervisord.conf', 'supervisor.conf'];
const LEVELS_UP = 3;

/** The texts of the files the patterns match, by path, up to the configuration's file, byte and time limits. */
function readIncludes(patterns: IncludePattern[], source: ConfigSource, texts: Map<string, string>): void {
  const seen = new Set<string>(texts.keys());
  let bytes = 0;
  const deadline = now() + MAX_INCLUDE_READ_MILLISECONDS;
  for (const pattern of patterns) {
    for (const path of pattern.matches) {
      if (seen.has(path)) continue;
      seen.add(path);
      if (texts.size > MAX_INCLUDED_FILES || bytes >= MAX_INCLUDED_TOTAL_BYTES || now() > deadline) {
        pattern.unread = (pattern.unread ?? 0) + 1;
        continue;
      }
      const text = source.text(path);
      if (text === NOT_LOADED) pattern.unread = (pattern.unread ?? 0) + 1;
      else if (text === undefined) pattern.unreadable = (pattern.unreadable ?? 0) + 1;
      else {
        texts.set(path, text);
        bytes += text.length;
      }
    }
  }
}

const allKnown = (patterns: IncludePattern[]) =>
  patterns.every((p) => p.absolute !== undefined && p.matches.length > 0 && !p.truncated && !p.unread && !p.unreadable);

/**
 * How many names (of sections, of log files) are looked for in the files' texts before every file is modelled and
 * its names indexed: a fragment linted alone asks about its own few sections, and need not model the hundreds of other
 * files of its conf.d for them; a run over all of them asks about every section, and indexes them once. Once every
 * file is modelled anyway (the CLI's run over a conf.d), the index costs no modelling and is made at the first ask.
 */
const TEXT_SEARCHES = 16;

/** A configuration whose included files are read when first asked for, once, and modelled when asked for. */
class IncludedConfiguration implements Configuration {
  readonly matched: Set<string>;
  processIndex?: ProcessIndex;
  private files?: { texts: Map<string, string>; paths: string[]; complete: boolean };
  private places?: Map<string, number>;
  private readonly modelled: (ConfigModel | undefined)[] = [];
  private all?: ConfigModel[];
  /** Which files hold each section name, once made; until then, how many names were looked for in the texts. */
  private sectionIndex?: Map<string, number[]>;
  private searches = 0;
  /** The same for the log files the programs name. */
  private logIndex?: Map<string, number[]>;
  private logSearches = 0;
  /** The files whose groups list each program name, made when first asked for. */
  private grouping?: Map<string, number[]>;
  private readonly sectionLists = new Map<string, readonly SectionFound[]>();

  constructor(
    readonly main: ConfigModel & { path: string },
    readonly includes: IncludePattern[],
    private readonly source: ConfigSource,
    readonly generation: number,
  ) {
    this.matched = new Set(includes.flatMap((p) => p.matches));
    this.modelled[0] = main;
  }

  get texts(): Map<string, string> {
    return this.read().texts;
  }
  get complete(): boolean {
    return this.read().complete;
  }
  get models(): ConfigModel[] {
    if (!this.all) {
      const all: ConfigModel[] = [];
      for (let place = 0; place < this.read().paths.length; place++) {
        const model = this.modelAt(place);
        if (model) all.push(model);
      }
      this.all = all;
    }
    return this.all;
  }

  modelAt(place: number): ConfigModel | undefined {
    if (place in this.modelled) return this.modelled[place];
    const model = this.source.model(this.read().paths[place]);
    return (this.modelled[place] = typeof model === 'object' ? model : undefined);
  }

  placeOf(path: string): number {
    this.places ??= new Map(this.read().paths.map((file, place) => [file, place]));
    return this.places.get(path) ?? -1;
  }

  filesWithSection(name: string): number[] {
    if (!this.sectionIndex && (this.all || ++this.searches > TEXT_SEARCHES)) this.sectionIndex = this.indexFiles(sectionNames);
    if (this.sectionIndex) return this.sectionIndex.get(name) ?? [];
    // A header holds its name between brackets: a file without that text has no such section.
    return this.searchTexts(`[${name}]`, (model) => model.section(name) !== undefined);
  }

  sectionsNamed(name: string): readonly SectionFound[] {
    let found = this.sectionLists.get(name);
    if (!found) {
      const places = this.filesWithSection(name);
      // Most names asked for are in no file (config/duplicate-group-name asks for each program's name as every kind
      // of group): those share one empty list, kept only while the texts are searched (the index answers as fast).
      if (places.length === 0) {
        if (!this.sectionIndex) this.sectionLists.set(name, NO_SECTIONS);
        return NO_SECTIONS;
      }
      found = places.map((place) => {
        const model = this.modelAt(place)!;
        return { model, section: model.section(name)! };
      });
      this.sectionLists.set(name, found);
    }
    return found;
  }

  filesWritingLog(path: string): number[] {
    if (!this.logIndex && (this.all || ++this.logSearches > TEXT_SEARCHES)) this.logIndex = this.indexFiles(writtenLogFiles);
    if (this.logIndex) return this.logIndex.get(path) ?? [];
    return this.searchTexts(path, (model) => writtenLogFiles(model).has(path));
  }

  /** The places of the files whose text holds `text` and whose model passes `test`: only those files are modelled. */
  private searchTexts(text: string, test: (model: ConfigModel) => boolean): number[] {
    const places: number[] = [];
    let place = 0;
    for (const written of this.read().texts.values()) {
      if (written.includes(text)) {
        const model = this.modelAt(place);
        if (model && test(model)) places.push(place);
      }
      place++;
    }
    return places;
  }

  filesGrouping(program: string): number[] {
    if (!this.grouping) {
      const grouping = new Map<string, number[]>();
      let place = 0;
      // Only a file with a [group:x] header lists programs: the others are not modelled for it (a file modelled
      // already is not searched: the main config being edited, a megabyte at each keystroke).
      for (const text of this.read().texts.values()) {
        const modelled = this.modelled[place];
        if (modelled ? modelled.groups.length > 0 : text.includes('[group:')) {
          for (const group of this.modelAt(place)?.groups ?? [])
            for (const { name } of group.members) if (name !== undefined) addPlace(grouping, name, place);
        }
        place++;
      }
      this.grouping = grouping;
    }
    return this.grouping.get(program) ?? [];
  }

  /** The places of the files with each of the names `namesIn` gives for a model, every file modelled. */
  private indexFiles(namesIn: (model: ConfigModel) => Iterable<string>): Map<string, number[]> {
    const index = new Map<string, number[]>();
    for (let place = 0; place < this.read().paths.length; place++) {
      const model = this.modelAt(place);
      if (model) for (const name of namesIn(model)) addPlace(index, name, place);
    }
    return index;
  }

  private read() {
    if (!this.files) {
      const texts = new Map([[this.main.path, this.main.text]]);
      readIncludes(this.includes, this.source, texts);
      // After the reads: they count the files each pattern could not read.
      this.files = { texts, paths: [...texts.keys()], complete: allKnown(this.includes) };
    }
    return this.files;
  }
}

const NO_SECTIONS: readonly SectionFound[] = Object.freeze([]);

/** The configuration a main config heads: reused while the source and the main config's text are unchanged. */
function configurationOf(main: ConfigModel & { path: string }, source: ConfigSource): Configuration {
  const generation = source.generation?.() ?? 0;
  const cached = source.configurations?.get(main.path);
  if (cached && cached.generation === generation && cached.main.text === main.text) return cached;
  // Reused only if nothing changed while it was built (a source that loads later moves on at what it lacks).
  const configuration = new IncludedConfiguration(main, resolveIncludes(main, source), source, generation);
  source.configurations?.set(main.path, configuration);
  return configuration;
}

const sectionNames = (model: ConfigModel) => model.sections.map(({ name }) => name);

function addPlace(places: Map<string, number[]>, name: string, place: number): void {
  const found = places.get(name);
  if (!found) places.set(name, [place]);
  else if (found[found.length - 1] !== place) found.push(place);
}

/** A [group:x] of the model lists the program. */
const groupsIn = (model: ConfigModel, program: string) => model.groupOf(program) !== undefined;

/** As sectionsIn: whether a group of the configuration lists the program, `model` standing for the file at `place`. */
function groupedIn(configuration: Configuration, program: string, model: ConfigModel, place: number): boolean {
  return groupsIn(model, program) || configuration.filesGrouping(program).some((other) => other !== place);
}

/** The model's section of this name, as a list. */
function ownSection(model: ConfigModel, name: string): SectionFound[] {
  const section = model.section(name);
  return section ? [{ model, section }] : [];
}

/**
 * The sections of this name in a configuration's files, in reading order, with `model` (a version of the file at
 * `place` in that order, or of a file it did not read when -1) standing for the configuration's copy of it.
 */
function sectionsIn(configuration: Configuration, name: string, model: ConfigModel, place: number): readonly SectionFound[] {
  const mine = ownSection(model, name);
  const found: SectionFound[] = [];
  for (const other of configuration.filesWithSection(name)) {
    if (other === place) continue;
    // The analysed file's own section goes in at its place: before the first file read after it.
    if (place >= 0 && other > place) found.push(...mine.splice(0));
    const owner = configuration.modelAt(other)!;
    found.push({ model: owner, section: owner.section(name)! });
  }
  return found.concat(mine);
}

/**
 * sectionsIn for the file at `place`, worked out once per file: for the file as the configuration read it (the CLI's
 * every file), the configuration's own lists, shared by all its files (each made its own, and a conf.d of 2,000
 * copies of one section made 2,000 lists of 2,000). An object, not a closure made for each analysis: optimised code
 * that called one was thrown away with it (see util/keepShape.ts).
 */
class FileSections {
  private readonly kind: 'own' | 'configuration' | 'merged';
  constructor(
    private readonly configuration: Configuration,
    private readonly model: ConfigModel,
    private readonly place: number,
  ) {
    // A main config that includes nothing: its own sections (not a search of its text for each name at each keystroke).
    this.kind =
      configuration.texts.size === 1 && place === 0
        ? 'own'
        : place >= 0 && configuration.modelAt(place) === model
          ? 'configuration'
          : 'merged';
  }

  named(name: string): readonly SectionFound[] {
    if (this.kind === 'own') return ownSection(this.model, name);
    if (this.kind === 'configuration') return this.configuration.sectionsNamed(name);
    return sectionsIn(this.configuration, name, this.model, this.place);
  }
}

/**
 * The models of the files at `places` but the one at `place` (the analysed file, which stands for itself), made as the
 * caller goes: most stop at the first (with a thousand files naming one log file, listing them all for each was most
 * of a conf.d's lint).
 */
function* othersAt(configuration: Configuration, places: number[], place: number): Generator<ConfigModel> {
  for (const other of places) {
    const model = other === place ? undefined : configuration.modelAt(other);
    if (model) yield model;
  }
}

/** The process index of a configuration, built once per configuration. */
export function configurationProcesses(configuration: Configuration): ProcessIndex {
  const { models } = configuration;
  return (configuration.processIndex ??= buildProcessIndex(models, configuration.complete, mergedPrograms(models)));
}

/** A main config near a file that includes it, and every main config near it read on the way there. */
interface IncluderSearch {
  includer?: Configuration;
  consulted: string[];
}

function findIncluder(path: string, source: ConfigSource): IncluderSearch {
  const consulted: string[] = [];
  let dir = posix.dirname(path);
  // A normal absolute directory (and so each above it) joins a name as the two put together: the CLI asks this of
  // every file of a conf.d, and path.join normalising each of the four candidates cost it 5 ms over 500 files.
  const normal = dir.startsWith('/') && !dir.includes('//') && !dir.includes('/.') && (dir === '/' || !dir.endsWith('/'));
  for (let level = 0; level <= LEVELS_UP; level++) {
    for (const name of MAIN_CONFIG_NAMES) {
      const candidate = !normal ? posix.join(dir, name) : dir === '/' ? `/${name}` : `${dir}/${name}`;
      if (candidate === path || !source.exists(candidate)) continue;
      consulted.push(candidate);
      const main = source.model(candidate);
      if (!main || main === NOT_LOADED || main.isFragment) continue;
      const configuration = configurationOf(main as ConfigModel & { path: string }, source);
      if (configuration.matched.has(path)) return { includer: configuration, consulted };
    }
    const parent = posix.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { consulted };
}

/**
 * The context of a file that `includer` includes, its configuration's files read when first asked for: the
 * configuration's models with the analysed file first (as it is now, not as the configuration read it).
 */
export const includedFileContext = (model: ConfigModel, includer: Configuration, consulted: readonly string[] = NO_PATHS): ConfigContext =>
  new IncludedFileContext(model, includer, consulted);

const NO_PATHS: readonly string[] = [];

/** A class, not an object literal with getters: the CLI makes one per fragment of a conf.d, mostly in cold code. */
class IncludedFileContext implements ConfigContext {
  readonly includes: IncludePattern[] = [];
  readonly includer: string | undefined;
  private all?: ConfigModel[];
  private order?: readonly ConfigModel[];
  /** The file's place in the order the configuration reads its files (-1: not read). */
  private place?: number;
  private sections?: FileSections;
  constructor(
    private readonly model: ConfigModel,
    private readonly includedBy: Configuration,
    readonly consulted: readonly string[],
  ) {
    this.includer = includedBy.main.path;
  }
  get models(): ConfigModel[] {
    return (this.all ??= [this.model, ...this.includedBy.models.filter((m) => m.path !== this.model.path)]);
  }
  get readingOrder(): readonly ConfigModel[] {
    return (this.order ??= this.inReadingOrder());
  }
  private inReadingOrder(): readonly ConfigModel[] {
    const read = this.includedBy.models;
    // The file's place among the models is its place among the files read, unless a file before it could not be modelled.
    const place = this.placeRead();
    const at = read[place]?.path === this.model.path ? place : read.findIndex((m) => m.path === this.model.path);
    // A file the configuration did not read is put last. As the configuration read it (the CLI's every file), the
    // configuration's own list: one for all its files, so what is worked out from it once serves them all.
    if (at === -1) return [...read, this.model];
    return read[at] === this.model ? read : read.map((m, i) => (i === at ? this.model : m));
  }
  sectionsNamed(name: string): readonly SectionFound[] {
    return (this.sections ??= new FileSections(this.includedBy, this.model, this.placeRead())).named(name);
  }
  isGrouped(program: string): boolean {
    return groupedIn(this.includedBy, program, this.model, this.placeRead());
  }
  filesWritingLog(path: string): Iterable<ConfigModel> {
    return othersAt(this.includedBy, this.includedBy.filesWritingLog(path), this.placeRead());
  }
  private placeRead(): number {
    return (this.place ??= this.includedBy.placeOf(this.model.path!));
  }
  /**
   * In the order of `models`: the analysed file, the main config, the other files (found through the configuration's
   * index of sections: every file of a conf.d asks, and looking through the others made that quadratic).
   */
  firstSection(name: string): SectionFound | undefined {
    const { model, includedBy: includer } = this;
    const near = firstSection([model, includer.main], name);
    if (near) return near;
    const place = this.placeRead();
    const other = includer.filesWithSection(name).find((found) => found !== place && found !== 0);
    const owner = other === undefined ? undefined : includer.modelAt(other);
    return owner && { model: owner, section: owner.section(name)! };
  }
  get complete(): boolean {
    return this.includedBy.complete;
  }
  /** Analysed as the configuration read it (the usual case), the file shares the configuration's process index. */
  get configuration(): Configuration | undefined {
    const { model, includedBy: includer } = this;
    return includer.texts.get(model.path!) === model.text ? includer : undefined;
  }
}

/** The context of a file analysed on its own. */
const alone = (model: ConfigModel, complete: boolean, consulted = NO_PATHS): ConfigContext => ({
  models: [model],
  readingOrder: [model],
  firstSection: (name) => firstSection([model], name),
  sectionsNamed: (name) => ownSection(model, name),
  isGrouped: (program) => groupsIn(model, program),
  filesWritingLog: () => [],
  includes: [],
  complete,
  consulted,
});

/**
 * The configuration a file belongs to. The language server calls this to learn what to load before it analyses:
 * every file of the configuration is asked for here.
 */
export function configContext(model: ConfigModel, source: ConfigSource | undefined): ConfigContext {
  const context = deferredConfigContext(model, source);
  void context.models;
  return context;
}

/** configContext, reading the files of a fragment's configuration only when the context is asked for them. */
export function deferredConfigContext(model: ConfigModel, source: ConfigSource | undefined): ConfigContext {
  const path = model.path;
  if (!source || !path) {
    return alone(model, !model.isFragment && model.section('include') === undefined);
  }
  // A file with [supervisord] but no [include] may still be a conf.d file (Docker images put their nodaemon=true in
  // conf.d/supervisord.conf): when a main config near it includes it, supervisord reads it as part of that one.
  const search = model.isFragment || model.section('include') === undefined ? findIncluder(path, source) : undefined;
  const consulted = search?.consulted ?? NO_PATHS;
  if (search?.includer) return includedFileContext(model, search.includer, consulted);
  if (!model.isFragment) {
    // Read now: the main config's own findings count the files its patterns could not read.
    const configuration = configurationOf(model as ConfigModel & { path: string }, source);
    const models = configuration.models;
    const sections = new FileSections(configuration, model, 0);
    return {
      models,
      // The main config first, as its context's models.
      readingOrder: models,
      firstSection: (name) => firstSection(models, name),
      sectionsNamed: (name) => sections.named(name),
      isGrouped: (program) => groupedIn(configuration, program, model, 0),
      filesWritingLog: (path) => othersAt(configuration, configuration.filesWritingLog(path), 0),
      includes: configuration.includes,
      complete: configuration.complete,
      configuration,
      consulted,
    };
  }
  return alone(model, false, consulted);
}
