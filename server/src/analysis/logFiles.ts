// The log files a file's programs name, as written: what tells which files of a configuration may write one file.
import type { ConfigModel } from './model';

const LOG_FILE_KEYS = ['stdout_logfile', 'stderr_logfile'];
const written = new WeakMap<ConfigModel, ReadonlySet<string>>();

/**
 * The stdout and stderr log files a model's programs name without `%` (trimmed, as the loader reads them), whatever
 * else decides whether a handler writes them: a superset the rules judge program by program (memoised per model).
 */
export function writtenLogFiles(model: ConfigModel): ReadonlySet<string> {
  let files = written.get(model);
  if (!files) {
    const found = new Set<string>();
    for (let p = 0; p < model.programs.length; p++) {
      for (const key of LOG_FILE_KEYS) {
        const value = model.lookup(model.programs[p].section, key)?.value;
        if (value !== undefined && value.indexOf('%') === -1) found.add(value.trim());
      }
    }
    written.set(model, (files = found));
  }
  return files;
}
