// Recognises a Celery worker in the service a command runs and reads the options our rules care about, in every
// spelling Celery's command line (click) accepts: `--pool=gevent`, `--pool gevent`, `-P gevent`, `-Pgevent`.
import { CELERY_WORKER_OPTIONS } from '../schema/commands';
import type { ShellWord } from './shellWords';
import { basename } from '../util/basename';

export type CeleryOptionName =
  | 'pool'
  | 'concurrency'
  | 'loglevel'
  | 'maxMemoryPerChild'
  | 'maxTasksPerChild'
  | 'app'
  | 'hostname'
  | 'autoscale'
  | 'timeLimit'
  | 'softTimeLimit';

/** The worker options we read, by their long and short flags. */
export const CELERY_OPTION_FLAGS: Record<CeleryOptionName, { long: string; short?: string }> = {
  app: { long: '--app', short: '-A' },
  pool: { long: '--pool', short: '-P' },
  concurrency: { long: '--concurrency', short: '-c' },
  loglevel: { long: '--loglevel', short: '-l' },
  maxMemoryPerChild: { long: '--max-memory-per-child' },
  maxTasksPerChild: { long: '--max-tasks-per-child' },
  hostname: { long: '--hostname', short: '-n' },
  autoscale: { long: '--autoscale' },
  timeLimit: { long: '--time-limit' },
  softTimeLimit: { long: '--soft-time-limit' },
};

// Every option taking a value maps to null unless we track it, so its value is never read as an option.
const OPTION_BY_FLAG = new Map<string, CeleryOptionName | null>();
for (const option of CELERY_WORKER_OPTIONS) {
  if (option.value === undefined) continue;
  for (const flag of [option.long, option.short]) if (flag) OPTION_BY_FLAG.set(flag, null);
}
for (const [name, flags] of Object.entries(CELERY_OPTION_FLAGS) as [CeleryOptionName, { long: string; short?: string }][]) {
  OPTION_BY_FLAG.set(flags.long, name);
  if (flags.short) OPTION_BY_FLAG.set(flags.short, name);
}

export interface CeleryOption {
  name: CeleryOptionName;
  /** The flag as written, e.g. `--pool` or `-P`. */
  flag: string;
  value?: string;
  /** Index of the word holding the flag, and how many words the option spans (1 or 2). */
  firstWord: number;
  wordCount: number;
  /** Offsets in the command value; inside a quoted word they cover the whole word. */
  flagStart: number;
  flagEnd: number;
  valueStart?: number;
  valueEnd?: number;
}

export interface CeleryWorker {
  words: ShellWord[];
  /** The `celery` word: always 0, as `words` are the service's words. */
  programWordIndex: number;
  /** The `worker` word. */
  subcommandIndex: number;
  options: CeleryOption[];
  /** The option as Celery uses it: the last occurrence wins. */
  get(name: CeleryOptionName): CeleryOption | undefined;
  /** The pool in effect, lower case; `prefork` when none is given. */
  pool(): string;
}

/** Reads the worker from the words of the service a command runs (see unwrap.ts): `celery ...` by basename. */
export function parseCeleryWorker(words: ShellWord[]): CeleryWorker | undefined {
  if (!words[0] || basename(words[0].value) !== 'celery') return undefined;
  const programWordIndex = 0;
  const options: CeleryOption[] = [];
  let subcommandIndex: number | undefined;
  for (let i = programWordIndex + 1; i < words.length; ) {
    const word = words[i].value;
    if (word === '--') break;
    if (word.startsWith('-') && word !== '-') {
      i += readOption(words, i, options);
    } else if (subcommandIndex === undefined && word === 'worker') {
      subcommandIndex = i++;
    } else if (subcommandIndex === undefined) {
      return undefined; // another subcommand: beat, flower, multi, ...
    } else {
      i++;
    }
  }
  if (subcommandIndex === undefined) return undefined;
  const get = (name: CeleryOptionName) => options.findLast((o) => o.name === name);
  return {
    words,
    programWordIndex,
    subcommandIndex,
    options,
    get,
    pool() {
      const pool = get('pool')?.value?.toLowerCase();
      return !pool || pool === 'processes' ? 'prefork' : pool;
    },
  };
}

/** Reads the option starting at words[index] into `options` (when it is one we track); returns the words consumed. */
function readOption(words: ShellWord[], index: number, options: CeleryOption[]): number {
  const word = words[index];
  if (word.value.startsWith('--')) {
    const equals = word.value.indexOf('=');
    const flag = equals < 0 ? word.value : word.value.slice(0, equals);
    const name = OPTION_BY_FLAG.get(flag);
    if (name === undefined) return 1; // a flag without value, or one we do not know
    return record(options, name, flag, words, index, [0, flag.length], equals >= 0 ? equals + 1 : undefined);
  }
  // A cluster of short options: flags until one that takes a value, which takes the rest of the word or the next word.
  for (let at = 1; at < word.value.length; at++) {
    const flag = `-${word.value[at]}`;
    const name = OPTION_BY_FLAG.get(flag);
    if (name === undefined) continue;
    // The flag's range: `-P` when it leads the word, just the letter inside a cluster like `-EP`.
    const span: [number, number] = [at === 1 ? 0 : at, at + 1];
    return record(options, name, flag, words, index, span, at + 1 < word.value.length ? at + 1 : undefined);
  }
  return 1;
}

/**
 * Records an option whose flag spans `flagSpan` of words[index] and whose value starts at `valueAt` inside that
 * word, or is the next word when `valueAt` is undefined. Returns the words consumed.
 */
function record(
  options: CeleryOption[],
  name: CeleryOptionName | null,
  flag: string,
  words: ShellWord[],
  index: number,
  flagSpan: [number, number],
  valueAt: number | undefined,
): number {
  const word = words[index];
  const within = (offset: number) => (word.verbatim ? word.start + offset : undefined);
  const flagStart = within(flagSpan[0]) ?? word.start;
  const flagEnd = within(flagSpan[1]) ?? word.end;
  if (valueAt !== undefined) {
    if (name) {
      options.push({
        name, flag, value: word.value.slice(valueAt), firstWord: index, wordCount: 1,
        flagStart, flagEnd, valueStart: within(valueAt) ?? word.start, valueEnd: word.end,
      });
    }
    return 1;
  }
  const next = words[index + 1];
  if (name) {
    options.push({
      name, flag, value: next?.value, firstWord: index, wordCount: next ? 2 : 1,
      flagStart, flagEnd, valueStart: next?.start, valueEnd: next?.end,
    });
  }
  return next ? 2 : 1;
}
