// The configuration supervisord reads, as files on disk: the main config (where the connection is found) and the
// sections of every file it includes, each with the supervisord group its processes belong to. No VS Code import.
import type { ConfigModel } from '../../../server/src/analysis/model';
import type { ProcessNames } from '../../../server/src/analysis/processNames';
import { configContext, NOT_LOADED } from '../../../server/src/analysis/workspace';
import type { Range } from '../../../server/src/parser';
import { NodeConfigSource } from '../../../server/src/nodeConfigSource';

export interface SectionRef {
  path: string;
  /** The section's name, `program:web` or `group:workers`. */
  section: string;
  kind: 'program' | 'group';
  /** The program's or group's own name. */
  name: string;
  /** The supervisord group its processes run in. */
  group: string;
  /** Process names, when the analysis knows them (undefined for a group). */
  processNames?: ProcessNames;
  headerRange: Range;
}

export interface LiveConfiguration {
  main: ConfigModel;
  models: ConfigModel[];
}

/**
 * The sections that make supervisord groups, across the files of one configuration. A program listed by a
 * [group:x] in any file runs in that group (options.py: process_groups_from_parser), an event listener never does.
 */
export function sectionRefs(models: readonly ConfigModel[]): SectionRef[] {
  const groupOf = new Map<string, string>();
  for (const model of models)
    for (const group of model.groups) for (const { name } of group.members) if (name !== undefined) groupOf.set(name, group.name);
  const refs: SectionRef[] = [];
  for (const model of models) {
    if (!model.path) continue;
    for (const group of model.groups)
      refs.push({
        path: model.path,
        section: group.section.name,
        kind: 'group',
        name: group.name,
        group: group.name,
        headerRange: group.section.nodes[0].headerRange,
      });
    for (const program of model.programs) {
      refs.push({
        path: model.path,
        section: program.section.name,
        kind: 'program',
        name: program.name,
        group: (program.kind !== 'eventlistener' && groupOf.get(program.name)) || program.name,
        processNames: program.processNames,
        headerRange: program.section.nodes[0].headerRange,
      });
    }
  }
  return refs;
}

/** The section that defines a process (group and name as supervisord reports them), else its group's section. */
export function sectionOfProcess(refs: readonly SectionRef[], group: string, name: string): SectionRef | undefined {
  const programs = refs.filter((r) => r.kind === 'program' && r.group === group);
  return (
    programs.find((r) => r.processNames?.has(name)) ??
    programs.find((r) => r.name === name) ??
    refs.find((r) => r.kind === 'group' && r.name === group) ??
    (programs.length === 1 ? programs[0] : undefined)
  );
}

/** The sections of one group: its [group:x] and its programs' sections (or the program that is its own group). */
export const sectionsOfGroup = (refs: readonly SectionRef[], group: string) => refs.filter((r) => r.group === group);

/**
 * The configuration a file on disk belongs to, read from disk as supervisord would read it: for a main config
 * itself and its includes, for a file a main config near it includes that main config. Undefined for a fragment no
 * main config includes (then there is no connection to find).
 */
export function readConfiguration(path: string, source = new NodeConfigSource()): LiveConfiguration | undefined {
  const model = source.model(path);
  // A synchronous source reads at once, so "not loaded" only means it could not be read.
  if (!model || model === NOT_LOADED) return undefined;
  const context = configContext(model, source);
  // A file that a main config near it includes (a fragment, or a conf.d file with a [supervisord] of its own, as
  // Docker images write) belongs to that main config's supervisord.
  if (context.includer === undefined) return model.isFragment ? undefined : { main: model, models: context.models };
  const main = context.models.find((m) => m.path === context.includer);
  // An included file's context lists it first; the main config and its other includes follow.
  return main && { main, models: [main, ...context.models.filter((m) => m !== main)] };
}
