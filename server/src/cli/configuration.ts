// Lints targets as whole configurations: a main config with every file its [include] reads (each reported under
// its own path, in the main config's context, as supervisord reads them), a fragment in the context of the main
// config found near it. A file is reported once, however often it is named or included.
import { analyzeText, type ConfigModel } from '../analysis/model';
import { NOT_LOADED } from '../analysis/workspace';
import { analyzeIncludedFile, analyzeModel, type LintFinding } from '../lint';
import { batchFileSystem, NodeConfigSource, RealDirectories } from '../nodeConfigSource';
import type { SettingsResolver } from './settings';
import { displayPath, type Target } from './targets';

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
  const lint = (target: Target, index: number) => {
    if (target.path !== undefined && reported.has(target.path)) return;
    if (target.path !== undefined) reported.add(target.path);
    const analysis = analyzeModel(models[index], resolver.settingsFor(target.path), source);
    byTarget[index].push({ ...target, findings: analysis.diagnoses });
    const included = (analysis.context.includes.length ? analysis.context.models.slice(1) : []).filter(
      (model): model is ConfigModel & { path: string } => model.path !== undefined && !reported.has(model.path),
    );
    // The targets among them were counted already.
    if (linting) for (const model of included) if (!targeted.has(model.path)) linting(model.text.length);
    for (const model of included) {
      reported.add(model.path);
      const { diagnoses } = analyzeIncludedFile(model, analysis, resolver.settingsFor(model.path));
      byTarget[index].push({ path: model.path, display: displayPath(model.path), text: model.text, findings: diagnoses });
    }
  };
  // Main configs first, so a fragment they include is checked in their configuration and not on its own.
  targets.forEach((target, index) => !models[index].isFragment && lint(target, index));
  targets.forEach((target, index) => models[index].isFragment && lint(target, index));
  return byTarget.flat();
}
