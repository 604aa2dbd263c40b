// Finds the program a `command=` really runs by seeing through the programs that only start another one (exec, env,
// nice, gosu, uv run, python -m, sh -c '...', ...), in any order and nesting. Pure: it reads the words, nothing else.
// The words found keep their offsets in the config value, also when they come from inside a quoted `-c` script.
import { CONFIG_VALUE, valueOrigin } from './origin';
import { readShlexWord, type ShellWord } from './shellWords';
import type { Arg } from './wrapperArgs';
import type { ShellExecs } from './shellExec';
import { basename } from '../util/basename';
import { wrapperNamed } from './wrappers';

/** How a shell script starts the service, for rules about `exec`. */
export interface ShellStart {
  /** The shell's name: `sh`, `bash`, `dash` or `zsh`. */
  shell: string;
  /** The service command is written `exec ...`, so the shell is replaced by it and signals reach it. */
  execWritten: boolean;
  /** Without `exec` written, whether the shell replaces itself with the service anyway (see shellExec.ts). */
  shellExecs: ShellExecs;
  /**
   * Where `exec ` would go in the config value: before the service command's first word (after any NAME=VALUE).
   * Undefined when exec is written, or when text written there would not reach the script as written.
   */
  insertExecAt?: number;
}

export interface Service {
  /** The argv of the program that really runs; offsets are in the config value. */
  words: ShellWord[];
  /** What was seen through, outermost first: e.g. `bash -c`, `exec`, `uv run`, `python3 -m`. */
  wrappers: readonly string[];
  /** Set when a shell script starts the service (the innermost one when shells nest). */
  shell?: ShellStart;
  /** What the wrappers set in the service's environment: `env NAME=VALUE`, `export NAME=VALUE`, `NAME=VALUE cmd`. */
  environment: ReadonlyMap<string, string>;
  /**
   * Variables of supervisord's environment that do not reach the service: those the wrappers unset (`env -u`,
   * `unset`), or every one (`'all'`) after `env -i`.
   */
  removed: ReadonlySet<string> | 'all';
}

// What most commands (no wrapper) share: no wrapper, nothing set, nothing removed.
const NO_WRAPPERS: readonly string[] = [];
const NOTHING_SET: ReadonlyMap<string, string> = new Map();
const NOTHING_REMOVED: ReadonlySet<string> = new Set();

/** The service run by a command line split into `words` (config value `value`). */
export function unwrapCommand(value: string, words: ShellWord[]): Service {
  // Most commands start with the program itself: nothing to prepare then.
  if (!words[0] || !wrapperNamed(basename(words[0].value)))
    return { words, wrappers: NO_WRAPPERS, environment: NOTHING_SET, removed: NOTHING_REMOVED };
  const environment = new Map<string, string>();
  const removed = new Set<string>();
  const wrappers: string[] = [];
  const service: Service = { words, wrappers, environment, removed };
  let args: Arg[] = words.map((word) => ({
    word,
    valueOrigin: () => valueOrigin(CONFIG_VALUE, word.start, word.value, word.verbatim, (trace) => readShlexWord(value, word.start, trace)),
  }));
  for (;;) {
    const name = args[0] && basename(args[0].word.value);
    const unwrapped = name ? wrapperNamed(name)?.(args, name) : undefined;
    if (!unwrapped) break;
    wrappers.push(unwrapped.label);
    if (unwrapped.clearsEnvironment) {
      environment.clear();
      service.removed = 'all';
    }
    for (const [variable, setting] of unwrapped.environment ?? []) {
      if (setting !== undefined) environment.set(variable, setting);
      else {
        environment.delete(variable);
        if (service.removed !== 'all') removed.add(variable);
      }
    }
    if (unwrapped.shell) service.shell = unwrapped.shell;
    args = unwrapped.rest;
  }
  service.words = args.map((arg) => arg.word);
  return service;
}
