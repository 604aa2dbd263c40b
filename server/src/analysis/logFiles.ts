// The log files a file's programs name, as written: what tells which files of a configuration may write one file.
import type { ConfigModel } from './model';

const LOG_FILE_KEYS = ['stdout_logfile', 'stderr_logfile'];
/** The words supervisord's logfile_name reads as no file of the program's own (in any case). */
const NOT_A_FILE = new Set(['auto', 'none', 'off', 'syslog']);

/** A log file value names a file: it is none of AUTO, NONE, OFF and syslog, in any case (supervisord's logfile_name). */
export const namesAFile = (value: string): boolean => !NOT_A_FILE.has(value.toLowerCase());
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
