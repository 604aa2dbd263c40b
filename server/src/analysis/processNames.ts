// The names supervisord gives a program's processes, without writing them all out: a `process_name` with one
// `%(process_num)` field is matched by reading the number back out of a name and printing it again, so a program with
// a million processes costs no more than one with two. Other templates are listed, up to a limit.
import type { NumberField } from './expand';

export interface ProcessNames {
  /** How many processes the program starts (supervisord names each, duplicates included). */
  readonly count: number;
  /** A process of this program has exactly this name. */
  has(name: string): boolean;
  /** The name of the index-th process (0 is numprocs_start's). */
  at(index: number): string;
  /** The first names in process-number order, at most `max`. */
  first(max: number): string[];
  /**
   * The names worth comparing with a word that names no process, for a typo suggestion: all of them when there are
   * few, else the first, the last, and those whose number is read from the word (`wrker_07` -> `worker_07`).
   */
  near(word: string): readonly string[];
  /** The text every name starts with, when the names follow a template (undefined for a list). */
  readonly prefix?: string;
}

/** Programs with at most this many processes offer every name as a suggestion. */
const NEAR_ALL = 64;
/** Numbers read from one word for suggestions. */
const NEAR_NUMBERS = 4;

export function listedNames(names: readonly string[]): ProcessNames {
  let set: Set<string> | undefined;
  return {
    count: names.length,
    has: (name) => (set ??= new Set(names)).has(name),
    at: (index) => names[index],
    first: (max) => names.slice(0, max),
    near: () => names,
  };
}

/**
 * Names `before + field(number) + after` for numbers start … start + count - 1 (all safe integers), or `before`
 * alone for each process when the template has no number field.
 */
export function templateNames(before: string, after: string, field: NumberField | undefined, start: number, count: number): ProcessNames {
  return new TemplateNames(before, after, field, start, count);
}

/** A class, not closures: every program of a 10 000-program file keeps one. */
class TemplateNames implements ProcessNames {
  /** The first and last names are offered for every mistyped word: printed once. */
  private ends: [string, string] | undefined = undefined;
  /** Every name, when there are few enough to offer them all (NEAR_ALL): printed at the first mistyped word. */
  private all: string[] | undefined = undefined;

  constructor(
    readonly prefix: string,
    private readonly after: string,
    private readonly field: NumberField | undefined,
    private readonly start: number,
    readonly count: number,
  ) {}

  at(index: number): string {
    return this.field ? this.prefix + this.field.print(this.start + index) + this.after : this.prefix;
  }

  has(name: string): boolean {
    const { prefix: before, after, field } = this;
    if (!field) return this.count > 0 && name === before;
    if (name.length < before.length + after.length || !name.startsWith(before) || !name.endsWith(after)) return false;
    const text = name.slice(before.length, name.length - after.length);
    const n = readNumber(text, field);
    return n !== undefined && n >= this.start && n - this.start < this.count && field.print(n) === text;
  }

  first(max: number): string[] {
    return Array.from({ length: Math.min(max, this.count) }, (_, i) => this.at(i));
  }

  near(word: string): readonly string[] {
    const { count, start, field } = this;
    if (count <= NEAR_ALL) return (this.all ??= this.first(count));
    const ends = (this.ends ??= [this.at(0), this.at(count - 1)]);
    const near = [ends[0]];
    for (const n of field ? numbersIn(word, field.radix) : []) {
      const index = Math.min(Math.max(n, start), start + count - 1) - start;
      if (index !== 0 && index !== count - 1) near.push(this.at(index));
    }
    near.push(ends[1]);
    return near;
  }
}

const DIGITS = '0123456789abcdef';
const digitValue = (char: string, radix: number) => {
  const value = DIGITS.indexOf(char.toLowerCase());
  return value >= 0 && value < radix ? value : -1;
};

/**
 * The number a field's text shows, when it shows one: padding spaces, a sign, the `#` prefix and leading zeros
 * skipped. Printing the number again and comparing says whether the text is exactly what the field prints.
 */
function readNumber(text: string, field: NumberField): number | undefined {
  let i = 0;
  let end = text.length;
  while (text[i] === ' ') i++;
  while (end > i && text[end - 1] === ' ') end--;
  const negative = text[i] === '-';
  if (negative || text[i] === '+') i++;
  if (field.prefix) {
    if (!text.startsWith(field.prefix, i)) return undefined;
    i += field.prefix.length;
  }
  while (i < end - 1 && text[i] === '0') i++;
  // Past 16 digits no safe integer is left: the name is out of range anyway.
  if (i === end || end - i > 16) return undefined;
  let n = 0;
  for (; i < end; i++) {
    const digit = digitValue(text[i], field.radix);
    if (digit < 0) return undefined;
    n = n * field.radix + digit;
  }
  return negative ? -n : n;
}

// Every program of a configuration reads the same word when a suggestion is looked for: read it once.
let lastRead: { word: string; radix: number; numbers: number[] } | undefined;

/** A run of digits as a number (its first 16 digits: past them no safe integer is left). */
function runValue(run: string, radix: number): number {
  let n = 0;
  for (let i = 0; i < run.length && i < 16; i++) n = n * radix + digitValue(run[i], radix);
  return n;
}

/**
 * Numbers a mistyped name may have meant: each of the word's first few runs of digits, and that run with one digit
 * left out (`w_1000000` for `w_100000`). A typo usually keeps the process number, or slips one digit into it.
 */
function numbersIn(word: string, radix: number): number[] {
  if (lastRead?.word === word && lastRead.radix === radix) return lastRead.numbers;
  const found = new Set<number>();
  let runs = 0;
  for (let i = 0; i < word.length && runs < NEAR_NUMBERS; i++) {
    if (digitValue(word[i], radix) < 0) continue;
    const start = i;
    while (i < word.length && digitValue(word[i], radix) >= 0) i++;
    const run = word.slice(start, Math.min(i, start + 17));
    found.add(runValue(run, radix));
    for (let skip = 0; skip < run.length && run.length > 1; skip++) found.add(runValue(run.slice(0, skip) + run.slice(skip + 1), radix));
    runs++;
  }
  lastRead = { word, radix, numbers: [...found] };
  return lastRead.numbers;
}
