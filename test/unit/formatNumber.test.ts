// formatNumber stands in for toLocaleString('en') (which loads ICU at start-up): the same text for every number.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNumber } from '../../server/src/util/formatNumber';

const icu = (n: number, digits: number) => n.toLocaleString('en', { maximumFractionDigits: digits });

test('writes what toLocaleString("en") writes: grouping, rounding half away from zero, trailing zeros, signs', () => {
  const samples = [0, -0, 1, 999, 1000, 1234567, Number.MAX_SAFE_INTEGER, 0.5, 1.005, 2.675, 1.45, 1.55, -1.5, -0.0004];
  const more = [0.0005, 999.9996, 127.95, 99.95, 9.995, 1e21, 1e-7, 123456.789, -1234.5, Infinity, NaN];
  for (const n of [...samples, ...more])
    for (const digits of [0, 1, 2, 3]) assert.equal(formatNumber(n, digits), icu(n, digits), `${n}, ${digits}`);
  assert.equal(formatNumber(131071 / 1024, 1), '128');
  assert.equal(formatNumber(100_000), '100,000');
});

test('agrees with toLocaleString("en") on 20,000 pseudo-random numbers of every magnitude', () => {
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < 20_000; i++) {
    const r = random();
    const n = [
      Math.floor(r * 1e12),
      r * 10 ** Math.floor(random() * 14),
      Math.round(r * 1e6) / 10 ** Math.floor(random() * 6),
      -r * 1000,
      Math.floor(r * 1e5) / 10 + 0.05,
    ][i % 5];
    const digits = i % 4;
    assert.equal(formatNumber(n, digits), icu(n, digits), `${n}, ${digits}`);
  }
});
