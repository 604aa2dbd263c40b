// From text to a full analysis (model, process index, diagnoses): the one pipeline behind the CLI, the tests
// and the language server (which caches it per document version).
import { analyzeText, mergedPrograms, type ConfigModel } from './analysis/model';
import { buildProcessIndex, deferredProcessIndex, type ProcessIndex } from './analysis/processIndex';
import type { IncludePattern } from './analysis/includes';
import {
  configurationProcesses,
  deferredConfigContext,
  includedFileContext,
  type ConfigContext,
  type ConfigSource,
  type SectionFound,
} from './analysis/workspace';
import { analysisFailure, diagnose, takeRunningRule, type Diagnosis } from './rules/engine';
import type { FindingsMemo } from './rules/reuse';
import type { RuleContext } from './rules/types';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
import { MAX_STOPPED_RULES } from './analysis/limits';
import { Overrun, runWithin } from './util/deadline';

export type LintFinding = Diagnosis;

/**
 * A file's model in the configuration it belongs to, before any rule runs: what every language feature but
 * diagnostics and code actions reads (the server answers them from it without waiting for the rules).
 */
export interface Modelled {
  model: ConfigModel;
  /** The configuration the file belongs to (its includes, or the config that includes it). */
  context: ConfigContext;
  processes: ProcessIndex;
}

export interface Analysis extends Modelled {
  diagnoses: Diagnosis[];
  /** What the analysis of the file's next version may reuse. */
  memo?: FindingsMemo;
}

/** A modelled file with what failed while reading its configuration (reported with its diagnoses). */
export interface ModelledFile extends Modelled {
  failures: Diagnosis[];
}

/**
 * Analyses one file; with a source, in the context of the configuration it belongs to. Throws only when the file
 * itself cannot be modelled (the caller keeps its last good analysis); a failure while reading the rest of the
 * configuration falls back to the file alone, and a failing rule to the other rules, each with a diagnostic.
 */
export function analyzeDocument(text: string, path: string | undefined, settings: Settings, source?: ConfigSource): Analysis {
  return analyzeModel(analyzeText(text, path), settings, source);
}

/**
 * analyzeDocument for a file already modelled (the language server keeps the model of each open text); given the
 * analysis of the file's previous version, the findings of sections an edit did not touch are reused.
 */
export function analyzeModel(model: ConfigModel, settings: Settings, source?: ConfigSource, previous?: Analysis): Analysis {
  return analyzeModelled(modelInConfiguration(model, source), settings, previous);
}

/** The file's configuration and process index; a failure reading the configuration leaves the file alone. */
export function modelInConfiguration(model: ConfigModel, source: ConfigSource | undefined): ModelledFile {
  const failures: Diagnosis[] = [];
  let context: ConfigContext;
  try {
    context = deferredConfigContext(model, source);
  } catch (error) {
    failures.push(analysisFailure('reading the configuration', error));
    context = deferredConfigContext(model, undefined);
  }
  return modelled(model, context, failures);
}

const modelled = (model: ConfigModel, context: ConfigContext, failures: Diagnosis[]): ModelledFile =>
  new FileInConfiguration(model, context, failures);

/** A class, not an object literal with a getter: the CLI makes one per file of a conf.d, mostly in cold code. */
class FileInConfiguration implements ModelledFile {
  private index?: ProcessIndex;
  constructor(
    readonly model: ConfigModel,
    readonly context: ConfigContext,
    readonly failures: Diagnosis[],
  ) {}
  /**
   * Every file of a configuration shares its process index; a file analysed with other text than the configuration
   * read (an edit not yet seen by the source) gets its own. Built when first asked for, like the context's models.
   */
  get processes(): ProcessIndex {
    const { context } = this;
    return (this.index ??= context.configuration
      ? configurationProcesses(context.configuration)
      : buildProcessIndex(context.models, context.complete, mergedPrograms(context.readingOrder)));
  }
}

/**
 * What the rules see of a modelled file. Rules take what they use from it as they start (most destructure it): what
 * reads the configuration is read on demand, the process index through a stand-in. Features get the shared index
 * itself from the analysis.
 */
class FileRuleContext implements RuleContext {
  readonly model: ConfigModel;
  readonly processes: ProcessIndex;
  readonly includes: IncludePattern[];
  private readonly context: ConfigContext;
  private copied?: ReadonlyMap<string, readonly SectionFound[]>;
  constructor(
    file: ModelledFile,
    readonly settings: Settings,
  ) {
    this.model = file.model;
    this.context = file.context;
    this.includes = file.context.includes;
    this.processes = deferredProcessIndex(() => file.processes);
  }
  get configuration(): readonly ConfigModel[] {
    return this.context.models;
  }
  get readingOrder(): readonly ConfigModel[] {
    return this.context.readingOrder;
  }
  firstSection(name: string): SectionFound | undefined {
    return this.context.firstSection(name);
  }
  sectionsNamed(name: string): readonly SectionFound[] {
    return this.copies().get(name) ?? this.context.sectionsNamed(name);
  }
  hasCopies(name: string): boolean {
    return this.copies().has(name);
  }
  /**
   * The copies of this file's sections that other files have, by name, found once in one pass: rules ask for each
   * program's section several times, and a conf.d of 2,000 copies of one section had each file list them dozens of times.
   */
  private copies(): ReadonlyMap<string, readonly SectionFound[]> {
    if (!this.copied) {
      const copied = new Map<string, readonly SectionFound[]>();
      if (!this.singleFile)
        for (const section of this.model.sections) {
          const parts = this.context.sectionsNamed(section.name);
          if (parts.length > 1) copied.set(section.name, parts);
        }
      this.copied = copied;
    }
    return this.copied;
  }
  isGrouped(program: string): boolean {
    return this.context.isGrouped(program);
  }
  filesWritingLog(path: string): Iterable<ConfigModel> {
    return this.context.filesWritingLog(path);
  }
  get singleFile(): boolean {
    return this.context.includes.length === 0 && this.context.includer === undefined;
  }
  get included(): boolean {
    return this.context.includer !== undefined;
  }
  get complete(): boolean {
    return this.context.complete;
  }
}

