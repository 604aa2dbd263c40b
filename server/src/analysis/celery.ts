// Reads `celery [global options] SUBCOMMAND [options]` in a split command line the way Celery's click parser does.
// Each option's arity comes from the option tables in the schema, so a flag never takes the next word as its value,
// and every spelling click accepts is read: `--pool=gevent`, `--pool gevent`, `-P gevent`, `-Pgevent`, `-EPgevent`.
import {
  CELERY_GLOBAL_OPTIONS,
  CELERY_SUBCOMMAND_OPTIONS,
  isKnownCelerySubcommand,
  type CeleryKnownSubcommand,
  type CeleryOptionName,
  type CeleryOptionSpec,
} from '../schema/commands';
import type { ShellWord } from './shellWords';
import { hasBasename } from '../util/basename';
import { addTo } from '../util/addTo';
import { SharedPlaces } from '../util/sharedPlaces';

export type { CeleryOptionName };

/** The command whose option table declares an option: the `celery` group itself, or a subcommand. */
type CeleryScope = 'global' | CeleryKnownSubcommand;

export interface CeleryOption {
  name: CeleryOptionName;
  spec: CeleryOptionSpec;
  scope: CeleryScope;
  /** Where it stands: before the subcommand (or with none) or after it. */
  placement: 'before' | 'after';
  /** The flag as written, e.g. `--pool` or `-P`. */
  flag: string;
  value?: string;
  /**
   * The value holds a `%(name)s` that supervisord fills in before Celery sees it (`-c %(ENV_CONCURRENCY)s`): what Celery
   * gets is only known on the server, so rules do not judge it.
   */
  valueFromServer: boolean;
  /** Index of the word holding the flag, and how many words the option spans (1 or 2). */
  firstWord: number;
  wordCount: number;
  /** A short flag sharing its word with other flags (`-E` and `-B` in `-EB`): not removable as whole words. */
  inCluster: boolean;
  /** Offsets in the command value; inside a quoted word they cover the whole word. */
  flagStart: number;
  flagEnd: number;
  valueStart?: number;
  valueEnd?: number;
}

/** A flag no option table of its command knows: `--concurency`, or the `Z` of `-EZ`. */
export interface UnknownFlag {
  /** As written, without its `=value`: `--concurency`, or `-Z` for a letter inside a cluster. */
  flag: string;
  /** Before the subcommand (the `celery` group reads it) or after it. */
  placement: 'before' | 'after';
  /** Index of the word holding the flag. */
  wordIndex: number;
  /** Offsets in the command value; inside a quoted word they cover the whole word. */
  start: number;
  end: number;
}

export interface CeleryCommand {
  words: ShellWord[];
  /** The `celery` word (or the `celery` after `python -m`). */
  programWordIndex: number;
  /** The subcommand (`worker`, `beat`, `multi`, ...) and its word; undefined when there is none. */
  subcommand?: string;
  subcommandIndex?: number;
  /** Every option of a known table, in command-line order. */
  options: CeleryOption[];
  /** Every flag of no known table, in command-line order (see celery/unknown-option for which are refused). */
  unknownFlags: readonly UnknownFlag[];
  /** The option as Celery uses it: the last occurrence wins. */
  get(name: CeleryOptionName): CeleryOption | undefined;
}

export interface CeleryWorker extends CeleryCommand {
  subcommand: 'worker';
  subcommandIndex: number;
  /** The pool in effect as Celery names it (choices are case-sensitive): `processes` and no `-P` mean `prefork`. */
  pool(): string;
}

interface KnownOption {
  name: CeleryOptionName;
  spec: CeleryOptionSpec;
  scope: CeleryScope;
  /** The flag as the table spells it: options keep this string, not a copy read from the command line. */
  flag: string;
}

function scopeTable(scope: CeleryScope, list: readonly CeleryOptionSpec[]): Map<string, KnownOption> {
  const table = new Map<string, KnownOption>();
  for (const spec of list)
    for (const flag of [spec.long, spec.short, ...(spec.aliases ?? [])])
      if (flag) table.set(flag, { name: spec.name as CeleryOptionName, spec, scope, flag });
  return table;
}

const SCOPES: Record<CeleryScope, Map<string, KnownOption>> = {
  global: scopeTable('global', CELERY_GLOBAL_OPTIONS),
  worker: scopeTable('worker', CELERY_SUBCOMMAND_OPTIONS.worker),
  beat: scopeTable('beat', CELERY_SUBCOMMAND_OPTIONS.beat),
};

/**
 * The flags of several scopes, the first scope naming a flag winning, indexed so that a flag is found inside the word
 * that holds it without cutting it out: short flags by their letter's code, long ones by their length and first letter.
 */
