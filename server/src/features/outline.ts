// Document symbols (sections with their keys), folding ranges (sections, comment blocks, multi-line values) and
// selection ranges (word → value → entry → section), all read from the parsed file.
import type { DocumentSymbol, FoldingRange, Position, SelectionRange } from 'vscode-languageserver';
import { FoldingRangeKind, SymbolKind } from '../lsp';
import { locate } from '../analysis/locate';
import type { ConfigModel } from '../analysis/model';
import { valueRange, type Range, type Section } from '../parser';
import { sectionSchema, type SectionKind } from '../schema';

const SYMBOL_KINDS: Record<SectionKind, SymbolKind> = {
  supervisord: SymbolKind.Module,
  supervisorctl: SymbolKind.Module,
  unix_http_server: SymbolKind.Interface,
  inet_http_server: SymbolKind.Interface,
  include: SymbolKind.Package,
  program: SymbolKind.Class,
  'fcgi-program': SymbolKind.Class,
  eventlistener: SymbolKind.Event,
  group: SymbolKind.Namespace,
  rpcinterface: SymbolKind.Interface,
  ctlplugin: SymbolKind.Interface,
};

const MAX_DETAIL = 60;
const shorten = (text: string) => (text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text).replace(/\n/g, ' ');

function symbolKind(node: Section): SymbolKind {
  if (node.name === 'DEFAULT') return SymbolKind.Constant;
  const schema = sectionSchema(node.name);
  return schema ? SYMBOL_KINDS[schema.kind] : SymbolKind.Object;
}

export function documentSymbols(model: ConfigModel): DocumentSymbol[] {
  return model.file.sections.map((node) => ({
    name: `[${node.name}]`,
    detail: node.arg !== undefined ? node.kind : undefined,
    kind: symbolKind(node),
    range: node.range,
    selectionRange: node.headerRange,
    children: node.entries.map((entry) => ({
      name: entry.key,
      detail: shorten(entry.value),
      kind: SymbolKind.Property,
      range: entry.range,
      selectionRange: entry.keyRange,
    })),
  }));
}

export function foldingRanges(model: ConfigModel): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const node of model.file.sections) {
    if (node.range.end.line > node.range.start.line) ranges.push({ startLine: node.range.start.line, endLine: node.range.end.line });
    for (const entry of node.entries) {
      if (entry.range.end.line > entry.range.start.line) ranges.push({ startLine: entry.range.start.line, endLine: entry.range.end.line });
    }
  }
  // Runs of two or more whole-line comments on consecutive lines.
  let runStart: number | undefined;
  let previous = -2;
  const close = () => {
    if (runStart !== undefined && previous > runStart)
      ranges.push({ startLine: runStart, endLine: previous, kind: FoldingRangeKind.Comment });
  };
  for (const comment of model.file.comments) {
    if (!comment.fullLine) continue;
    const line = comment.range.start.line;
    if (line !== previous + 1) {
      close();
      runStart = line;
    }
    previous = line;
  }
  close();
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function chain(ranges: Range[]): SelectionRange {
  // Innermost first; drop repeats so every parent strictly contains its child.
  let parent: SelectionRange | undefined;
  for (const range of [...ranges].reverse()) {
    if (parent && JSON.stringify(parent.range) === JSON.stringify(range)) continue;
    parent = { range, parent };
  }
  return parent!;
}

export function selectionRanges(model: ConfigModel, positions: Position[]): SelectionRange[] {
  const whole: Range = {
    start: { line: 0, character: 0 },
    end: { line: Math.max(model.file.lineLengths.length - 1, 0), character: model.file.lineLengths.at(-1) ?? 0 },
  };
  return positions.map((position) => {
    const spot = locate(model, position);
    const ranges: Range[] = [];
    if (spot.kind === 'value') {
      const value = spot.entry.value;
      let start = spot.offset;
      let end = spot.offset;
      while (start > 0 && !/\s/.test(value[start - 1])) start--;
      while (end < value.length && !/\s/.test(value[end])) end++;
      if (end > start) ranges.push(valueRange(spot.entry, start, end));
      if (value.length > 0) ranges.push(valueRange(spot.entry, 0, value.length));
    }
    if (spot.kind === 'key') ranges.push(spot.entry.keyRange);
    if (spot.kind === 'value' || spot.kind === 'key') ranges.push(spot.entry.range);
    if (spot.kind === 'header')
      ranges.push(spot.part === 'name' && spot.node.argRange ? spot.node.argRange : spot.node.nameRange, spot.node.headerRange);
    if (spot.kind !== 'outside') ranges.push(spot.node.range);
    if (ranges.length === 0) ranges.push({ start: position, end: position });
    ranges.push(whole);
    return chain(ranges);
  });
}
