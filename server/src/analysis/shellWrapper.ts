// `sh -c 'script'`: the command that ends the script is the one the program really is; what comes before it
// (cd, source, export, ...) only sets it up. Its words are placed back in the config value through the script's quoting.
import { placeWord, valueOrigin, type Origin } from './origin';
import { isVariableName, readScriptCommands, readScriptWord, type ScriptWord, type SimpleCommand } from './shellScript';
import { readOptions, type Arg, type OptionSpec } from './wrapperArgs';
import { shellExecsLast } from './shellExec';
import type { Unwrapped } from './wrappers';

const SHELL_OPTIONS: OptionSpec = { shortValue: 'oO', longValue: new Set(['rcfile', 'init-file']) };

export function unwrapShell(args: Arg[], name: string): Unwrapped | undefined {
  const { options, next } = readOptions(args, 1, SHELL_OPTIONS);
  const scriptArg = args[next];
  // Without -c the shell reads a script file or its input.
  if (!scriptArg || !options.some((o) => o.name === 'c')) return undefined;
  const script = scriptArg.word.value;
  const commands = readScriptCommands(script);
  const service = commands?.[commands.length - 1];
  if (!commands || !service || service.words.length === 0) return undefined;
  const origin = scriptArg.valueOrigin();
  const environment = exportChanges(commands.slice(0, -1));
  for (const { name: variable, value } of service.assignments) environment.push([variable, value]);
  const first = service.words[0];
  const execWritten = first.value === 'exec';
  return {
    label: `${name} -c`,
    rest: service.words.map((word) => argOfScript(origin, script, word)),
    environment,
    shell: {
      shell: name,
      execWritten,
      shellExecs: shellExecsLast(name, commands),
      insertExecAt: execWritten || !origin.reaches(first.start) ? undefined : origin.from(first.start),
    },
  };
}

function argOfScript(origin: Origin, script: string, word: ScriptWord): Arg {
  const verbatim = word.end - word.start === word.value.length;
  return {
    word: placeWord(origin, word.value, word.start, word.end),
    valueOrigin: () => valueOrigin(origin, word.start, word.value, verbatim, (trace) => readScriptWord(script, word.start, trace)),
  };
}

/** The environment changes the set-up commands make for the commands after them: `export`, `unset`. */
function exportChanges(setup: SimpleCommand[]): [string, string | undefined][] {
  const variables = new Map<string, string>();
  const exported = new Set<string>();
  const changes: [string, string | undefined][] = [];
  for (const { assignments, words } of setup) {
    const [program, ...args] = words;
    if (!program) {
      // A bare assignment sets a shell variable, which reaches the environment only once exported.
      for (const { name, value } of assignments) {
        variables.set(name, value);
        if (exported.has(name)) changes.push([name, value]);
      }
    } else if (program.value === 'export') {
      for (const { value: text } of args) {
        const equals = text.indexOf('=');
        const name = equals < 0 ? text : text.slice(0, equals);
        if (!isVariableName(name)) continue; // -n, -p
        const value = equals < 0 ? variables.get(name) : text.slice(equals + 1);
        exported.add(name);
        if (value === undefined) continue;
        variables.set(name, value);
        changes.push([name, value]);
      }
    } else if (program.value === 'unset') {
      for (const { value: name } of args) {
        if (!isVariableName(name)) continue;
        variables.delete(name);
        exported.delete(name);
        changes.push([name, undefined]);
      }
    }
  }
  return changes;
}
