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
  return new ReadCommandLine(entry);
}

/** A class, so that the methods are shared rather than two closures made for each of a file's command lines. */
class ReadCommandLine implements CommandLine {
  readonly split: ShellSplit;
  readonly service: Service;
  readonly celeryCommand?: CeleryCommand;
  readonly celery?: CeleryWorker;
  readonly memmon?: MemmonCommand;

  constructor(readonly entry: Entry) {
    this.split = splitShellWords(entry.value);
    this.service = unwrapCommand(entry.value, this.split.words);
    this.celeryCommand = parseCeleryCommand(this.service.words);
    this.celery = celeryWorkerOf(this.celeryCommand);
    this.memmon = parseMemmon(this.service.words);
  }

  positionAt(offset: number): Position {
    return valuePositionAt(this.entry, offset);
  }

  rangeOf(start: number, end: number): Range {
    return valueRange(this.entry, start, end);
  }
}
