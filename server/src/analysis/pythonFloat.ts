// Python's float(text) acceptance, which is what click's FLOAT type (and so Celery's float options) applies.
const DIGITS = String.raw`\p{Nd}+(?:_\p{Nd}+)*`;
const FLOAT = new RegExp(String.raw`^\s*[+-]?(?:(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf(?:inity)?|nan)\s*$`, 'iu');

/** Whether Python's float() accepts the text: decimals, exponents, `_` between digits, inf/infinity/nan, a sign. */
export function isPythonFloat(text: string): boolean {
  return FLOAT.test(text);
}
