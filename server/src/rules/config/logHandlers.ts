// What the log rules share: the file handlers supervisord makes for a program's streams, and whether they rotate.
import { parseByteSize } from '../../analysis/byteSize';
import type { ConfigModel, Program } from '../../analysis/model';
import { pythonBoolean } from '../../analysis/valueCheck';
import type { Entry } from '../../parser';
import { keySchema, sectionSchema } from '../../schema';

/** One log handler supervisord makes for each process of a program: the file it writes and whether it rotates it. */
export interface Handler {
  program: Program;
  entry: Entry;
  /** The file as the first process expands it. */
  path: string;
  /** Its maxbytes as read (50MB unless set), and in bytes when readable. */
  maxBytesText: string;
  maxBytes: number | undefined;
}

/** The size at which supervisord rotates a log unless told otherwise (the schema's, 50MB). */
export const DEFAULT_MAX_BYTES = keySchema(sectionSchema('program:x')!, 'stdout_logfile_maxbytes')!.default!;

/** The last size read and its bytes: programs mostly leave maxbytes at its default or all set the same. */
let lastSize = { text: DEFAULT_MAX_BYTES, bytes: parseByteSize(DEFAULT_MAX_BYTES) };
export function byteSize(text: string): number | undefined {
  if (text !== lastSize.text) lastSize = { text, bytes: parseByteSize(text) };
  return lastSize.bytes;
}

/** A path of a file of its own: not AUTO, NONE or syslog (in any case), nor a device. */
export const isFile = (path: string) =>
  path.charCodeAt(0) === 47 // '/'
    ? !path.startsWith('/dev/') && !path.startsWith('/proc/')
    : !['auto', 'none', 'syslog'].includes(path.toLowerCase());

export const rotates = (handler: Handler) => handler.maxBytes !== undefined && handler.maxBytes > 0;
export const size = (handler: Handler) => `${handler.entry.key}_maxbytes=${handler.maxBytesText}`;
/** How the first of the handlers that rotates does so. */
export const rotation = (...handlers: Handler[]) => size(handlers.find(rotates)!);

/** The line to mark for a program's entry: its own, or its header when the entry is [DEFAULT]'s (which serves others). */
export const placeOf = (program: Program, entry: Entry) =>
  program.section.entries.get(entry.key) === entry ? entry.range : program.section.nodes[0].headerRange;

/**
 * A program's handlers as its section writes them, for files named without a `%`: [stdout's, stderr's], either missing
 * where the stream has no such file. A size or redirect_stderr with a `%` is taken as unknown (no rotation, no stderr).
 */
export function writtenHandlers(model: ConfigModel, program: Program): [Handler | undefined, Handler | undefined] {
  const handlers: [Handler | undefined, Handler | undefined] = [undefined, undefined];
  if (program.kind === 'eventlistener' || program.numprocs <= 0) return handlers;
  for (let stream = 0; stream < 2; stream++) {
    const entry = model.lookup(program.section, STREAM_FILES[stream]);
    const path = entry?.value.trim();
    if (!entry || !path || path.includes('%') || !isFile(path) || (stream === 1 && redirected(model, program))) continue;
    const written = model.lookup(program.section, `${STREAM_FILES[stream]}_maxbytes`)?.value.trim() ?? DEFAULT_MAX_BYTES;
    const maxBytes = written.includes('%') ? undefined : byteSize(written);
    handlers[stream] = { program, entry, path, maxBytesText: written, maxBytes };
  }
  return handlers;
}

const STREAM_FILES = ['stdout_logfile', 'stderr_logfile'] as const;

/** redirect_stderr is set (or written with a `%`, so perhaps): the program has no stderr log. */
function redirected(model: ConfigModel, program: Program): boolean {
  const redirect = model.lookup(program.section, 'redirect_stderr')?.value;
  return redirect !== undefined && (redirect.includes('%') || pythonBoolean(redirect) !== false);
}