class FileAnalysis implements Analysis {
  readonly model: ConfigModel;
  readonly context: ConfigContext;
  constructor(
    private readonly file: ModelledFile,
    readonly diagnoses: Diagnosis[],
    readonly memo: FindingsMemo | undefined,
  ) {
    this.model = file.model;
    this.context = file.context;
  }
  get processes(): ProcessIndex {
    return this.file.processes;
  }
}

/**
 * Runs the rules on a modelled file; given the analysis of its previous version, reusing what an edit left alone.
 * `last`: no next version will be analysed from this one, so it keeps nothing for one.
 */
export function analyzeModelled(file: ModelledFile, settings: Settings, previous?: Analysis, last = false): Analysis {
  const { failures } = file;
  const { diagnoses, memo } = diagnose(new FileRuleContext(file, settings), failures.length ? undefined : previous?.memo, !last);
  return new FileAnalysis(file, failures.length ? [...failures, ...diagnoses] : diagnoses, memo);
}

/**
 * A file a main config includes, analysed in that configuration (as supervisord reads it), not in whichever main
 * config happens to lie near the file. The CLI's: once, with no memo for a next version (making it for each file of a
 * conf.d cost 34M of 1,495M instructions over 500 fragments).
 */
export function analyzeIncludedFile(model: ConfigModel, main: Analysis, settings: Settings): Analysis {
  return analyzeModelled(modelled(model, includedFileContext(model, main.context.configuration!), []), settings, undefined, true);
}

/**
 * The analysis `analyze` makes with `settings` less the rules in `stopped` (each reported with a lint/analysis-failed),
 * stopped when it runs longer than `limitMs`: the rule running then (a loop without end) joins `stopped`, and the
 * analysis is made again without it. The caller keeps `stopped` for the file's next analyses (the language server: a
 * rule stopped once would stop each keystroke for as long again). Throws the Overrun when no rule was running (or
 * MAX_STOPPED_RULES were stopped already): what was stopped then was the file's modelling.
 */
export function analyzeStopping(
  limitMs: number,
  settings: Settings,
  stopped: string[],
  analyze: (settings: Settings) => Analysis,
): Analysis {
  // A rule id left by work stopped elsewhere names nothing this analysis runs.
  takeRunningRule();
  for (;;) {
    try {
      const analysis = runWithin(limitMs, () => analyze(withRulesOff(settings, stopped)));
      return stopped.length === 0
        ? analysis
        : withDiagnoses(analysis, [...stopped.map((rule) => stoppedRule(rule, limitMs)), ...analysis.diagnoses]);
    } catch (error) {
      if (!(error instanceof Overrun)) throw error;
      noteStoppedRule(error, stopped);
    }
  }
}

/** After an analysis was stopped: adds the rule it was running to `stopped`, or throws `overrun` (see analyzeStopping). */
export function noteStoppedRule(overrun: Overrun, stopped: string[]): void {
  const rule = takeRunningRule();
  if (rule === undefined || stopped.length >= MAX_STOPPED_RULES) throw overrun;
  stopped.push(rule);
}

const stoppedRule = (rule: string, limitMs: number) =>
  analysisFailure(`rule ${rule}`, `it did not finish within ${limitMs / 1000} s and was stopped; it is off for this file`);

function withRulesOff(settings: Settings, ids: readonly string[]): Settings {
  if (ids.length === 0) return settings;
  const rules = { ...settings.rules };
  for (const id of ids) rules[id] = 'off';
  return { ...settings, rules };
}

/**
 * The analysis with other diagnoses (the linter's own in front, or a failure alone). Not a spread: an analysis reads its
 * process index through a getter of its class, which a spread leaves behind.
 */
export const withDiagnoses = (analysis: Analysis, diagnoses: Diagnosis[]): Analysis => ({
  model: analysis.model,
  context: analysis.context,
  get processes() {
    return analysis.processes;
  },
  diagnoses,
  memo: analysis.memo,
});

export interface LintOptions {
  path?: string;
  /** Raw `supervisor.*` settings object (validated here). */
  settings?: unknown;
  /** Where the files of the configuration are read from (includes, the config including a fragment). */
  source?: ConfigSource;
}

export function lintText(text: string, options: LintOptions = {}): LintFinding[] {
  const settings = options.settings === undefined ? DEFAULT_SETTINGS : readSettings(options.settings);
  return analyzeDocument(text, options.path, settings, options.source).diagnoses;
}
