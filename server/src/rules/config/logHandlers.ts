// What the log rules share: the file handlers supervisord makes for a program's streams, and whether they rotate.
import { parseByteSize } from '../../analysis/byteSize';
import { namesAFile } from '../../analysis/logFiles';
import { analyzeText, type ConfigModel, type Program } from '../../analysis/model';
import { readValues, type ValuesRead } from '../../analysis/sectionValues';
import { pythonBoolean } from '../../analysis/valueCheck';
import type { Entry } from '../../parser';
import { keySchema, sectionSchema, type KeySchema } from '../../schema';
import { entryRead, keysDefaultedElsewhere, runsNoProcess, whereFrom, type EntryIn, type MergedContext } from '../mergedSections';
import type { RuleContext } from '../types';
import { keepShape } from '../../util/keepShape';

/** One log handler supervisord makes for each process of a program: the file it writes and whether it rotates it. */
export interface Handler {
  program: Program;
  entry: Entry;
  /** The file as the first process expands it. */
  path: string;
  /** Its maxbytes as read (50MB unless set), and in bytes when readable. */
  maxBytesText: string;
  maxBytes: number | undefined;
  /** The file is named in another file's copy of the program's section: that file reports what is found about it. */
  inOtherCopy: boolean;
}

/** The size at which supervisord rotates a log unless told otherwise (the schema's, 50MB). */
export const DEFAULT_MAX_BYTES = keySchema(sectionSchema('program:x')!, 'stdout_logfile_maxbytes')!.default!;

/** The last size read and its bytes: programs mostly leave maxbytes at its default or all set the same. */
let lastSize = { text: DEFAULT_MAX_BYTES, bytes: parseByteSize(DEFAULT_MAX_BYTES) };
function byteSize(text: string): number | undefined {
  if (text !== lastSize.text) lastSize = { text, bytes: parseByteSize(text) };
  return lastSize.bytes;
}

/** A path of a file of its own: not AUTO, NONE, OFF or syslog, nor a device. */
const isFile = (path: string) =>
  path.charCodeAt(0) === 47 // '/'
    ? !path.startsWith('/dev/') && !path.startsWith('/proc/')
    : namesAFile(path);

export const rotates = (handler: Handler) => handler.maxBytes !== undefined && handler.maxBytes > 0;
export const size = (handler: Handler) => `${handler.entry.key}_maxbytes=${handler.maxBytesText}`;
/** How the first of the handlers that rotates does so. */
export const rotation = (...handlers: Handler[]) => size(handlers.find(rotates)!);

/** Where the file name of a log path starts, and its extension (the path's end without one): `/var/log/w.log` -> 9, 10. */
export function fileNameParts(path: string): { name: number; extension: number } {
  const name = path.lastIndexOf('/') + 1;
  const dot = path.lastIndexOf('.');
  return { name, extension: dot > name ? dot : path.length };
}

/** The line to mark for a program's entry: its own, or its header when the entry is [DEFAULT]'s (which serves others). */
export const placeOf = (program: Program, entry: Entry) =>
  program.section.entries.get(entry.key) === entry ? entry.range : program.section.nodes[0].headerRange;

/** The keys that decide a program's log handlers, by their place in LogKeys. */
const LOG_KEYS = ['stdout_logfile', 'stderr_logfile', 'stdout_logfile_maxbytes', 'stderr_logfile_maxbytes', 'redirect_stderr'];
export const REDIRECT = 4;

/** Where a rule reads a program's log keys (LOG_KEYS, by place): its written entries or the values read. */
export interface LogKeys {
  entry(place: number): Entry | undefined;
  /** The value the loader reads from the key's entry; undefined when only the server knows it. */
  value(place: number): string | undefined;
  /** The key's entry is a line of another file's copy of the section (see mergedLogKeys). */
  inOtherCopy(place: number): boolean;
}

/**
 * A program's file handlers: [stdout's, stderr's], either missing where the stream has no file of its own (AUTO, NONE,
 * syslog, a device, stderr with redirect_stderr=true) or one whose name only the server knows. A size only the server
 * knows makes rotation unknown (not judged); a redirect_stderr only it knows, stderr's log unknown (not judged).
 * Event listeners have none judged: their stdout is their protocol.
 */
