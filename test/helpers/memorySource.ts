// A configuration's files held in memory, as the analysis reads them through its ConfigSource.
import { posix } from 'node:path';
import { analyzeText, type ConfigModel } from '../../server/src/analysis/model';
import type { ConfigSource } from '../../server/src/analysis/workspace';

export function memorySource(files: Record<string, string>): ConfigSource {
  const models = new Map<string, ConfigModel>();
  const directories = new Map<string, Set<string>>();
  for (const path of Object.keys(files)) {
    for (let child = path, dir = posix.dirname(path); child !== dir; child = dir, dir = posix.dirname(dir)) {
      const names = directories.get(dir) ?? new Set<string>();
      names.add(posix.basename(child));
      directories.set(dir, names);
    }
  }
  return {
    list: (dir) => {
      const names = directories.get(dir);
      return names && [...names];
    },
    exists: (path) => path in files || directories.has(path),
    text: (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    model: (path) => {
      if (!(path in files)) return undefined;
      let model = models.get(path);
      if (!model) models.set(path, (model = analyzeText(files[path], path)));
      return model;
    },
  };
}
