// How far the analysis goes on hostile input. supervisord itself accepts configs far beyond these (numprocs=1e8, a
// field width of a billion); past a limit we stop computing and say so (lint/limit-reached), never truncate silently.
import type { Range } from '../parser';

/**
 * Process names listed per program (completion, fixes that write one -p per process). Beyond it names that follow a
 * `%(process_num)` template are still matched by their number; other programs' names are treated as unknown.
 */
export const MAX_PROCESS_NAMES_PER_PROGRAM = 10_000;
/** Widest `%(name)Ns` field or precision expanded; wider ones leave the value unknown. */
export const MAX_FORMAT_WIDTH = 65_536;
/**
 * Files read for one configuration's [include] globs, their total size, and the time spent reading and parsing them
 * (a glob four stars deep under /usr reaches thousands of binary files; each keystroke in the main config reads them again).
 */
export const MAX_INCLUDED_FILES = 10_000;
export const MAX_INCLUDED_TOTAL_BYTES = 32 * 1024 * 1024;
export const MAX_INCLUDE_READ_MILLISECONDS = 2_000;
/** One included file's size; larger files are not read. */
export const MAX_INCLUDED_FILE_BYTES = 8 * 1024 * 1024;
/**
 * The files, directory listings and parsed models the language server keeps between analyses, and their total size;
 * the least recently used go first. A configuration's entries are dropped when none of its documents is open.
 */
export const MAX_CACHED_FILES = 20_000;
export const MAX_CACHED_BYTES = 2 * MAX_INCLUDED_TOTAL_BYTES;
/** One read, listing or stat of an included path in the language server; past it the path counts as unreadable. */
export const MAX_FILE_OPERATION_MILLISECONDS = 1_000;
/** Reads of included paths the language server runs at once (each waits in node's small thread pool). */
export const MAX_CONCURRENT_FILE_OPERATIONS = 8;
/** Paths one include glob may match. */
export const MAX_GLOB_MATCHES = 10_000;
/** Time the rules of one file may take before the remaining rules are skipped. */
export const MAX_RULES_MILLISECONDS = 5_000;
/**
 * Time one file's analysis may run before it is stopped (util/deadline.ts): only a loop without end takes that long
 * (10,000 programs, 6 MB, take under a second). The rule running then is turned off for the file.
 */
export const STOP_ANALYSIS_MILLISECONDS = 15_000;
/** Rules turned off in one file for not finishing before the whole analysis is given up as failed. */
export const MAX_STOPPED_RULES = 3;

/** Where the analysis stopped short, and why: reported by the rule lint/limit-reached. */
export interface LimitNotice {
  range: Range;
  message: string;
}
