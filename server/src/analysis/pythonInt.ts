/** Python's int(text) for the forms a config value can take: whitespace, sign, digits with single '_' between. */
export function parsePythonInt(text: string): number | undefined {
  const match = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[2].replace(/_/g, ''));
  return match[1] === '-' ? -value : value;
}
