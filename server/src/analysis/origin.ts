// Where the characters of a string came from in the config value. The config value is its own origin; a script
// inside a word (`sh -c '...'`) maps each of its characters back through the quoting of that word, level by level,
// so words split out of the script keep config-value offsets and edits land on the right characters.
import type { CharTrace, ShellWord } from './shellWords';

export interface Origin {
  /** Config-value offsets of the raw text that character i came from: [from(i), to(i)). */
  from(i: number): number;
  to(i: number): number;
  /** Plain text written into the config value right before or after character i arrives next to it as written. */
  reaches(i: number): boolean;
}

export const CONFIG_VALUE: Origin = { from: (i) => i, to: (i) => i + 1, reaches: () => true };

/**
 * The origin of a word's value, given the origin of the text it was read from. `read` re-reads the word with a trace;
 * it runs only for a word with quotes or escapes: a verbatim word maps 1:1 without per-character tables.
 */
export function valueOrigin(parent: Origin, rawStart: number, value: string, verbatim: boolean, read: (trace: CharTrace) => void): Origin {
  if (verbatim) {
    // Unquoted at its own level, so text written next to it would split off as a word of that level.
    return { from: (i) => parent.from(rawStart + i), to: (i) => parent.to(rawStart + i), reaches: () => false };
  }
  const from = new Int32Array(value.length);
  const to = new Int32Array(value.length);
  const reaches = new Uint8Array(value.length);
  let k = 0;
  read((rawFrom, rawTo, quoted) => {
    from[k] = parent.from(rawFrom);
    to[k] = parent.to(rawTo - 1);
    reaches[k] = quoted && spanReaches(parent, rawFrom, rawTo) ? 1 : 0;
    k++;
  });
  return { from: (i) => from[i], to: (i) => to[i], reaches: (i) => reaches[i] === 1 };
}

/** The origin of a string's characters from index `skip` on (the `celery` of `-mcelery`). */
export function shiftOrigin(origin: Origin, skip: number): Origin {
  return { from: (i) => origin.from(skip + i), to: (i) => origin.to(skip + i), reaches: (i) => origin.reaches(skip + i) };
}

/** A word read from [rawStart, rawEnd) of a string with this origin, placed in config-value offsets. */
export function placeWord(origin: Origin, value: string, rawStart: number, rawEnd: number): ShellWord {
  let unbroken = true;
  let oneToOne = true;
  for (let r = rawStart; r < rawEnd && unbroken; r++) {
    if (origin.to(r) - origin.from(r) !== 1) oneToOne = false;
    if (r + 1 < rawEnd && origin.to(r) !== origin.from(r + 1)) unbroken = false;
  }
  return {
    value,
    start: origin.from(rawStart),
    end: origin.to(rawEnd - 1),
    // Quotes and escapes only remove characters, so equal lengths mean the raw text is the value.
    verbatim: unbroken && oneToOne && rawEnd - rawStart === value.length,
    embedded: unbroken && spanReaches(origin, rawStart, rawEnd) ? 'quoted' : 'unquoted',
  };
}

/** Text written anywhere in [rawFrom, rawTo) arrives there as written: every character reaches and nothing lies between them. */
function spanReaches(origin: Origin, rawFrom: number, rawTo: number): boolean {
  for (let r = rawFrom; r < rawTo; r++) {
    if (!origin.reaches(r)) return false;
    if (r + 1 < rawTo && origin.to(r) !== origin.from(r + 1)) return false;
  }
  return true;
}
