/** Value of a Unicode decimal digit: digits come in runs of ten that start at a zero. */
function digitValue(char: string): number {
  let code = char.codePointAt(0)!;
  let steps = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(code - 1))) {
    code--;
    steps++;
  }
  return steps % 10;
}

/**
 * Python's int(text) for the forms a config value can take: surrounding whitespace, a sign, decimal digits (any
 * Unicode decimal digit, as Python accepts) with single '_' between them.
 */
export function parsePythonInt(text: string): number | undefined {
  if (isAsciiDigits(text)) return Number(text); // how nearly every value is written: no regex needed
  const match = /^\s*([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)\s*$/u.exec(text);
  if (!match) return undefined;
  const value = Number(asciiDigits(match[2].replace(/_/g, '')));
  return match[1] === '-' ? -value : value;
}

/** Decimal digits of any script (Python reads them all) as ASCII ones. */
export function asciiDigits(digits: string): string {
  return /^[0-9]*$/.test(digits) ? digits : [...digits].map((c) => (/[0-9]/.test(c) ? c : String(digitValue(c)))).join('');
}

function isAsciiDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
