// Where programs and groups are named across the models of a configuration: their [program:x]/[group:x] headers,
// `[group:x] programs=` items and memmon's -p/-g limits. Navigation, highlights and rename read this.
import type { Range } from '../parser';
import type { ConfigModel, Program } from './model';
import { processLookup } from './processIndex';

type NameKind = 'program' | 'group';

export interface NameRef {
  model: ConfigModel;
  kind: NameKind;
  name: string;
  range: Range;
  isDefinition: boolean;
  /** The range holds exactly the name, so a rename may replace it. */
  renamable: boolean;
}

const PROGRAM_SECTIONS = new Set(['program', 'fcgi-program']);

/** Programs by name, and by the name of each of their processes (what memmon's -p names). */
interface Known {
  programs: Map<string, Program>;
  byProcess: (name: string) => Program[];
  groups: Set<string>;
}

function memmonRefs(model: ConfigModel, program: Program, { programs, byProcess, groups }: Known): NameRef[] {
  const command = program.command;
  if (!command?.memmon) return [];
  return command.memmon.limits.flatMap((limit) => {
    if (limit.name === undefined || limit.malformed || limit.nameStart === undefined || limit.nameEnd === undefined) return [];
    const range = command.rangeOf(limit.nameStart, limit.nameEnd);
    if (limit.kind === 'group') {
      const kind: NameKind = groups.has(limit.name) ? 'group' : 'program';
      return programs.has(limit.name) || groups.has(limit.name)
        ? [{ model, kind, name: limit.name, range, isDefinition: false, renamable: limit.verbatim }]
        : [];
    }
    // -p names a process: `name` or `group:name`; it names the program when the process is the program's only one.
    const name = limit.name;
    const colon = name.indexOf(':');
    const bare = colon === -1 ? name : name.slice(colon + 1);
    const target = byProcess(bare).find((p) => colon === -1 || p.groupName === name.slice(0, colon));
    if (!target) return [];
    const renamable = limit.verbatim && colon === -1 && bare === target.name;
    return [{ model, kind: 'program' as const, name: target.name, range, isDefinition: false, renamable }];
  });
}

const cache = new WeakMap<readonly ConfigModel[], NameRef[]>();

/** Every reference to a program or group in these models (a configuration: main config and includes), memoised per models list. */
export function nameReferences(models: readonly ConfigModel[]): NameRef[] {
  const cached = cache.get(models);
  if (cached) return cached;
  const defined = models.flatMap((m) => m.programs).filter((p) => PROGRAM_SECTIONS.has(p.kind));
  const known: Known = {
    programs: new Map(defined.map((p) => [p.name, p])),
    byProcess: processLookup(defined),
    groups: new Set(models.flatMap((m) => m.groups.map((g) => g.name))),
  };
  const { programs } = known;
  const refs: NameRef[] = [];
  for (const model of models) {
    for (const program of model.programs) {
      for (const node of program.section.nodes) {
        if (PROGRAM_SECTIONS.has(program.kind) && node.argRange) {
          refs.push({
            model,
            kind: 'program',
            name: program.name,
            range: node.argRange,
            isDefinition: true,
            renamable: node.arg === program.name,
          });
        }
      }
      refs.push(...memmonRefs(model, program, known));
    }
    for (const group of model.groups) {
      for (const node of group.section.nodes) {
        if (node.argRange)
          refs.push({
            model,
            kind: 'group',
            name: group.name,
            range: node.argRange,
            isDefinition: true,
            renamable: node.arg === group.name,
          });
      }
      for (const { name, range } of group.members) {
        if (name !== undefined && programs.has(name))
          refs.push({ model, kind: 'program', name, range, isDefinition: false, renamable: true });
      }
    }
  }
  cache.set(models, refs);
  return refs;
}

const SHELL_SPLIT = "memmon's command is split like a shell line, so it would not read the name back";
/** Characters that break a name in one of the places a rename writes it, and why. */
const NAME_BREAKERS: Record<string, string> = {
  ':': 'supervisord refuses it in a program or group name',
  '/': 'supervisord refuses it in a program or group name',
  ',': 'it would split the name in a [group:x] programs= list',
  '%': 'supervisord expands % in programs= and in commands',
  '=': "memmon's -p and -g take NAME=SIZE",
  '\\': SHELL_SPLIT,
  '"': SHELL_SPLIT,
  "'": SHELL_SPLIT,
};
const SPACE_OR_CONTROL = /[\s\p{Cc}]/u;

/**
 * Why `name` cannot be written everywhere a program or group is named (its [kind:name] header, `programs=` lists and
 * memmon's -p/-g words) and be read back as the same name, or undefined when it can.
 */
export function unwritableName(name: string): string | undefined {
  if (name === '') return 'a name cannot be empty';
  for (const character of name) {
    if (SPACE_OR_CONTROL.test(character)) return `a name cannot contain whitespace or control characters (${JSON.stringify(character)})`;
    const reason = NAME_BREAKERS[character];
    if (reason) return `a name cannot contain "${character}": ${reason}`;
  }
  // After whitespace (`programs=a, ;b`, `memmon -p ;b=1GB`) a leading ';' or '#' starts a comment.
  if (name[0] === ';' || name[0] === '#') return `a name cannot start with "${name[0]}": after a space it starts a comment`;
  return undefined;
}

/** Every program, fcgi-program, event listener and group name in these models: the names a rename must not take. */
export function takenNames(models: readonly ConfigModel[]): Set<string> {
  const names = new Set<string>();
  for (const model of models) {
    for (const program of model.programs) names.add(program.name);
    for (const group of model.groups) names.add(group.name);
  }
  return names;
}
