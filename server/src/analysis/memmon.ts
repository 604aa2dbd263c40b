// Recognises superlance's memmon in the service a command runs and reads its limits the way memmon does:
// Python getopt with short options "hcp:g:a:s:m:n:u:" (option parsing stops at the first non-option word).
import { keySchema, sectionSchema } from '../schema';
import { MEMMON_OPTIONS, type MemmonOption } from '../schema/commands';
import { resolveValue } from './resolveValue';
import type { ShellWord } from './shellWords';
import { hasBasename } from '../util/basename';

type MemmonLimitKind = 'program' | 'group' | 'any';

export interface MemmonLimit {
  kind: MemmonLimitKind;
  /** The flag as written: `-p`, `--program`, `--prog`, ... */
  flag: string;
  /**
   * The process or group name (`-p`/`-g`) as memmon gets it: supervisord %-expands `command=` before splitting it, so
   * `w%%x` is `w%x`. Undefined for `-a`, and when the name depends on the server (`%(ENV_X)s`) or cannot be expanded.
   */
  name?: string;
  size: string;
  /** Offsets in the command value; inside a quoted word they cover the whole word. */
  nameStart?: number;
  nameEnd?: number;
  sizeStart: number;
  sizeEnd: number;
  /** Name and size offsets are exact, so an edit may replace just them. */
  verbatim: boolean;
  /** Set when `-p`/`-g` is not NAME=SIZE: memmon refuses to start. */
  malformed?: string;
  /** The words the option occupies: its flag's word and its value's word (the same word for `-pNAME=SIZE`). */
  firstWord: number;
  lastWord: number;
}

export interface MemmonCommand {
  words: ShellWord[];
  programWordIndex: number;
  limits: MemmonLimit[];
  /** `-c`/`--cumulative`: a process's RSS includes its descendants'. */
  cumulative: boolean;
  /** The last word getopt read as an option (or the memmon word): new options go right after it. */
  lastOptionWord: number;
  /** The first word getopt leaves as an argument: memmon ignores it and every word after it. */
  firstArgument?: number;
  /** getopt's complaint (unknown option, missing value): memmon prints its usage and exits. */
  error?: { message: string; wordIndex: number };
}

const letter = (o: MemmonOption) => o.short!.slice(1);
const SHORT_WITH_VALUE = new Set(MEMMON_OPTIONS.filter((o) => o.value).map(letter));
const SHORT_FLAGS = new Set(MEMMON_OPTIONS.filter((o) => !o.value).map(letter));
/** getopt's long option list: `name=` for options taking a value. */
const LONG_OPTIONS = MEMMON_OPTIONS.map((o) => (o.value ? `${o.name}=` : o.name));
const KIND_BY_OPTION: Record<string, MemmonLimitKind> = {
  p: 'program',
  program: 'program',
  g: 'group',
  group: 'group',
  a: 'any',
  any: 'any',
};

/** Reads memmon from the words of the service a command runs (see unwrap.ts): `memmon` by basename, or the module `superlance.memmon`. */
export function parseMemmon(words: ShellWord[]): MemmonCommand | undefined {
  const program = words[0]?.value;
  if (program === undefined || (!hasBasename(program, 'memmon') && program !== 'superlance.memmon')) return undefined;
  const programWordIndex = 0;
  const command: MemmonCommand = { words, programWordIndex, limits: [], cumulative: false, lastOptionWord: programWordIndex };
  for (let i = programWordIndex + 1; i < words.length;) {
    const word = words[i].value;
    if (word === '--') {
      if (i + 1 < words.length) command.firstArgument = i + 1;
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      command.firstArgument = i;
      break;
    }
    const consumed = word.startsWith('--') ? readLong(command, i) : readShortCluster(command, i);
    if (consumed === 0) break;
    i += consumed;
    command.lastOptionWord = i - 1;
  }
  return command;
}

const COMMAND_EXPANSIONS = keySchema(sectionSchema('eventlistener:x')!, 'command')!.expansions ?? [];