export function handlersOf(program: Program, keys: LogKeys): [Handler | undefined, Handler | undefined] {
  const handlers: [Handler | undefined, Handler | undefined] = [undefined, undefined];
  if (program.kind === 'eventlistener' || program.numprocs <= 0) return handlers;
  for (let stream = 0; stream < 2; stream++) {
    const entry = keys.entry(stream);
    const path = entry && keys.value(stream)?.trim();
    if (!path || !isFile(path) || (stream === 1 && maybeRedirected(keys))) continue;
    // Unset, it is the default.
    const sizeEntry = keys.entry(stream + 2);
    const sizeRead = sizeEntry ? keys.value(stream + 2)?.trim() : DEFAULT_MAX_BYTES;
    const maxBytes = sizeRead === undefined ? undefined : byteSize(sizeRead);
    handlers[stream] = {
      program,
      entry: entry!,
      path,
      maxBytesText: sizeRead ?? sizeEntry!.value,
      maxBytes,
      inOtherCopy: keys.inOtherCopy(stream),
    };
  }
  return handlers;
}

/** redirect_stderr is set, and true or only known to the server. */
export function maybeRedirected(keys: LogKeys): boolean {
  if (!keys.entry(REDIRECT)) return false;
  const redirect = keys.value(REDIRECT);
  return redirect === undefined || pythonBoolean(redirect) !== false;
}

/** A program's log keys as its section writes them, a value with a `%` taken as known only to the server. */
export class WrittenLogKeys implements LogKeys {
  private program: Program | undefined = undefined;

  constructor(private readonly model: ConfigModel) {}

  of(program: Program): this {
    this.program = program;
    return this;
  }

  entry(place: number): Entry | undefined {
    return this.model.lookup(this.program!.section, LOG_KEYS[place]);
  }

  value(place: number): string | undefined {
    return writtenValue(this.entry(place));
  }

  inOtherCopy(): boolean {
    return false;
  }
}
keepShape(new WrittenLogKeys(analyzeText('')));

/** An entry's value as written, or undefined when it has a `%` (then only the server knows what it expands to). */
const writtenValue = (entry: Entry | undefined) => (entry === undefined || entry.value.includes('%') ? undefined : entry.value);

/** Each log key's place in LOG_KEYS, by its schema. */
const PLACES = new Map<KeySchema, number>();
for (const kind of ['program:x', 'fcgi-program:x', 'eventlistener:x']) {
  const schema = sectionSchema(kind)!;
  for (let place = 0; place < LOG_KEYS.length; place++) PLACES.set(keySchema(schema, LOG_KEYS[place])!, place);
}

/**
 * The log keys of every program of a model (those with processes), as the loader reads them (expanded as the first
 * process reads them), found once in the values read for all the rules that judge them. A cursor: of(p) points
 * entry() and value() at program p. The programs of a file whose keys other files give (mergedLogKeys) read those.
 */
export class ProgramLogKeys implements LogKeys {
  private base = 0;
  /** The current program's keys, when they are among `merged`. */
  private current: MergedLogKeys | undefined = undefined;

  constructor(
    private readonly read: ValuesRead,
    readonly programs: Program[] = [],
    /** LOG_KEYS.length positions in the values read for each program, -1 for a key it does not set. */
    private readonly at: number[] = [],
    /** The keys of the programs (by index) that other files' copies or [DEFAULT] set. */
    private readonly merged?: ReadonlyMap<number, MergedLogKeys>,
  ) {}

  of(p: number): this {
    this.base = p * LOG_KEYS.length;
    this.current = this.merged?.get(p);
    return this;
  }

  entry(place: number): Entry | undefined {
    if (this.current) return this.current.found[place]?.entry;
    const at = this.at[this.base + place];
    return at === -1 ? undefined : this.read.entries[at];
  }

  value(place: number): string | undefined {
    if (this.current) return this.current.values[place];
    const at = this.at[this.base + place];
    return at === -1 ? undefined : this.read.values[at];
  }

  inOtherCopy(place: number): boolean {
    return this.current?.inOtherCopy[place] ?? false;
  }

  /** Where another file writes the key's entry ("set in ../x.conf", "from [DEFAULT] in ../x.conf"); undefined here. */
  writtenElsewhere(place: number): string | undefined {
    return this.current?.elsewhere[place];
  }

  /** Adds a program whose section's values are [start, end) of the values read. */
  add(program: Program, start: number, end: number): void {
    const base = this.at.length;
    for (let place = 0; place < LOG_KEYS.length; place++) this.at.push(-1);
    // By the keys' schemas: comparing names, which every schema holds in objects of another shape, cost more.
    for (let i = start; i < end; i++) {
      const place = PLACES.get(this.read.keys[i]);
      if (place !== undefined) this.at[base + place] = i;
    }
    this.programs.push(program);
  }

