// Maps between offsets in an entry's joined value (Entry.value) and document positions.
import type { Entry, Position, Range, ValueLine } from './types';

function lineIndexForOffset(lines: ValueLine[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid].offset <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The value line (first line or continuation) holding an offset into entry.value, and its index. */
export function valueLineAt(entry: Entry, offset: number): { line: ValueLine; index: number } {
  const index = lineIndexForOffset(entry.valueLines, offset);
  return { line: entry.valueLines[index], index };
}

/** Document position of an offset into entry.value (offsets past a line's end clamp to that line's end). */
export function valuePositionAt(entry: Entry, offset: number): Position {
  const line = entry.valueLines[lineIndexForOffset(entry.valueLines, offset)];
  const delta = Math.min(Math.max(offset - line.offset, 0), line.text.length);
  return { line: line.line, character: line.startChar + delta };
}

/** Offset into entry.value of a document position, or undefined when the position is not inside the value. */
export function valueOffsetAt(entry: Entry, position: Position): number | undefined {
  for (const line of entry.valueLines) {
    if (line.line !== position.line) continue;
    const delta = position.character - line.startChar;
    if (delta >= 0 && delta <= line.text.length) return line.offset + delta;
  }
  return undefined;
}

/** Document range of [start, end) offsets into entry.value. */
export function valueRange(entry: Entry, start: number, end: number): Range {
  return { start: valuePositionAt(entry, start), end: valuePositionAt(entry, end) };
}
