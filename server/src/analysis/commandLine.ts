// A `command=` value split into shell words (as supervisord's shlex.split does at spawn time), with the
// tools we know recognised, and a way back from offsets in the value to document ranges.
import { valuePositionAt, valueRange, type Entry, type Position, type Range } from '../parser';
import { celeryWorkerOf, parseCeleryCommand, type CeleryCommand, type CeleryWorker } from './celery';
import { parseMemmon, type MemmonCommand } from './memmon';
import { splitShellWords, type ShellSplit } from './shellWords';

export interface CommandLine {
  entry: Entry;
  split: ShellSplit;
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
  const celeryCommand = parseCeleryCommand(split.words);
  return {
    entry,
    split,
    celeryCommand,
    celery: celeryWorkerOf(celeryCommand),
    memmon: parseMemmon(split.words),
    positionAt: (offset) => valuePositionAt(entry, offset),
    rangeOf: (start, end) => valueRange(entry, start, end),
  };
}
