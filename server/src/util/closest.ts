/** Levenshtein distance, O(a·b) time and O(b) memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The candidate nearest to `word` (case-insensitive), with its distance; ties keep the first candidate. */
export function closest(word: string, candidates: Iterable<string>): { value: string; distance: number } | undefined {
  let best: { value: string; distance: number } | undefined;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { value: candidate, distance };
  }
  return best;
}

/** Whether a suggestion is close enough to be the one obvious fix. */
export function isLikelyTypo(word: string, distance: number): boolean {
  return distance <= Math.max(2, Math.floor(word.length / 3));
}
