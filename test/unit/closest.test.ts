import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closest, WordLetters } from '../../server/src/util/closest';

/** The full Levenshtein table: the reference the banded, row-reusing distance must agree with. */
function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** The first candidate at the least distance, computed the slow way. */
function reference(word: string, candidates: string[]): { value: string; distance: number } | undefined {
  let best: { value: string; distance: number } | undefined;
  for (const value of candidates) {
    const distance = levenshtein(word.toLowerCase(), value.toLowerCase());
    if (!best || distance < best.distance) best = { value, distance };
  }
  return best;
}

test('closest agrees with the full Levenshtein table on random names (reused rows leave nothing behind)', () => {
  let seed = 12;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const name = () => Array.from({ length: Math.floor(random() * 14) }, () => 'abcXYZ-_éÉ'[Math.floor(random() * 10)]).join('');
  for (let round = 0; round < 2000; round++) {
    const word = name();
    const candidates = Array.from({ length: 1 + Math.floor(random() * 8) }, name);
    assert.deepEqual(closest(word, candidates), reference(word, candidates), `${word} among ${candidates.join(' ')}`);
  }
});

test('closest finds a typo among 100,000 process names and keeps the first of equals', () => {
  const names = Array.from({ length: 100_000 }, (_, i) => `web-${Math.floor(i / 1000)}_${String(i % 1000).padStart(3, '0')}`);
  assert.deepEqual(closest('wbe-7_042', names), { value: 'web-7_042', distance: 2 });
  assert.deepEqual(closest('web-7_04', ['web-7_041', 'web-7_040']), { value: 'web-7_041', distance: 1 });
  assert.equal(closest('x'.repeat(201), names), undefined);
});

test('closest keeps to `within`', () => {
  assert.deepEqual(closest('wrker', ['worker', 'wrkr'], 1), { value: 'worker', distance: 1 });
  assert.equal(closest('wrkr', ['worker'], 1), undefined);
});

test('WordLetters bounds the distance from below for any name containing the text given, as it is given and taken back', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const text = (max: number) => Array.from({ length: Math.floor(random() * max) }, () => 'abAB-_01é'[Math.floor(random() * 9)]).join('');
  let tight = 0;
  const letters = new WordLetters('');
  for (let round = 0; round < 3000; round++) {
    const word = text(12);
    const part = text(8);
    const name = text(4) + part + text(4);
    const given = new WordLetters(word);
    // Given a character at a time, with a detour taken back on the way: the bound is the text's, not the detour's.
    for (let i = 0; i < part.length; i++) {
      given.push(part, i);
      const detour = 'aB-é'.slice(i % 3);
      for (let k = 0; k < detour.length; k++) given.push(detour, k);
      for (let k = 0; k < detour.length; k++) given.pop();
    }
    assert.equal(given.length, part.length);
    const bound = given.bound;
    while (given.length > 0) given.pop();
    const distance = levenshtein(word.toLowerCase(), name.toLowerCase());
    assert.ok(bound <= distance, `${bound} > ${distance}: ${word} / ${name} (part ${part})`);
    if (bound === distance && bound > 0) tight++;
  }
  // Not a vacuous bound: it reaches the distance itself now and then.
  assert.ok(tight > 20, String(tight));
  // Every count taken back: a fresh word given nothing is bounded by nothing.
  assert.equal(letters.bound, 0);
  const fresh = new WordLetters('ab');
  fresh.push('ab', 0);
  fresh.push('ab', 1);
  assert.equal(fresh.bound, 0, 'counts left over from an earlier text');
});
