import type { ConfigModel } from '../analysis/model';
import type { SectionFound } from '../analysis/workspace';
import type { IncludePattern } from '../analysis/includes';
import type { ProcessIndex } from '../analysis/processIndex';
import type { Comment, Range } from '../parser';
import type { Settings, Severity } from '../settings';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** The declared fix it is (a key of its rule's `fixes`). */
  kind: string;
  title: string;
  edits: TextEdit[];
  /** The one obvious fix: offered first, and applied by "fix all" when it is also safe. */
  preferred?: boolean;
  /** Safe fixes keep every other meaning of the config; only they are applied by "fix all" and `--fix`. */
  safe: boolean;
}

export interface Finding {
  range: Range;
  message: string;
  fixes?: Fix[];
}

export interface RuleContext {
  model: ConfigModel;
  settings: Settings;
  /** Processes and groups of the whole configuration this file belongs to. */
  processes: ProcessIndex;
  /** The [include] patterns of this file and what they match (empty when not resolved). */
  includes: IncludePattern[];
  /** Every model of the configuration this file belongs to, this file's first. */
  configuration: readonly ConfigModel[];
  /** The same in the order supervisord reads the files, this file at its place (the copies of a section merge so). */
  readonly readingOrder: readonly ConfigModel[];
  /**
   * The first file of the configuration (this file first) with a section of this name, and the section; the other
   * files are read only when neither this file nor its main config has one.
   */
  firstSection(name: string): SectionFound | undefined;
  /**
   * Every file's section of this name, in the order supervisord reads the files (this file as it is now): the
   * loader merges them into one section.
   */
  sectionsNamed(name: string): readonly SectionFound[];
  /** Another file of the configuration has a section of this name, one of this file's: supervisord merges the copies. */
  hasCopies(name: string): boolean;
  /** Some [group:x] of the configuration, in any file, lists this program (so it makes no group of its own). */
  isGrouped(program: string): boolean;
  /** The configuration's other files, in reading order, whose programs name this log file without `%`. */
  filesWritingLog(path: string): Iterable<ConfigModel>;
  /** No other file belongs to this file's configuration: it has no [include], and no main config includes it. */
  readonly singleFile: boolean;
  /**
   * A main config near it includes this file: supervisord reads it through [include] (a fragment, or a file with a
   * [supervisord] of its own that merges into the main config's), and supervisorctl, which reads the main file only,
   * never reads it.
   */
  readonly included: boolean;
  /** Every file of the configuration is known (no unresolved include, no fragment without its includer). */
  complete: boolean;
  /** The file's `supervisor-lint: disable` ids and what they did; given only to rules that run last (`runsLast`). */
  suppressions?: readonly SuppressionUse[];
}

/** One rule id named by a `supervisor-lint: disable=` (or `disable-file=`) comment. */
export interface SuppressionUse {
  id: string;
  /** Where the id is written. */
  range: Range;
  /** Every id of the same directive, in order, this one included. */
  siblings: Range[];
  /** The directive from `supervisor-lint` to its last id. */
  directive: Range;
  comment: Comment;
  /** It silenced at least one finding. */
  used: boolean;
  /** The rules it names all ran on this file (not off, not skipped, not failed), so `used` is final. */
  settled: boolean;
}

/** A fix a rule can offer, declared once: the docs list it, and the check makes fixes from it. */
export interface FixSpec {
  /** What the fix does, for the docs and as the default title. */
  title: string;
  safe: boolean;
}

/** Makes a fix of a declared kind; `title` overrides the declared one with specifics (names, values). */
export type FixMaker = (edits: TextEdit[], options?: { title?: string; preferred?: boolean }) => Fix;

interface RuleDocs {
  /** Markdown: what the rule reports, precisely. */
  what: string;
  /** Markdown: what goes wrong in production, and why. */
  why: string;
  /** Markdown: how to fix it by hand (the quick fixes are listed from the fix specs). */
  fix: string;
  /** Markdown: anything to add to the standard suppression comment (a setting, when it is right to silence it). */
  silence?: string;
  /** The source code (project, file, function) and documents the facts above rest on. */
  references: string[];
}

/**
 * A config the rule is run on. `«` and `»` mark the exact range of each expected finding and are removed before
 * linting; an example without marks must produce no finding of the rule.
 */
export interface RuleExample {
  config: string;
  /** Shown in the docs above the example. */
  title?: string;
  /** The whole text after the preferred fix of the first finding. */
  fixed?: string;
  /** The text after other fixes of the first finding, by a part of their title. */
  alsoFixed?: { title: string; fixed: string }[];
  /** Where the file lies (default: a main config or a conf.d fragment, by whether it has [supervisord]). */
  path?: string;
  /** The other files of its configuration, by absolute path. */
  files?: Record<string, string>;
  /** `supervisor.*` settings. */
  settings?: unknown;
}

interface RuleBase {
  /** `area/what-is-wrong`, stable once released; also the diagnostic code and the docs page name. */
  id: string;
  severity: Severity;
  /** One line for the rules table and the CLI's --list-rules. */
  summary: string;
  docs: RuleDocs;
  examples: RuleExample[];
  /** Its findings depend on this machine's file system (files that exist here): off when `hostChecks` is false. */
  hostDependent?: boolean;
  /** Runs after every other rule, with `suppressions` telling what the suppression comments silenced. */
  runsLast?: boolean;
  /**
   * 'section': each finding lies in the section it is about and depends only on that section, on the configuration's
   * sections other than programs ([supervisord], [DEFAULT], servers, groups, includes) and on the settings, so the
   * language server keeps a section's findings while those stay the same. Default: the whole configuration.
   */
  scope?: 'section';
}

export interface RuleSpec<F extends string> extends RuleBase {
  fixes?: Record<F, FixSpec>;
  check(context: RuleContext, fix: Record<F, FixMaker>): Finding[];
}

export interface Rule extends RuleBase {
  fixes: Record<string, FixSpec>;
  check(context: RuleContext): Finding[];
}