/** A name as memmon receives it, or undefined when only the server knows it. */
function expandedName(written: string): string | undefined {
  const resolved = resolveValue(written, COMMAND_EXPANSIONS, {});
  return resolved.kind === 'value' ? resolved.value : undefined;
}

/** Returns the words consumed, 0 after an error. */
function readLong(command: MemmonCommand, index: number): number {
  const word = command.words[index];
  const equals = word.value.indexOf('=');
  const typed = word.value.slice(2, equals < 0 ? undefined : equals);
  // getopt accepts an exact name or an unambiguous prefix.
  const exact = LONG_OPTIONS.find((o) => o.replace('=', '') === typed);
  const matches = exact ? [exact] : LONG_OPTIONS.filter((o) => o.startsWith(typed));
  if (matches.length !== 1) {
    command.error = {
      message: matches.length ? `option --${typed} not a unique prefix` : `option --${typed} not recognized`,
      wordIndex: index,
    };
    return 0;
  }
  const option = matches[0];
  const takesValue = option.endsWith('=');
  const flag = word.value.slice(0, equals < 0 ? undefined : equals);
  if (!takesValue) {
    if (option === 'cumulative') command.cumulative = true;
    if (equals >= 0) command.error = { message: `option --${option} must not have an argument`, wordIndex: index };
    return equals >= 0 ? 0 : 1;
  }
  if (equals >= 0) return addValue(command, option.slice(0, -1), flag, index, index, equals + 1);
  if (index + 1 >= command.words.length) {
    command.error = { message: `option --${option.slice(0, -1)} requires argument`, wordIndex: index };
    return 0;
  }
  return addValue(command, option.slice(0, -1), flag, index, index + 1, 0) + 1;
}

function readShortCluster(command: MemmonCommand, index: number): number {
  const word = command.words[index];
  for (let at = 1; at < word.value.length; at++) {
    const letter = word.value[at];
    if (SHORT_FLAGS.has(letter)) {
      if (letter === 'c') command.cumulative = true;
      continue;
    }
    if (!SHORT_WITH_VALUE.has(letter)) {
      command.error = { message: `option -${letter} not recognized`, wordIndex: index };
      return 0;
    }
    if (at + 1 < word.value.length) return addValue(command, letter, `-${letter}`, index, index, at + 1);
    if (index + 1 >= command.words.length) {
      command.error = { message: `option -${letter} requires argument`, wordIndex: index };
      return 0;
    }
    return addValue(command, letter, `-${letter}`, index, index + 1, 0) + 1;
  }
  return 1;
}

/** Records the value of option `option` (flag in words[flagIndex]) found at `valueAt` inside words[index]; returns 1 (the word consumed). */
function addValue(command: MemmonCommand, option: string, flag: string, flagIndex: number, index: number, valueAt: number): number {
  const kind = KIND_BY_OPTION[option];
  if (!kind) return 1;
  const word = command.words[index];
  const value = word.value.slice(valueAt);
  const at = (offset: number) => (word.verbatim ? word.start + valueAt + offset : undefined);
  const whole = { start: word.start, end: word.end };
  const words = { firstWord: flagIndex, lastWord: index };
  if (kind === 'any') {
    command.limits.push({
      kind,
      flag,
      size: value,
      sizeStart: at(0) ?? whole.start,
      sizeEnd: whole.end,
      verbatim: word.verbatim,
      ...words,
    });
    return 1;
  }
  const parts = value.split('=');
  const equals = value.indexOf('=');
  const name = parts.length === 2 ? parts[0] : equals < 0 ? value : value.slice(0, equals);
  const size = parts.length === 2 ? parts[1] : equals < 0 ? '' : value.slice(equals + 1);
  command.limits.push({
    kind,
    flag,
    name: expandedName(name),
    size,
    nameStart: at(0) ?? whole.start,
    nameEnd: at(name.length) ?? whole.end,
    sizeStart: equals < 0 ? (at(value.length) ?? whole.end) : (at(equals + 1) ?? whole.start),
    sizeEnd: whole.end,
    verbatim: word.verbatim,
    malformed: parts.length === 2 ? undefined : `"${value}" is not NAME=SIZE`,
    ...words,
  });
  return 1;
}
