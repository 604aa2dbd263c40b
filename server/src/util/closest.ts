// Typo suggestions. Bounded so that hostile input (a 60 KB name, 100,000 candidates) stays cheap: candidates whose
// length alone rules them out are skipped before any other work, and the distance is computed in a band that gives
// up past the best so far, in two rows reused across candidates (no allocation per candidate).

/** Names longer than this get no suggestion: nobody mistypes a 200-character name by a letter or two. */
const MAX_SUGGESTED_LENGTH = 200;

// Lower-casing may double a name (İ), so the rows hold twice the longest name.
let previous = new Int32Array(2 * MAX_SUGGESTED_LENGTH + 2);
let current = new Int32Array(2 * MAX_SUGGESTED_LENGTH + 2);

/** Returned by the folding distance when `b` holds a character only String.toLowerCase folds exactly. */
const NOT_ASCII = -1;

/**
 * Levenshtein distance when it is at most `limit`, else `limit + 1`; O(min(a, b) · limit) time. With `fold`, b's
 * ASCII letters are lower-cased as they are read (no lower-cased copy of every candidate) and NOT_ASCII is returned at
 * b's first other character: the rows read so far only saw ASCII, which lower-cases the same one character at a time.
 */
function boundedDistance(a: string, b: string, limit: number, fold: boolean): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const over = limit + 1;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    // Cells outside the band count as over the limit, as if the row had been filled with it.
    current[0] = i;
    if (from > 1) current[from - 1] = over;
    if (to < b.length) current[to + 1] = over;
    let rowMin = from > 1 ? over : i;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      let bj = b.charCodeAt(j - 1);
      if (fold) {
        if (bj > 0x7f) return NOT_ASCII;
        if (bj >= 0x41 && bj <= 0x5a) bj += 0x20;
      }
      const cell = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ai === bj ? 0 : 1));
      current[j] = cell;
      if (cell < rowMin) rowMin = cell;
    }
    if (rowMin > limit) return over;
    const done = previous;
    previous = current;
    current = done;
  }
  return Math.min(previous[b.length], over);
}

/**
 * The candidate nearest to `word` (case-insensitive), with its distance; ties keep the first candidate. With `within`,
 * only a candidate at most that far.
 */
export function closest(word: string, candidates: Iterable<string>, within = Infinity): { value: string; distance: number } | undefined {
  if (word.length > MAX_SUGGESTED_LENGTH) return undefined;
  let best: { value: string; distance: number } | undefined;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    if (candidate.length > MAX_SUGGESTED_LENGTH) continue;
    const limit = best ? best.distance - 1 : Math.min(within, Math.max(lower.length, candidate.length));
    if (limit < 0) break;
    // Lower-casing never shortens a name, so a candidate already too long is out; a short one may only grow with İ.
    if (candidate.length - lower.length > limit) continue;
    const tooShort = lower.length - candidate.length > limit;
    if (tooShort && !candidate.includes('\u0130')) continue;
    let distance = tooShort ? NOT_ASCII : boundedDistance(lower, candidate, limit, true);
    if (distance === NOT_ASCII) distance = boundedDistance(lower, candidate.toLowerCase(), limit, false);
    if (distance <= limit) best = { value: candidate, distance };
  }
  return best;
}

/** The farthest a suggestion may be from a word and still be the one obvious fix. */
export const typoReach = (word: string): number => Math.max(2, Math.floor(word.length / 3));

/** Whether a suggestion is close enough to be the one obvious fix. */
export function isLikelyTypo(word: string, distance: number): boolean {
  return distance <= typoReach(word);
}

/** ASCII letters lower-cased as closest() compares them; -1 for other characters. */
function folded(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 128) return -1;
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

// Counts of the characters and character pairs of the text a WordLetters is given, emptied as it is taken back.
const usedLetters = new Int32Array(128);
const usedPairs = new Int32Array(128 * 128);

/**
 * The ASCII characters and pairs of adjacent characters of a word (lower-cased as closest() compares), to bound its
 * distance to the names that start with a text, before any name is written out. The text is given a character at a
 * time and taken back the same way (a walk down a tree of name prefixes); one at a time, as its counts are shared.
 */
export class WordLetters {
  // Counts fit a byte: a word longer than MAX_SUGGESTED_LENGTH counts nothing.
  private readonly letters = new Uint8Array(128);
  private readonly pairs = new Uint8Array(128 * 128);
  /** The text given so far, each character as folded() reads it. */
  private readonly text: number[] = [];
  /** Characters and pairs of the text the word lacks. */
  private missingLetters = 0;
  private missingPairs = 0;

  constructor(word: string) {
    if (word.length > MAX_SUGGESTED_LENGTH) return;
    const lower = word.toLowerCase();
    for (let i = 0; i < lower.length; i++) {
      const a = folded(lower, i);
      if (a < 0) continue;
      this.letters[a]++;
      const b = i + 1 < lower.length ? folded(lower, i + 1) : -1;
      if (b >= 0) this.pairs[a * 128 + b]++;
    }
  }

  /** Appends the character `text[i]` to the text. */
  push(text: string, i: number): void {
    const a = folded(text, i);
    const before = this.text.length > 0 ? this.text[this.text.length - 1] : -1;
    this.text.push(a);
    if (a < 0) return;
    if (++usedLetters[a] > this.letters[a]) this.missingLetters++;
    if (before >= 0 && ++usedPairs[before * 128 + a] > this.pairs[before * 128 + a]) this.missingPairs++;
  }

  /** Takes the text's last character back. */
  pop(): void {
    const a = this.text.pop()!;
    const before = this.text.length > 0 ? this.text[this.text.length - 1] : -1;
    if (a < 0) return;
    if (usedLetters[a]-- > this.letters[a]) this.missingLetters--;
    if (before >= 0 && usedPairs[before * 128 + a]-- > this.pairs[before * 128 + a]) this.missingPairs--;
  }

  /** The length of the text given so far. */
  get length(): number {
    return this.text.length;
  }

  /**
   * A lower bound of closest()'s distance between the word and any name starting with the text: one edit brings at
   * most one character the word lacks, and mends at most two of its character pairs the word lacks.
   */
  get bound(): number {
    return Math.max(this.missingLetters, Math.ceil(this.missingPairs / 2));
  }
}
