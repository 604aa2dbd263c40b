// From text to a full analysis (model, process index, diagnoses): the one pipeline behind the CLI, the tests
// and the language server (which caches it per document version).
import { analyzeText, type ConfigModel } from './analysis/model';
import { buildProcessIndex, type ProcessIndex } from './analysis/processIndex';
import { diagnose, type Diagnosis } from './rules/engine';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';

export type { Severity as LintSeverity } from './settings';
export type LintFinding = Diagnosis;

export interface Analysis {
  model: ConfigModel;
  processes: ProcessIndex;
  diagnoses: Diagnosis[];
}

export function analyzeDocument(text: string, path: string | undefined, settings: Settings): Analysis {
  const model = analyzeText(text, path);
  // Until includes are resolved, names are only known for a main config that includes nothing.
  const complete = !model.isFragment && model.section('include') === undefined;
  const processes = buildProcessIndex([model], complete);
  return { model, processes, diagnoses: diagnose({ model, settings, processes }) };
}

export interface LintOptions {
  path?: string;
  /** Raw `supervisor.*` settings object (validated here). */
  settings?: unknown;
}

export function lintText(text: string, options: LintOptions = {}): LintFinding[] {
  const settings = options.settings === undefined ? DEFAULT_SETTINGS : readSettings(options.settings);
  return analyzeDocument(text, options.path, settings).diagnoses;
}
