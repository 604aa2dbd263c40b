// The words of a command being unwrapped, and a getopt-like reader for the options wrappers take before the command
// they run: short clusters (`-lc`, `-n5`), long options (`--with x`, `--with=x`), `--` ending the options.
import { shiftOrigin, type Origin } from './origin';
import type { ShellWord } from './shellWords';

/** A word of the command, and how to map its value back to the config should it turn out to be a script. */
export interface Arg {
  word: ShellWord;
  valueOrigin(): Origin;
}

export interface OptionSpec {
  /** Short options (letters) that take a value, glued (`-n5`) or as the next word. */
  shortValue?: string;
  /** Long options (without `--`) that take a value, after `=` or as the next word; 'all' when every one does. */
  longValue?: ReadonlySet<string> | 'all';
  /** Short options after which the program reads no more options (`python -m module args`). */
  last?: string;
}

interface ReadOption {
  /** The letter of a short option, the name of a long one. */
  name: string;
  value?: Arg;
}

export interface ReadOptions {
  options: ReadOption[];
  /** Index of the first word after the options. */
  next: number;
}

/** The part of a word after its first `skip` characters: `celery` in `-mcelery`, `x` in `--with=x`. */
export function subArg(arg: Arg, skip: number): Arg {
  const word = arg.word;
  // Offsets inside a word only map 1:1 to its value when it is verbatim; otherwise the part stands for the whole word.
  const part: ShellWord = { ...word, value: word.value.slice(skip), start: word.verbatim ? word.start + skip : word.start };
  return { word: part, valueOrigin: () => shiftOrigin(arg.valueOrigin(), skip) };
}

/** Reads options from args[from] on, up to the first word that is not one (or just after `--`). Unknown options are flags. */
export function readOptions(args: readonly Arg[], from: number, spec: OptionSpec): ReadOptions {
  const options: ReadOption[] = [];
  let i = from;
  while (i < args.length) {
    const text = args[i].word.value;
    if (text === '--') return { options, next: i + 1 };
    if (!text.startsWith('-') || text === '-') break;
    if (text.startsWith('--')) {
      const equals = text.indexOf('=');
      const name = text.slice(2, equals < 0 ? undefined : equals);
      const takesValue = spec.longValue === 'all' || spec.longValue?.has(name);
      if (equals >= 0) options.push({ name, value: subArg(args[i], equals + 1) });
      else if (takesValue) options.push({ name, value: args[++i] });
      else options.push({ name });
      i++;
      continue;
    }
    const cluster = args[i];
    i++;
    for (let at = 1; at < text.length; at++) {
      const name = text[at];
      if (!spec.shortValue?.includes(name)) {
        options.push({ name });
        continue;
      }
      options.push({ name, value: at + 1 < text.length ? subArg(cluster, at + 1) : args[i++] });
      if (spec.last?.includes(name)) return { options, next: i };
      break;
    }
  }
  return { options, next: Math.min(i, args.length) };
}
