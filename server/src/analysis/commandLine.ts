// A `command=` value split into shell words (as supervisord's shlex.split does at spawn time), the service it really
// runs once wrappers are seen through, the tools we know recognised in that service, and a way back from offsets in
// the value to document ranges.
import { valuePositionAt, valueRange, type Entry, type Position, type Range } from '../parser';
import { celeryWorkerOf, parseCeleryCommand, type CeleryCommand, type CeleryWorker } from './celery';
import { parseMemmon, type MemmonCommand } from './memmon';
import { splitShellWords, type ShellSplit } from './shellWords';
import { unwrapCommand, type Service } from './unwrap';

export interface CommandLine {
  entry: Entry;
  split: ShellSplit;
  /** What runs after exec, env, sh -c, uv run, python -m, ... are seen through; its words' offsets are in the value. */
  service: Service;
  /** Any `celery ...` command line: worker, beat, multi, flower, ... */
  celeryCommand?: CeleryCommand;
  /** The same when it starts a worker. */
  celery?: CeleryWorker;
  memmon?: MemmonCommand;
  positionAt(offset: number): Position;
  rangeOf(start: number, end: number): Range;
}

export function readCommandLine(entry: Entry): CommandLine {
  const split = splitShellWords(entry.value);
  const service = unwrapCommand(entry.value, split.words);
  const celeryCommand = parseCeleryCommand(service.words);
  // A literal, not an instance of a class: V8 allocates the objects of a literal whose objects outlive the young
  // generation (as a file's command lines do) straight in the old one, so the scavenger never copies them.
  // The methods are shared functions, not closures made for each command line.
  return {
    entry,
    split,
    service,
    celeryCommand,
    celery: celeryWorkerOf(celeryCommand),
    memmon: parseMemmon(service.words),
    positionAt,
    rangeOf,
  };
}

/** CommandLine.positionAt() */
function positionAt(this: CommandLine, offset: number): Position {
  return valuePositionAt(this.entry, offset);
}

/** CommandLine.rangeOf() */
function rangeOf(this: CommandLine, start: number, end: number): Range {
  return valueRange(this.entry, start, end);
}
