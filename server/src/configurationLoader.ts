// The language server's reading step: before a document is analysed, everything its configuration needs (the
// includer of a fragment, include directories, included files) is loaded asynchronously into the source, round after
// round (each round's analysis finds the next level: a listed directory names the files to read), so the analysis
// itself never waits on the disk and the server keeps answering meanwhile.
import { MAX_INCLUDE_READ_MILLISECONDS } from './analysis/limits';
import type { NodeConfigSource } from './nodeConfigSource';
import { now } from './util/clock';

/** Rounds of one load: a glob needs one per path component, a fragment a few more to find its includer. */
const MAX_LOAD_ROUNDS = 32;

/**
 * Loads what `analyse` (run against the source, reading only what is loaded) asks for, until it asks for nothing
 * more, the time budget is spent, or the rounds run out. Resolves with whether it got everything; what is still
 * missing is reported by the analysis as unread.
 */
export async function loadConfiguration(
  source: NodeConfigSource,
  analyse: () => void,
  budget: number = MAX_INCLUDE_READ_MILLISECONDS,
): Promise<boolean> {
  const deadline = now() + budget;
  analyse();
  for (let round = 0; round < MAX_LOAD_ROUNDS && source.hasMisses() && now() < deadline; round++) {
    await source.load(deadline);
    analyse();
  }
  return !source.hasMisses();
}
