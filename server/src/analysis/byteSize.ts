// Sizes as supervisor reads them (datatypes.byte_size), which memmon reads the same way.
import { parsePythonInt } from './pythonInt';

/** datatypes.byte_size: a Python int, optionally followed by kb/mb/gb in any case. */
export function parseByteSize(value: string): number | undefined {
  const lower = value.toLowerCase();
  const suffix = ['kb', 'mb', 'gb'].indexOf(lower.slice(-2));
  const number = parsePythonInt(suffix === -1 ? value : value.slice(0, -2));
  return number === undefined ? undefined : number * 1024 ** (suffix + 1);
}
