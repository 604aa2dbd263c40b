// A section that several files of a configuration have is one section to supervisord: it reads every file into one
// ConfigParser, which merges the copies, a key set in several taking the value of the file read last (a conf.d
// override file). What the rules ask about the merged section, from the copy in the analysed file.
import type { ConfigModel, ConfigSection, Program } from '../analysis/model';
import type { Entry } from '../parser';
import { pathFrom } from './config/shared';
import type { RuleContext } from './types';

/**
 * A file read after this one has a copy of the section that sets the key: the loader merges the copies and reads
 * that later value, never this one (config/duplicate-section-across-files reports the copies).
 */
export function setByLaterCopy(
  context: Pick<RuleContext, 'model' | 'sectionsNamed' | 'hasCopies'>,
  section: ConfigSection,
  key: string,
): boolean {
  if (!context.hasCopies(section.name)) return false;
  const parts = context.sectionsNamed(section.name);
  if (parts.length < 2) return false;
  const place = parts.findIndex((part) => part.model === context.model);
  return parts.some((part, i) => i > place && part.section.entries.get(key) !== undefined);
}

/** An entry, and the file of the configuration it is written in. */
export interface EntryIn {
  entry: Entry;
  model: ConfigModel;
  /** The file's copy of the section (the entry is that copy's, or its file's [DEFAULT]'s). */
  section: ConfigSection;
}

/**
 * The entry the loader reads for `key` in `section` of the analysed file. supervisord merges the copies of a section
 * that several files of a configuration have (a conf.d file overriding another's program): the last file read that
 * sets the key gives it, and [DEFAULT] only when no copy does (the analysed file's own [DEFAULT]).
 */
export function entryRead(
  context: Pick<RuleContext, 'model' | 'sectionsNamed' | 'hasCopies'>,
  section: ConfigSection,
  key: string,
): EntryIn | undefined {
  const { model } = context;
  // Rules ask for every program: the list of copies is made only for a section that has some.
  const parts = context.hasCopies(section.name) ? context.sectionsNamed(section.name) : undefined;
  let found: EntryIn | undefined;
  if (parts !== undefined && parts.length > 1)
    for (const part of parts) {
      const entry = part.section.entries.get(key);
      if (entry) found = { entry, model: part.model, section: part.section };
    }
  if (found) return found;
  const entry = model.lookup(section, key);
  return entry && { entry, model, section };
}

/** Where a message says an entry read for `section` of `model` is written: its own line, [DEFAULT], or another file. */
export function writtenWhere(model: ConfigModel, section: ConfigSection, found: EntryIn): string {
  if (found.model !== model) return ` (set in ${pathFrom(model, found.model)})`;
  return section.entries.get(found.entry.key) === found.entry ? '' : ' (from [DEFAULT])';
}

/** The entry is a line of the section itself in the analysed file (not [DEFAULT]'s, nor another file's). */
export const ownLine = (model: ConfigModel, section: ConfigSection, found: EntryIn | undefined): boolean =>
  found !== undefined && found.model === model && section.entries.get(found.entry.key) === found.entry;

const run = new WeakMap<object, readonly Program[]>();

/**
 * The analysed file's programs but those whose command= a file read after it replaces: supervisord runs the command of
 * the last file that sets it, so the rules about a command judge it there. The model's own list when none is (nearly
 * always), so that what is worked out per program list is worked out once.
 */
export function programsRun(context: Pick<RuleContext, 'model' | 'sectionsNamed' | 'hasCopies' | 'singleFile'>): readonly Program[] {
  const { programs } = context.model;
  if (context.singleFile) return programs;
  let found = run.get(context);
  if (!found) {
    const replaced = new Set(programs.filter((program) => setByLaterCopy(context, program.section, 'command')));
    run.set(context, (found = replaced.size === 0 ? programs : programs.filter((program) => !replaced.has(program))));
  }
  return found;
}
