// Seeded variants of a config that supervisord reads exactly as the original (up to the names given a `%`): the
// shapes our edits have got wrong before. Indented headers and keys, commands split over continuation lines with
// comments, `%` in program and group names, CRLF, tabs around `=`, trailing blanks, no final line break.
import { analyzeText } from '../../server/src/analysis/model';
import { nameReferences } from '../../server/src/analysis/references';
import { applyEdits } from '../helpers/edits';
import { random } from '../hostile/mutations';

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

interface Mutation {
  name: string;
  apply: (text: string, rng: Rng) => string;
}

/**
 * Headers indented by one prefix, every other line by that prefix and maybe more: a key line is never less indented
 * than the header above it and a header never more than the line above it, so none becomes a continuation line.
 */
function indent(text: string, rng: Rng): string {
  const file = analyzeText(text).file;
  const headers = new Set(file.sections.map((s) => s.headerRange.start.line));
  const header = pick(rng, ['', ' ', '\t', '  ']);
  const body = header + pick(rng, header ? ['', ' ', '\t'] : [' ', '\t', '  ']);
  const edits = file.lineLengths.flatMap((length, line) => {
    const at = { line, character: 0 };
    return length === 0 ? [] : [{ range: { start: at, end: at }, newText: headers.has(line) ? header : body }];
  });
  return applyEdits(text, edits);
}

/**
 * A one-line command without quotes, escapes or comment markers, split into continuation lines that each end with a
 * comment (ConfigParser cuts the comments off and joins the lines with a newline, which the shell-like split reads as
 * a blank).
 */
function commentedContinuations(text: string, rng: Rng): string {
  const file = analyzeText(text).file;
  const commented = new Set(file.comments.map((c) => c.range.start.line));
  const edits = file.sections.flatMap((section) =>
    section.entries.flatMap((entry) => {
      const line = entry.keyRange.start.line;
      if (entry.key !== 'command' || entry.valueLines.length !== 1 || commented.has(line) || /["'\\;#]/.test(entry.value)) return [];
      const words = entry.value.split(/[ \t]+/);
      if (words.length < 2) return [];
      // Breaks between words (at least one), often between every two: an option and its value on different lines.
      const breaks = pick(rng, [0.3, 1]);
      const lines: string[][] = [[words[0]]];
      for (const word of words.slice(1)) {
        if (rng() < breaks || (lines.length === 1 && word === words[words.length - 1])) lines.push([word]);
        else lines[lines.length - 1].push(word);
      }
      const pad = ' '.repeat(entry.keyRange.start.character + pick(rng, [2, 4, 8]));
      const newText = lines
        .map((line, i) => `${i === 0 ? '' : pad}${line.join(' ')}${pick(rng, ['  ; run it', ' ; see docs', ' # note'])}`)
        .join(file.eol);
      return [{ range: entry.valueLines[0].range, newText }];
    }),
  );
  return applyEdits(text, edits);
}

/** A comment after every one-line value that has none (ConfigParser cuts it off: ` ;` starts an inline comment). */
function inlineComments(text: string, rng: Rng): string {
  const file = analyzeText(text).file;
  const commented = new Set(file.comments.map((c) => c.range.start.line));
  const edits = file.sections.flatMap((section) =>
    section.entries.flatMap((entry) => {
      const line = entry.keyRange.start.line;
      if (entry.valueLines.length !== 1 || commented.has(line) || rng() < 0.3) return [];
      const at = { line, character: file.lineLengths[line] };
      return [{ range: { start: at, end: at }, newText: pick(rng, [' ; why', '  ; set for prod', '\t# note']) }];
    }),
  );
  return applyEdits(text, edits);
}

/** Each program and group name named only in forms an edit can rewrite gets a `%`: `%%` where a value names it. */
function percentNames(text: string): string {
  const model = analyzeText(text);
  const refs = nameReferences([model]);
  const blocked = new Set(refs.filter((r) => !r.renamable || r.name.includes('%')).map((r) => `${r.kind}:${r.name}`));
  const edits = refs
    .filter((r) => !blocked.has(`${r.kind}:${r.name}`))
    .map((r) => ({ range: r.range, newText: r.isDefinition ? `${r.name}%1` : `${r.name}%%1` }));
  return applyEdits(text, edits);
}

/** `key\t=\tvalue`: a tab on either side of the delimiter (never before a value that starts with a comment marker). */
function tabsAroundEquals(text: string, rng: Rng): string {
  const file = analyzeText(text).file;
  const edits = file.sections.flatMap((section) =>
    section.entries.flatMap((entry) => {
      const first = entry.valueLines[0];
      if (/^[;#]/.test(entry.value) || first.range.start.line !== entry.keyRange.start.line) return [];
      const end = entry.value === '' ? entry.delimiterRange.end : first.range.start;
      const after = entry.value === '' ? '' : pick(rng, ['\t', ' \t']);
      return [{ range: { start: entry.keyRange.end, end }, newText: `${pick(rng, ['\t', '\t '])}${entry.delimiter}${after}` }];
    }),
  );
  return applyEdits(text, edits);
}

const PERCENT_NAMES: Mutation = { name: '%names', apply: percentNames };
const MUTATIONS: Mutation[] = [
  PERCENT_NAMES,
  { name: 'continuations', apply: commentedContinuations },
  { name: 'comments', apply: inlineComments },
  { name: 'tabs', apply: tabsAroundEquals },
  { name: 'indent', apply: indent },
  {
    name: 'trailing',
    apply: (text, rng) => text.replace(/(?<=[^\r\n])(?=\r?\n)/g, () => (rng() < 0.4 ? pick(rng, [' ', '  ', '\t', ' \t']) : '')),
  },
  { name: 'no-final-eol', apply: (text) => text.replace(/(\r?\n)+$/, '') },
  { name: 'crlf', apply: (text) => text.replace(/\r?\n/g, '\r\n') },
];

export interface Variant {
  /** The mutations applied, in order. */
  name: string;
  text: string;
}

/**
 * `count` variants of `base`: the first with every mutation but the renaming one (a `%` makes some findings differ, and
 * with them the edits tried), the others with a seeded choice of them (at least one), applied in a fixed order.
 */
export function variants(base: string, seed: number, count: number): Variant[] {
  const out: Variant[] = [];
  for (let v = 0; v < count; v++) {
    const rng = random(seed * 7919 + v);
    let chosen = v === 0 ? MUTATIONS.filter((m) => m !== PERCENT_NAMES) : MUTATIONS.filter(() => rng() < 0.45);
    if (chosen.length === 0) chosen = [pick(rng, MUTATIONS)];
    let text = base;
    for (const mutation of chosen) text = mutation.apply(text, rng);
    if (text !== base) out.push({ name: chosen.map((m) => m.name).join('+'), text });
  }
  return out;
}
