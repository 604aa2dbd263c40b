// Typo suggestions. Bounded so that hostile input (a 60 KB name, 100,000 candidates) stays cheap: candidates whose
// length alone rules them out are skipped, and the distance is computed in a band that gives up past the best so far.

/** Names longer than this get no suggestion: nobody mistypes a 200-character name by a letter or two. */
const MAX_SUGGESTED_LENGTH = 200;

/** Levenshtein distance when it is at most `limit`, else `limit + 1`; O(min(a, b) · limit) time. */
function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(limit + 1);
    current[0] = i;
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    let rowMin = from > 1 ? limit + 1 : i;
    for (let j = from; j <= to; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return Math.min(previous[b.length], limit + 1);
}

/** The candidate nearest to `word` (case-insensitive), with its distance; ties keep the first candidate. */
export function closest(word: string, candidates: Iterable<string>): { value: string; distance: number } | undefined {
  if (word.length > MAX_SUGGESTED_LENGTH) return undefined;
  let best: { value: string; distance: number } | undefined;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    if (candidate.length > MAX_SUGGESTED_LENGTH) continue;
    const limit = best ? best.distance - 1 : Math.max(lower.length, candidate.length);
    if (limit < 0) break;
    const distance = boundedDistance(lower, candidate.toLowerCase(), limit);
    if (distance <= limit) best = { value: candidate, distance };
  }
  return best;
}

/** Whether a suggestion is close enough to be the one obvious fix. */
export function isLikelyTypo(word: string, distance: number): boolean {
  return distance <= Math.max(2, Math.floor(word.length / 3));
}