  /** These keys but those of the programs at the indexes `dropped`. */
  without(dropped: ReadonlySet<number>): ProgramLogKeys {
    const programs: Program[] = [];
    const at: number[] = [];
    for (let p = 0; p < this.programs.length; p++) {
      if (dropped.has(p)) continue;
      programs.push(this.programs[p]);
      for (let place = 0; place < LOG_KEYS.length; place++) at.push(this.at[p * LOG_KEYS.length + place]);
    }
    return new ProgramLogKeys(this.read, programs, at, this.merged);
  }

  /** These keys, with `merged` read instead for the programs it has. */
  withMerged(merged: ReadonlyMap<number, MergedLogKeys>): ProgramLogKeys {
    return new ProgramLogKeys(this.read, this.programs, this.at, merged);
  }
}

/** A program's log keys as supervisord reads its merged section: each key's entry, value and where it is written. */
interface MergedLogKeys {
  found: (EntryIn | undefined)[];
  values: (string | undefined)[];
  inOtherCopy: boolean[];
  elsewhere: (string | undefined)[];
}

const logKeys = new WeakMap<ConfigModel, ProgramLogKeys>();

/** The log keys of the model's programs that have processes (memoised per model: several rules read them). */
function logKeysRead(model: ConfigModel): ProgramLogKeys {
  let keys = logKeys.get(model);
  if (!keys) {
    const read = readValues(model);
    const found = new ProgramLogKeys(read);
    read.forEachSection((section, start, end) => {
      const program = model.programOf(section);
      // Without processes the loader reads none of these keys.
      if (program && program.numprocs > 0) found.add(program, start, end);
    });
    logKeys.set(model, (keys = found));
  }
  return keys;
}

const inConfiguration = new WeakMap<object, ProgramLogKeys>();

/**
 * logKeysRead for the analysed file in its configuration. Rules loop over its programs and streams themselves: a
 * callback made for each analysis would lose its optimised code each time the analysis is collected. supervisord merges the copies of a section that several
 * files have, the file read last giving a key both set, and reads [DEFAULT] across files: a conf.d override file's
 * `redirect_stderr=true` or `stdout_logfile_maxbytes=0` changes the handlers of the program another file defines.
 */
export function logKeysIn(context: MergedContext & Pick<RuleContext, 'firstSection'>): ProgramLogKeys {
  let own = logKeysRead(context.model);
  if (context.singleFile) return own;
  let keys = inConfiguration.get(context);
  if (!keys) {
    // Another file's copy may leave a program without processes (numprocs=0): the loader then reads none of its keys.
    const idle = new Set<number>();
    for (let p = 0; p < own.programs.length; p++) {
      const program = own.programs[p];
      if (context.hasCopies(program.section.name) && runsNoProcess(context, program)) idle.add(p);
    }
    if (idle.size) own = own.without(idle);
    const defaulted = keysDefaultedElsewhere(context);
    const fromDefaults = LOG_KEYS.some((key) => defaulted.has(key));
    let merged: Map<number, MergedLogKeys> | undefined;
    for (let p = 0; p < own.programs.length; p++)
      if (fromDefaults || context.hasCopies(own.programs[p].section.name)) (merged ??= new Map()).set(p, mergedLogKeys(context, own, p));
    inConfiguration.set(context, (keys = merged ? own.withMerged(merged) : own));
  }
  return keys;
}

/** Program p's log keys read from its merged section (see entryRead), each value as the file writing it reads it. */
function mergedLogKeys(context: MergedContext, own: ProgramLogKeys, p: number): MergedLogKeys {
  const { model } = context;
  const program = own.programs[p];
  const keys: MergedLogKeys = { found: [], values: [], inOtherCopy: [], elsewhere: [] };
  for (let place = 0; place < LOG_KEYS.length; place++) {
    const found = entryRead(context, program.section, LOG_KEYS[place]);
    const other = found !== undefined && found.model !== model;
    keys.found.push(found);
    keys.values.push(found && valueRead(found, place, own.of(p)));
    keys.inOtherCopy.push(other && found.section.name !== 'DEFAULT');
    keys.elsewhere.push(other ? whereFrom(model, found) : undefined);
  }
  return keys;
}

/**
 * The value the loader reads from a log key's entry: the one its file's reading gave (expanded there), else, for
 * another file's [DEFAULT], as written when it expands nothing. `own`: the analysed file's keys, at the program.
 */
function valueRead(found: EntryIn, place: number, own: ProgramLogKeys): string | undefined {
  if (own.entry(place) === found.entry) return own.value(place);
  const program = found.model.programOf(found.section);
  if (program) {
    const theirs = logKeysRead(found.model);
    const q = theirs.programs.indexOf(program);
    if (q !== -1 && theirs.of(q).entry(place) === found.entry) return theirs.value(place);
  }
  return writtenValue(found.entry);
}
