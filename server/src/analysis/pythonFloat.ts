// Python's float(text) acceptance, which is what click's FLOAT type (and so Celery's float options) applies.
// Digits are `\p{Nd}+(?:_\p{Nd}+)*` (underscores only between digits), written out so the regex audit can read it.
const FLOAT =
  /^\s*[+-]?(?:(?:\p{Nd}+(?:_\p{Nd}+)*(?:\.(?:\p{Nd}+(?:_\p{Nd}+)*)?)?|\.\p{Nd}+(?:_\p{Nd}+)*)(?:[eE][+-]?\p{Nd}+(?:_\p{Nd}+)*)?|inf(?:inity)?|nan)\s*$/iu;

/** Whether Python's float() accepts the text: decimals, exponents, `_` between digits, inf/infinity/nan, a sign. */
export function isPythonFloat(text: string): boolean {
  return FLOAT.test(text);
}
