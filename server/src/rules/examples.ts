// A rule example's config with its `«…»` finding marks taken out, and where they were.
import type { Position, Range } from '../parser';

const MARK_OPEN = '«';
const MARK_CLOSE = '»';

export interface MarkedText {
  text: string;
  /** The marked ranges, in text order. */
  ranges: Range[];
}

export function readMarks(config: string): MarkedText {
  let text = '';
  const ranges: Range[] = [];
  const open: Position[] = [];
  let line = 0;
  let character = 0;
  for (const c of config) {
    if (c === MARK_OPEN) {
      open.push({ line, character });
      continue;
    }
    if (c === MARK_CLOSE) {
      const start = open.pop();
      if (!start) throw new Error(`unbalanced ${MARK_CLOSE} in example:\n${config}`);
      ranges.push({ start, end: { line, character } });
      continue;
    }
    text += c;
    if (c === '\n') {
      line++;
      character = 0;
    } else {
      character += c.length;
    }
  }
  if (open.length) throw new Error(`unbalanced ${MARK_OPEN} in example:\n${config}`);
  ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return { text, ranges };
}
