// What sits at a document position: a section header, a key, a value (with the offset into the joined value), or
// a line of a section that holds no entry yet. Every editor feature starts here instead of re-reading the text.
import { valueOffsetAt, type Entry, type Position, type Range, type Section } from '../parser';
import type { ConfigModel } from './model';
import { lastAtOrBefore } from '../util/lastAtOrBefore';

export type Spot =
  | { kind: 'outside'; prefix: string }
  | { kind: 'header'; node: Section; part: 'kind' | 'name' | 'other' }
  | { kind: 'key'; node: Section; entry: Entry }
  | { kind: 'value'; node: Section; entry: Entry; offset: number }
  /** A line inside a section that is not (yet) an entry: `prefix` is its text before the position. */
  | { kind: 'line'; node: Section; prefix: string };

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/** The position lies in the range, both ends included. */
export const rangeContains = (range: Range, p: Position) => before(range.start, p) && before(p, range.end);

/** Text of a line before a character, read from the model's text. */
function linePrefix(model: ConfigModel, position: Position): string {
  const start = model.file.lineStarts[position.line];
  if (start === undefined) return '';
  return model.text.slice(start, start + Math.min(position.character, model.file.lineLengths[position.line]));
}

export function locate(model: ConfigModel, position: Position): Spot {
  const sections = model.file.sections;
  const node = sections[lastAtOrBefore(sections, position.line, (s) => s.line)];
  if (!node) return { kind: 'outside', prefix: linePrefix(model, position) };
  if (position.line === node.headerRange.start.line) {
    if (rangeContains(node.kindRange, position)) return { kind: 'header', node, part: 'kind' };
    if (node.argRange && rangeContains(node.argRange, position)) return { kind: 'header', node, part: 'name' };
    return { kind: 'header', node, part: 'other' };
  }
  const entry = node.entries[lastAtOrBefore(node.entries, position.line, (e) => e.keyRange.start.line)];
  if (entry && position.line <= entry.range.end.line) {
    if (position.line === entry.keyRange.start.line && before(position, entry.keyRange.end)) return { kind: 'key', node, entry };
    if (position.line === entry.keyRange.start.line && before(position, entry.delimiterRange.start)) return { kind: 'key', node, entry };
    const offset = valueOffsetAt(entry, position);
    if (offset !== undefined) return { kind: 'value', node, entry, offset };
    const line = entry.valueLines.find((l) => l.range.start.line === position.line);
    if (line)
      return { kind: 'value', node, entry, offset: line.offset + (position.character < line.range.start.character ? 0 : line.text.length) };
  }
  return { kind: 'line', node, prefix: linePrefix(model, position) };
}
