// Numbers in messages and docs, written as `toLocaleString('en')` writes them. That call loads ICU's number formatting
// on first use, about 15 ms of CPU: paid at start-up by every process (rule docs are built when the bundle loads).

/** `n` with its thousands separated by commas and at most `maxFractionDigits` decimals (rounded half away from zero). */
export function formatNumber(n: number, maxFractionDigits = 3): string {
  // The shortest decimal that reads back as n, the digits ICU rounds too; exponent forms are left to ICU.
  const written = String(Math.abs(n));
  if (!Number.isFinite(n) || written.includes('e')) return n.toLocaleString('en', { maximumFractionDigits: maxFractionDigits });
  const point = written.indexOf('.');
  let whole = point === -1 ? written : written.slice(0, point);
  let fraction = point === -1 ? '' : written.slice(point + 1);
  if (fraction.length > maxFractionDigits) {
    const roundUp = fraction.charCodeAt(maxFractionDigits) >= 53; // '5'
    const digits = roundUp ? increment(whole + fraction.slice(0, maxFractionDigits)) : whole + fraction.slice(0, maxFractionDigits);
    whole = digits.slice(0, digits.length - maxFractionDigits);
    fraction = digits.slice(digits.length - maxFractionDigits);
  }
  let end = fraction.length;
  while (end > 0 && fraction[end - 1] === '0') end--;
  fraction = fraction.slice(0, end);
  // Commas every three digits from the right.
  let grouped = whole.slice(0, ((whole.length - 1) % 3) + 1);
  for (let i = grouped.length; i < whole.length; i += 3) grouped += `,${whole.slice(i, i + 3)}`;
  // ICU keeps the sign of a negative number that rounds to zero ("-0").
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A string of decimal digits plus one (`'199'` -> `'200'`, `'99'` -> `'100'`). */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, i)}${String.fromCharCode(digits.charCodeAt(i) + 1)}${'0'.repeat(digits.length - 1 - i)}`;
}
