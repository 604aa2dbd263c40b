// Lints targets as whole configurations: a main config with every file its [include] reads (each reported under
// its own path, in the main config's context, as supervisord reads them), a fragment in the context of the main
// config found near it. A file is reported once, however often it is named or included.
import { analyzeText } from '../analysis/model';
import { NOT_LOADED } from '../analysis/workspace';
import { analyzeIncludedFile, analyzeModel, type LintFinding } from '../lint';
import { batchFileSystem, NodeConfigSource, RealDirectories, type SyncFileSystem } from '../nodeConfigSource';
import type { SettingsResolver } from './settings';
import { displayPath, type Target } from './targets';

export interface FileReport {
  path: string | undefined;
  display: string;
  text: string;
  findings: LintFinding[];
}

/**
 * `texts` stands in for files on disk (standard input under its --stdin-filename, fixed texts while fixing). `read` is
 * told the length of each target's text and of each file read from disk, as it is read (see largeRun.ts).
 */
export function lintConfigurations(
  targets: readonly Target[],
  resolver: SettingsResolver,
  texts: ReadonlyMap<string, string> = new Map(),
  read?: (length: number) => void,
): FileReport[] {
  // The targets were read already: the configuration reads them from here, every other file once from disk.
  const known = new Map(targets.flatMap((t) => (t.path === undefined ? [] : [[t.path, t.text] as const])));
  texts.forEach((text, path) => known.set(path, text));
  if (read) targets.forEach((target) => read(target.text.length));
  // The rest of each configuration is read in this one run: each directory's real path is resolved once.
  const disk = batchFileSystem(new RealDirectories());
  const source = new NodeConfigSource({ openText: (path) => known.get(path), sync: read ? measured(disk, read) : disk });
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
    for (const model of analysis.context.includes.length ? analysis.context.models.slice(1) : []) {
      if (!model.path || reported.has(model.path)) continue;
      reported.add(model.path);
      const included = analyzeIncludedFile(model, analysis, resolver.settingsFor(model.path));
      byTarget[index].push({ path: model.path, display: displayPath(model.path), text: model.text, findings: included.diagnoses });
    }
  };
  // Main configs first, so a fragment they include is checked in their configuration and not on its own.
  targets.forEach((target, index) => !models[index].isFragment && lint(target, index));
  targets.forEach((target, index) => models[index].isFragment && lint(target, index));
  return byTarget.flat();
}

/** `files`, telling `read` the length of each text it reads. */
function measured(files: SyncFileSystem, read: (length: number) => void): SyncFileSystem {
  return {
    ...files,
    read: (path) => {
      const file = files.read(path);
      if (file) read(file.text.length);
      return file;
    },
  };
}