class FlagTable {
  private readonly short: (KnownOption | undefined)[] = [];
  private readonly long = new Map<number, KnownOption[]>();

  constructor(order: readonly CeleryScope[]) {
    const seen = new Set<string>();
    for (const scope of order)
      for (const [flag, known] of SCOPES[scope]) {
        if (seen.has(flag)) continue;
        seen.add(flag);
        if (flag.length === 2) this.short[flag.charCodeAt(1)] = known;
        else {
          addTo(this.long, longKey(flag, flag.length), known);
        }
      }
  }

  /** The short flag `-X` for the letter at `at` of `word`. */
  shortFlag(word: string, at: number): KnownOption | undefined {
    return this.short[word.charCodeAt(at)];
  }

  /** The long flag written as `word`'s first `length` characters (`--pool` in `--pool=gevent`). */
  longFlag(word: string, length: number): KnownOption | undefined {
    const bucket = this.long.get(longKey(word, length));
    if (bucket) for (let i = 0; i < bucket.length; i++) if (word.startsWith(bucket[i].flag)) return bucket[i];
    return undefined;
  }
}

/** A long flag's bucket: its length and first letter after `--` (a number key needs no string hashed). */
const longKey = (text: string, length: number) => length * 65536 + text.charCodeAt(2);

/**
 * Where a flag is looked up. After a known subcommand: its own options, then the global ones written in the wrong
 * place. Before any subcommand: the global options, then subcommand options written in the wrong place. After
 * another subcommand (multi, flower, ...) the same, as `celery multi` hands worker options on to its nodes.
 */
function flagsAfter(subcommand: string | undefined): FlagTable {
  return isKnownCelerySubcommand(subcommand) ? AFTER[subcommand] : ELSEWHERE;
}

const AFTER: Record<CeleryKnownSubcommand, FlagTable> = {
  worker: new FlagTable(['worker', 'global']),
  beat: new FlagTable(['beat', 'global']),
};
const ELSEWHERE = new FlagTable(['global', 'worker', 'beat']);

/** Reads Celery from the words of the service a command runs (see unwrap.ts): `celery ...` by basename. */
export function parseCeleryCommand(words: ShellWord[]): CeleryCommand | undefined {
  if (!words[0] || !hasBasename(words[0].value, 'celery')) return undefined;
  const reading: Reading = { words, options: [], unknown: NO_FLAGS, subcommandIndex: undefined, flags: ELSEWHERE, placement: 'before' };
  for (let i = 1; i < words.length;) {
    const word = words[i].value;
    if (word === '--') break;
    if (word.charCodeAt(0) === 45 && word.length > 1)
      i += readOption(reading, i); // `-`
    else {
      if (reading.subcommandIndex === undefined) {
        reading.subcommandIndex = i;
        reading.flags = flagsAfter(word);
        reading.placement = 'after';
      }
      i++;
    }
  }
  const subcommandIndex = reading.subcommandIndex;
  // A literal, not an instance of a class: V8 allocates the objects of a literal whose objects outlive the young
  // generation (as these do, kept by the analysis) straight in the old one, so the scavenger never copies them.
  // The methods are shared functions, not closures made for each command line.
  const command: ReadCommand = {
    words,
    programWordIndex: 0,
    subcommand: subcommandIndex === undefined ? undefined : words[subcommandIndex].value,
    subcommandIndex,
    // Kept at its exact size: grown by push from empty, the array would keep room for 17.
    options: reading.options.length === 0 ? reading.options : reading.options.slice(),
    unknownFlags: reading.unknown,
    places: undefined,
    get: lastOption,
    pool: workerPool,
  };
  return command;
}

/** A command line as parseCeleryCommand makes it: with the worker's methods, and where each option it names stands. */
interface ReadCommand extends CeleryCommand, Pick<CeleryWorker, 'pool'> {
  places: ReadonlyMap<string, number> | undefined;
}

/**
 * Where each option of a command line stands, the last of a name winning as with Celery: rules ask each command line
 * for some twenty options, and workers copied from one another write their options in the same order.
 */
const OPTION_PLACES = new SharedPlaces<CeleryOption>((option) => option.name);

/** CeleryCommand.get() */
function lastOption(this: ReadCommand, name: CeleryOptionName): CeleryOption | undefined {
  const at = (this.places ??= OPTION_PLACES.of(this.options)).get(name);
  return at === undefined ? undefined : this.options[at];
}

/** CeleryWorker.pool() */
function workerPool(this: CeleryCommand): string {
  const pool = this.get('pool')?.value;
  return !pool || pool === 'processes' ? 'prefork' : pool;
}

