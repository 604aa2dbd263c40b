// From text to a full analysis (model, process index, diagnoses): the one pipeline behind the CLI, the tests
// and the language server (which caches it per document version).
import { analyzeText, type ConfigModel } from './analysis/model';
import { buildProcessIndex, deferredProcessIndex, type ProcessIndex } from './analysis/processIndex';
import {
  configurationProcesses,
  deferredConfigContext,
  includedFileContext,
  type ConfigContext,
  type ConfigSource,
} from './analysis/workspace';
import { analysisFailure, diagnose, type Diagnosis } from './rules/engine';
import type { FindingsMemo } from './rules/reuse';
import type { RuleContext } from './rules/types';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';

export type LintFinding = Diagnosis;

export interface Analysis {
  model: ConfigModel;
  /** The configuration the file belongs to (its includes, or the config that includes it). */
  context: ConfigContext;
  processes: ProcessIndex;
  diagnoses: Diagnosis[];
  /** What the analysis of the file's next version may reuse. */
  memo?: FindingsMemo;
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
  const failures: Diagnosis[] = [];
  let context: ConfigContext;
  try {
    context = deferredConfigContext(model, source);
  } catch (error) {
    failures.push(analysisFailure('reading the configuration', error));
    context = deferredConfigContext(model, undefined);
  }
  return analyzeInContext(model, context, settings, failures, previous?.memo);
}

/**
 * A file a main config includes, analysed in that configuration (as supervisord reads it), not in whichever main
 * config happens to lie near the file.
 */
export function analyzeIncludedFile(model: ConfigModel, main: Analysis, settings: Settings): Analysis {
  return analyzeInContext(model, includedFileContext(model, main.context.configuration!), settings, []);
}

function analyzeInContext(
  model: ConfigModel,
  context: ConfigContext,
  settings: Settings,
  failures: Diagnosis[],
  previous?: FindingsMemo,
): Analysis {
  // Every file of a configuration shares its process index; a file analysed with other text than the configuration
  // read (an edit not yet seen by the source) gets its own. Built when first asked for, like the context's models.
  let processes: ProcessIndex | undefined;
  const processesOf = () =>
    (processes ??= context.configuration
      ? configurationProcesses(context.configuration)
      : buildProcessIndex(context.models, context.complete));
  // Rules take what they use from the context as they start: what reads the configuration is read on demand.
  const ruleContext: RuleContext = {
    model,
    settings,
    processes: deferredProcessIndex(processesOf),
    includes: context.includes,
    get configuration() {
      return context.models;
    },
    firstSection: (name) => context.firstSection(name),
    get complete() {
      return context.complete;
    },
  };
  const { diagnoses, memo } = diagnose(ruleContext, failures.length ? undefined : previous);
  return {
    model,
    context,
    get processes() {
      return processesOf();
    },
    diagnoses: [...failures, ...diagnoses],
    memo,
  };
}

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
