// Lints targets as whole configurations: a main config with every file its [include] reads (each reported under
// its own path, in the main config's context, as supervisord reads them), a fragment in the context of the main
// config found near it. A file is reported once, however often it is named or included.
import { analyzeText, type ConfigModel } from '../analysis/model';
import { NOT_LOADED } from '../analysis/workspace';
import { STOP_ANALYSIS_MILLISECONDS } from '../analysis/limits';
import { analyzeIncludedFile, analyzeModel, analyzeStopping, noteStoppedRule, type Analysis, type LintFinding } from '../lint';
import { analysisFailure } from '../rules/engine';
import type { Settings } from '../settings';
import { eachWithin, Overrun } from '../util/deadline';
import { batchFileSystem, NodeConfigSource, RealDirectories } from '../nodeConfigSource';
import type { SettingsResolver } from './settings';
import { displayPath, type Target } from './targets';

/** A target to lint, or a file a main config includes, linted in that config's configuration. */
type Step = { index: number; target: Target } | { index: number; model: ConfigModel & { path: string }; main: Analysis };

export interface FileReport {
  path: string | undefined;
  display: string;
  text: string;
  findings: LintFinding[];
}

/**
 * `texts` stands in for files on disk (standard input under its --stdin-filename, fixed texts while fixing). `linting` is
 * told the length of each text linted before it is (see largeRun.ts): the targets first, a main config's included
 * files once it is analysed; the files read only for a fragment's configuration are not linted.
 */
export function lintConfigurations(
  targets: readonly Target[],
  resolver: SettingsResolver,
  texts: ReadonlyMap<string, string> = new Map(),
  linting?: (length: number) => void,
  /** How long one file's analysis may run before the rule it is running is stopped (see lint.ts analyzeStopping). */
  stopAfterMs = STOP_ANALYSIS_MILLISECONDS,
): FileReport[] {
  // The targets were read already: the configuration reads them from here, every other file once from disk.
  const targeted = new Map(targets.flatMap((t) => (t.path === undefined ? [] : [[t.path, t.text] as const])));
  const known = new Map(targeted);
  texts.forEach((text, path) => known.set(path, text));
  if (linting) targets.forEach((target) => linting(target.text.length));
  // The rest of each configuration is read in this one run: each directory's real path is resolved once.
  const source = new NodeConfigSource({ openText: (path) => known.get(path), sync: batchFileSystem(new RealDirectories()) });
  // Each target parsed once: the same model is analysed on its own and read by its configuration.
  const models = targets.map((t) => {
    const model = t.path === undefined ? undefined : source.model(t.path);
    return model && model !== NOT_LOADED ? model : analyzeText(t.text, t.path);
  });
  const reported = new Set<string>();
  const byTarget: FileReport[][] = targets.map(() => []);
  // Main configs first, so a fragment they include is checked in their configuration and not on its own; a main
  // config's included files right after it.
  const steps: Step[] = [];
  targets.forEach((target, index) => !models[index].isFragment && steps.push({ index, target }));
  targets.forEach((target, index) => models[index].isFragment && steps.push({ index, target }));
  const analyzeStep = (step: Step, settings: Settings): Analysis =>
    'main' in step ? analyzeIncludedFile(step.model, step.main, settings) : analyzeModel(models[step.index], settings, source);
  const settingsOf = (step: Step) => resolver.settingsFor('main' in step ? step.model.path : step.target.path);
  /** Reports the analysis of steps[at]; after a main config's, queues the files it includes that are not reported yet. */
  const finish = (at: number, analysis: Analysis | undefined, findings = analysis?.diagnoses ?? []) => {
    const step = steps[at];
    if ('main' in step) {
      const { model } = step;
      byTarget[step.index].push({ path: model.path, display: displayPath(model.path), text: model.text, findings });
      return;
    }
    byTarget[step.index].push({ ...step.target, findings });
    if (!analysis) return;
    const included = (analysis.context.includes.length ? analysis.context.models.slice(1) : []).filter(
      (model): model is ConfigModel & { path: string } => model.path !== undefined && !reported.has(model.path),
    );
    // The targets among them were counted already.
    if (linting) for (const model of included) if (!targeted.has(model.path)) linting(model.text.length);
    for (const model of included) reported.add(model.path);
    steps.splice(at + 1, 0, ...included.map((model) => ({ index: step.index, model, main: analysis })));
  };
  eachWithin(
    () => steps.length,
    stopAfterMs,
    (at) => {
      const step = steps[at];
      if (!('main' in step) && step.target.path !== undefined) {
        if (reported.has(step.target.path)) return;
        reported.add(step.target.path);
      }
      finish(at, analyzeStep(step, settingsOf(step)));
    },
    // A rule that never ended is off for this file, which is analysed again; a file whose modelling never ended is
    // reported as such.
    (at, overrun) => {
      const stopped: string[] = [];
      try {
        noteStoppedRule(overrun, stopped);
        finish(
          at,
          analyzeStopping(stopAfterMs, settingsOf(steps[at]), stopped, (settings) => analyzeStep(steps[at], settings)),
        );
      } catch (error) {
        if (!(error instanceof Overrun)) throw error;
        finish(at, undefined, [analysisFailure('parsing and modelling the file', error)]);
      }
    },
  );
  return byTarget.flat();
}