/** The worker view of a Celery command line: undefined unless its subcommand is `worker`. */
export function celeryWorkerOf(command: CeleryCommand | undefined): CeleryWorker | undefined {
  // A command parseCeleryCommand made has the worker's methods: no second object for the worker view.
  if (!command || !('pool' in command) || command.subcommand !== 'worker' || command.subcommandIndex === undefined) return undefined;
  return command as CeleryWorker;
}

export function parseCeleryWorker(words: ShellWord[]): CeleryWorker | undefined {
  return celeryWorkerOf(parseCeleryCommand(words));
}

/**
 * A Celery command line being read: its options so far, and where the subcommand stands. A plain object, not a class:
 * the fields a class defines on each instance give it a map that dies with the last reader, and the optimised code
 * that relied on that map is thrown away at each garbage collection.
 */
interface Reading {
  readonly words: ShellWord[];
  readonly options: CeleryOption[];
  /** NO_FLAGS until a flag no table knows is met (nearly every command line has none). */
  unknown: UnknownFlag[];
  subcommandIndex: number | undefined;
  flags: FlagTable;
  placement: 'before' | 'after';
}

/** Reads the option(s) starting at words[index]; returns the words consumed. */
function readOption(reading: Reading, index: number): number {
  const word = reading.words[index].value;
  if (word.charCodeAt(1) === 45) {
    // `--flag` or `--flag=value`
    const equals = word.indexOf('=');
    const end = equals < 0 ? word.length : equals;
    const known = reading.flags.longFlag(word, end);
    if (!known) {
      recordUnknown(reading, index, 0, end);
      return 1; // read as a flag: its value, if it has one, is left as a word of its own
    }
    const valueAt = equals >= 0 ? equals + 1 : known.spec.value === undefined ? null : undefined;
    return record(reading, index, known, 0, known.flag.length, false, valueAt);
  }
  // A cluster of short options: flags until one that takes a value, which takes the rest of the word or the next word.
  for (let i = 1; i < word.length; i++) {
    const known = reading.flags.shortFlag(word, i);
    if (!known) {
      recordUnknown(reading, index, i === 1 ? 0 : i, i + 1);
      continue;
    }
    // The flag's range: `-P` when it leads the word, just the letter inside a cluster like `-EP`.
    const flagStart = i === 1 ? 0 : i;
    const rest = i + 1 < word.length;
    if (known.spec.value === undefined) {
      record(reading, index, known, flagStart, i + 1, i > 1 || rest, null);
      continue;
    }
    return record(reading, index, known, flagStart, i + 1, i > 1, rest ? i + 1 : undefined);
  }
  return 1;
}

const NO_FLAGS: UnknownFlag[] = [];

/** Records the flag no table knows at `flagStart`..`flagEnd` of words[index] (a letter of a cluster gets its `-`). */
function recordUnknown(reading: Reading, index: number, flagStart: number, flagEnd: number): void {
  const word = reading.words[index];
  const text = word.value.slice(flagStart, flagEnd);
  if (reading.unknown === NO_FLAGS) reading.unknown = [];
  reading.unknown.push({
    flag: flagStart === 0 ? text : `-${text}`,
    placement: reading.placement,
    wordIndex: index,
    start: word.verbatim ? word.start + flagStart : word.start,
    end: word.verbatim ? word.start + flagEnd : word.end,
  });
}

/**
 * Records an option whose flag spans `flagStart`..`flagEnd` of words[index]. `valueAt`: where its value starts inside
 * that word, undefined when the value is the next word, null when it has none. Returns the words consumed.
 */
function record(
  reading: Reading,
  index: number,
  known: KnownOption,
  flagStart: number,
  flagEnd: number,
  inCluster: boolean,
  valueAt: number | null | undefined,
): number {
  const word = reading.words[index];
  // Offsets inside a quoted word cover the whole word.
  const verbatim = word.verbatim;
  const next = valueAt === undefined ? reading.words[index + 1] : undefined;
  let value: string | undefined;
  let valueStart: number | undefined;
  let valueEnd: number | undefined;
  if (typeof valueAt === 'number') {
    value = word.value.slice(valueAt);
    valueStart = verbatim ? word.start + valueAt : word.start;
    valueEnd = word.end;
  } else if (next) {
    value = next.value;
    valueStart = next.start;
    valueEnd = next.end;
  }
  const wordCount = next ? 2 : 1;
  // Every option has the same fields in the same order (one object shape for the rules that read them).
  reading.options.push({
    name: known.name,
    spec: known.spec,
    scope: known.scope,
    placement: reading.placement,
    flag: known.flag,
    value,
    valueFromServer: value !== undefined && value.includes('%('),
    firstWord: index,
    wordCount,
    inCluster,
    flagStart: verbatim ? word.start + flagStart : word.start,
    flagEnd: verbatim ? word.start + flagEnd : word.end,
    valueStart,
    valueEnd,
  });
  return wordCount;
}
