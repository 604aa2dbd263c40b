// A rule example's config with its `«…»` finding marks taken out, and where they were; and where the file lies.
import type { Position, Range } from '../parser';
import type { RuleExample } from './types';

/** An example's text is a main config: it has [supervisord]. */
export const looksLikeMainConfig = (text: string): boolean => /^\s*\[supervisord\]/m.test(text);

/** Where an example's file lies: its own path, else a main config or a conf.d fragment by what `text` (its config) is. */
export const examplePath = (example: RuleExample, text = example.config): string =>
  example.path ?? (looksLikeMainConfig(text) ? '/etc/supervisor/supervisord.conf' : '/etc/supervisor/conf.d/example.conf');

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
