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
import { basename } from '../util/basename';

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

export interface CeleryCommand {
  words: ShellWord[];
  /** The `celery` word (or the `celery` after `python -m`). */
  programWordIndex: number;
  /** The subcommand (`worker`, `beat`, `multi`, ...) and its word; undefined when there is none. */
  subcommand?: string;
  subcommandIndex?: number;
  /** Every option of a known table, in command-line order. */
  options: CeleryOption[];
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
  spec: CeleryOptionSpec;
  scope: CeleryScope;
  /** The flag as the table spells it: options keep this string, not a copy read from the command line. */
  flag: string;
}

function flagTable(scope: CeleryScope, list: readonly CeleryOptionSpec[]): Map<string, KnownOption> {
  const table = new Map<string, KnownOption>();
  for (const spec of list)
    for (const flag of [spec.long, spec.short, ...(spec.aliases ?? [])]) if (flag) table.set(flag, { spec, scope, flag });
  return table;
}

const TABLES: Record<CeleryScope, Map<string, KnownOption>> = {
  global: flagTable('global', CELERY_GLOBAL_OPTIONS),
  worker: flagTable('worker', CELERY_SUBCOMMAND_OPTIONS.worker),
  beat: flagTable('beat', CELERY_SUBCOMMAND_OPTIONS.beat),
};

/**
 * Where a flag is looked up. After a known subcommand: its own options, then the global ones written in the wrong
 * place. Before any subcommand: the global options, then subcommand options written in the wrong place. After
 * another subcommand (multi, flower, ...) the same, as `celery multi` hands worker options on to its nodes.
 */
function lookupOrder(subcommand: string | undefined): readonly CeleryScope[] {
  return isKnownCelerySubcommand(subcommand) ? ORDER_AFTER[subcommand] : ORDER_ELSEWHERE;
}

const ORDER_AFTER: Record<CeleryKnownSubcommand, readonly CeleryScope[]> = { worker: ['worker', 'global'], beat: ['beat', 'global'] };
const ORDER_ELSEWHERE: readonly CeleryScope[] = ['global', 'worker', 'beat'];

/** Reads Celery from the words of the service a command runs (see unwrap.ts): `celery ...` by basename. */
export function parseCeleryCommand(words: ShellWord[]): CeleryCommand | undefined {
  if (!words[0] || basename(words[0].value) !== 'celery') return undefined;
  const programWordIndex = 0;
  const options: CeleryOption[] = [];
  let subcommandIndex: number | undefined;
  for (let i = programWordIndex + 1; i < words.length;) {
    const word = words[i].value;
    if (word === '--') break;
    if (word.startsWith('-') && word !== '-') {
      i += readOption(words, i, subcommandIndex === undefined ? undefined : words[subcommandIndex].value, options);
    } else {
      if (subcommandIndex === undefined) subcommandIndex = i;
      i++;
    }
  }
  return new ParsedCommand(words, programWordIndex, subcommandIndex, options);
}

/**
 * A Celery command line; with `worker` as its subcommand it is its own worker view. A class, so that its methods are
 * shared rather than closures made for each of a file's command lines.
 */
class ParsedCommand implements CeleryCommand {
  readonly subcommand?: string;

  constructor(
    readonly words: ShellWord[],
    readonly programWordIndex: number,
    readonly subcommandIndex: number | undefined,
    readonly options: CeleryOption[],
  ) {
    this.subcommand = subcommandIndex === undefined ? undefined : words[subcommandIndex].value;
  }

  get(name: CeleryOptionName): CeleryOption | undefined {
    return lastNamed(this.options, name);
  }

  /** CeleryWorker.pool() */
  pool(): string {
    const pool = this.get('pool')?.value;
    return !pool || pool === 'processes' ? 'prefork' : pool;
  }
}

/**
 * The option as Celery uses it: the last occurrence wins. A command line has a handful of options, and names are the
 * schema's own strings: a backward scan costs less than a Map per command line (10 000 programs kept 2.5 MB of them).
 */
function lastNamed(options: readonly CeleryOption[], name: CeleryOptionName): CeleryOption | undefined {
  for (let i = options.length - 1; i >= 0; i--) if (options[i].name === name) return options[i];
  return undefined;
}

/** The worker view of a Celery command line: undefined unless its subcommand is `worker`. */
export function celeryWorkerOf(command: CeleryCommand | undefined): CeleryWorker | undefined {
  // A command parseCeleryCommand made has the worker's methods: no second object for the worker view.
  if (!(command instanceof ParsedCommand) || command.subcommand !== 'worker' || command.subcommandIndex === undefined) return undefined;
  return command as CeleryWorker;
}

export function parseCeleryWorker(words: ShellWord[]): CeleryWorker | undefined {
  return celeryWorkerOf(parseCeleryCommand(words));
}

/** The table entry of a flag, looked up in `order` (see lookupOrder). */
function lookupFlag(order: readonly CeleryScope[], flag: string): KnownOption | undefined {
  for (const scope of order) {
    const known = TABLES[scope].get(flag);
    if (known) return known;
  }
  return undefined;
}

/** Reads the option(s) starting at words[index] into `options`; returns the words consumed. */
function readOption(words: ShellWord[], index: number, subcommand: string | undefined, options: CeleryOption[]): number {
  const word = words[index];
  const order = lookupOrder(subcommand);
  const at: Placed = { words, index, placement: subcommand === undefined ? 'before' : 'after', options };
  if (word.value.startsWith('--')) {
    const equals = word.value.indexOf('=');
    const flag = equals < 0 ? word.value : word.value.slice(0, equals);
    const known = lookupFlag(order, flag);
    if (!known) return 1; // unknown to us: read as a flag
    const valueAt = equals >= 0 ? equals + 1 : known.spec.value === undefined ? null : undefined;
    return record(at, known, 0, flag.length, false, valueAt);
  }
  // A cluster of short options: flags until one that takes a value, which takes the rest of the word or the next word.
  for (let i = 1; i < word.value.length; i++) {
    const flag = `-${word.value[i]}`;
    const known = lookupFlag(order, flag);
    if (!known) continue;
    // The flag's range: `-P` when it leads the word, just the letter inside a cluster like `-EP`.
    const flagStart = i === 1 ? 0 : i;
    const rest = i + 1 < word.value.length;
    if (known.spec.value === undefined) {
      record(at, known, flagStart, i + 1, i > 1 || rest, null);
      continue;
    }
    return record(at, known, flagStart, i + 1, i > 1, rest ? i + 1 : undefined);
  }
  return 1;
}

interface Placed {
  words: ShellWord[];
  index: number;
  placement: 'before' | 'after';
  options: CeleryOption[];
}

/**
 * Records an option whose flag spans `flagStart`..`flagEnd` of words[index]. `valueAt`: where its value starts inside
 * that word, undefined when the value is the next word, null when it has none. Returns the words consumed.
 */
function record(
  at: Placed,
  known: KnownOption,
  flagStart: number,
  flagEnd: number,
  inCluster: boolean,
  valueAt: number | null | undefined,
): number {
  const { words, index } = at;
  const word = words[index];
  // Offsets inside a quoted word cover the whole word.
  const verbatim = word.verbatim;
  const next = valueAt === undefined ? words[index + 1] : undefined;
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
  at.options.push({
    name: known.spec.name as CeleryOptionName,
    spec: known.spec,
    scope: known.scope,
    placement: at.placement,
    flag: known.flag,
    value,
    valueFromServer: value?.includes('%(') ?? false,
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
