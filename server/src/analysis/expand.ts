// Python %-formatting with a mapping, as supervisord's `expand()` applies it to config values:
// `%(name)s`, `%(process_num)02d`, `%%`. Unknown names and malformed specs are reported, not thrown.
import { MAX_FORMAT_WIDTH } from './limits';
import { keepShape } from '../util/keepShape';

export type ExpansionValue = string | number;

export interface ExpansionRef {
  name: string;
  /** Offsets of the whole `%(name)…x` spec in the template. */
  start: number;
  end: number;
  conversion: string;
}

export type ExpandResult =
  | { ok: true; value: string }
  | { ok: false; kind: 'unknown-name'; name: string; start: number; end: number }
  | { ok: false; kind: 'bad-format'; message: string; start: number; end: number }
  /** Legal, but wider than MAX_FORMAT_WIDTH: the value is not computed. */
  | { ok: false; kind: 'too-wide'; start: number; end: number };

const CONVERSIONS = 'diouxXeEfFgGcrsa';

/** A spec's flags, as bits: every value with a `%` passes through here, so they are tested without a string search. */
const LEFT = 1; // -
const SIGN = 2; // +
const SPACE = 4; // ' '
const ALTERNATE = 8; // #
const ZERO = 16; // 0

/** The bit of a flag character's code, 0 for any other character. */
function flagBit(code: number): number {
  switch (code) {
    case 45:
      return LEFT;
    case 43:
      return SIGN;
    case 32:
      return SPACE;
    case 35:
      return ALTERNATE;
    case 48:
      return ZERO;
    default:
      return 0;
  }
}

interface Spec {
  name?: string;
  flags: number;
  width: number;
  precision?: number;
  conversion: string;
  /** Offsets of the whole spec in the template. */
  start: number;
  end: number;
}

/**
 * The `)` closing each `(` of a template (-1 when none does), found in one pass. Python reads `%(name)` up to the
 * parenthesis that balances the opening one; looking that up here keeps many `%(` in one value linear.
 */
function closingParens(template: string): Int32Array {
  const closing = new Int32Array(template.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < template.length; i++) {
    if (template[i] === '(') open.push(i);
    else if (template[i] === ')' && open.length) closing[open.pop()!] = i;
  }
  return closing;
}

/** Where the `(` of each `%(` of one template closes. */
class Parens {
  private table: Int32Array | undefined;
  constructor(private readonly template: string) {}

  /**
   * The `)` closing the `(` at `open`, or -1. Mostly the next parenthesis closes it, found by a scan that stops there
   * (the scans from distinct `(` never overlap, so a template costs one pass); a nested `(` needs the whole table.
   */
  closing(open: number): number {
    const { template } = this;
    for (let i = open + 1; i < template.length; i++) {
      const code = template.charCodeAt(i);
      if (code === 41) return i; // )
      if (code === 40) return (this.table ??= closingParens(template))[open]; // (
    }
    return -1;
  }
}
keepShape(new Parens(''));

/**
 * The names supervisord gives values, as constants by length (no two have the same): a spec naming one takes the
 * constant instead of a new string, so that reading a spec makes none, and looking its name up compares pointers.
 */
const NAMES: (string | undefined)[] = [];
for (const name of ['program_name', 'process_num', 'group_name', 'numprocs', 'here', 'host_node_name']) NAMES[name.length] = name;

/** template.slice(start, end), or the same name from NAMES. */
function nameIn(template: string, start: number, end: number): string {
  const name = NAMES[end - start];
  return name !== undefined && template.startsWith(name, start) ? name : template.slice(start, end);
}

/** Reads one conversion spec starting at template[start] === '%'; a string is an error message. */
function readSpec(template: string, start: number, parens: Parens): Spec | string {
  let i = start + 1;
  let name: string | undefined;
  if (template[i] === '(') {
    const close = parens.closing(i);
    if (close < 0) return 'incomplete format key';
    name = nameIn(template, i + 1, close);
    i = close + 1;
  }
  let flags = 0;
  for (let bit = flagBit(template.charCodeAt(i)); bit !== 0; bit = flagBit(template.charCodeAt(++i))) flags |= bit;
  let width = 0;
  for (let digit = template.charCodeAt(i) - 48; digit >= 0 && digit <= 9; digit = template.charCodeAt(++i) - 48) width = width * 10 + digit;
  let precision: number | undefined;
  if (template[i] === '.') {
    precision = 0;
    for (let digit = template.charCodeAt(++i) - 48; digit >= 0 && digit <= 9; digit = template.charCodeAt(++i) - 48)
      precision = precision * 10 + digit;
  }
  // One length modifier is skipped (Python 3.11 refuses `%lld`).
  if (template[i] === 'h' || template[i] === 'l' || template[i] === 'L') i++;
  if (i >= template.length) return 'incomplete format';
  const conversion = template[i];
  // A literal percent sign is `%%` alone: a name, flags, width or precision before the second `%` are refused.
  if (conversion === '%')
    return i === start + 1 ? { flags, width, precision, conversion, start, end: i + 1 } : "unsupported format character '%'";
  if (!CONVERSIONS.includes(conversion)) return `unsupported format character '${conversion}'`;
  return { name, flags, width, precision, conversion, start, end: i + 1 };
}

/** Pads to the field width; zeros (flag `0`, numbers only) go after the first `lead` characters (sign, `0x`). */
function pad(text: string, spec: Spec, lead?: number): string {
  if (text.length >= spec.width) return text;
  if (spec.flags & LEFT) return text.padEnd(spec.width);
  if (lead !== undefined && spec.flags & ZERO) return text.slice(0, lead) + text.slice(lead).padStart(spec.width - lead, '0');
  return text.padStart(spec.width);
}

function integerRadix(conversion: string): 8 | 10 | 16 | undefined {
  switch (conversion) {
    case 'd':
    case 'i':
    case 'u':
      return 10;
    case 'o':
      return 8;
    case 'x':
    case 'X':
      return 16;
    default:
      return undefined;
  }
}

/** What `#` writes between an integer's sign and its digits: Python's `0x`, `0X` or `0o`. */
const radixPrefix = (spec: Spec) => (spec.flags & ALTERNATE && integerRadix(spec.conversion) !== 10 ? `0${spec.conversion}` : '');

function convert(value: ExpansionValue, spec: Spec): string | undefined {
  switch (spec.conversion) {
    case 's':
    case 'r':
    case 'a': {
      const text = spec.conversion === 's' ? String(value) : typeof value === 'string' ? `'${value}'` : String(value);
      return pad(spec.precision === undefined ? text : text.slice(0, spec.precision), spec);
    }
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'o': {
      if (typeof value !== 'number') return undefined;
      const n = Math.trunc(value);
      const radix = integerRadix(spec.conversion)!;
      // A precision is a minimum count of digits.
      let digits = Math.abs(n)
        .toString(radix)
        .padStart(spec.precision ?? 0, '0');
      if (spec.conversion === 'X') digits = digits.toUpperCase();
      const sign = n < 0 ? '-' : spec.flags & SIGN ? '+' : spec.flags & SPACE ? ' ' : '';
      const prefix = radixPrefix(spec);
      return pad(sign + prefix + digits, spec, sign.length + prefix.length);
    }
    case 'c':
      // One character: a string of one code point, or the code point a number names.
      if (typeof value === 'string') return [...value].length === 1 ? pad(value, spec) : undefined;
      return Number.isInteger(value) && value >= 0 && value <= 0x10ffff ? pad(String.fromCodePoint(value), spec) : undefined;
    default:
      // Float conversions are legal but never useful in supervisord configs; format plainly.
      return typeof value === 'number' ? pad(String(value), spec, value < 0 ? 1 : 0) : undefined;
  }
}

/** Calls `visit` with every well-formed spec of a template and its start offset, `%%` included (malformed ones are skipped). */
function forEachSpec(template: string, visit: (start: number, spec: Spec) => void): void {
  let i = template.indexOf('%');
  if (i === -1) return;
  const parens = new Parens(template);
  for (; i !== -1; i = template.indexOf('%', i)) {
    const spec = readSpec(template, i, parens);
    if (typeof spec === 'string') {
      i++;
      continue;
    }
    visit(i, spec);
    i = spec.end;
  }
}

/** Every `%(name)…` reference in a template, in order. */
export function expansionRefs(template: string): ExpansionRef[] {
  const refs: ExpansionRef[] = [];
  forEachSpec(template, (start, spec) => {
    if (spec.name !== undefined) refs.push({ name: spec.name, start, end: spec.end, conversion: spec.conversion });
  });
  return refs;
}

/**
 * False when the template surely has no positional spec: every `%` opens a `%(name)` or pairs up as `%%`, which is how
 * nearly every value with a `%` is written. A positional spec starts at a `%` followed by neither, which this meets
 * wherever positionalSpecs would, so it is looked for (and specs parsed) only past this check.
 */
export function mayHavePositionalSpec(template: string): boolean {
  for (let i = template.indexOf('%'); i !== -1; i = template.indexOf('%', i + 1)) {
    const next = template.charCodeAt(i + 1);
    if (next === 37)
      i++; // %%: skip its second %
    else if (next !== 40) return true; // not %(
  }
  return false;
}

/** Offsets of every positional spec (`%s`, `% d`, …): with a mapping, each takes the whole mapping as its argument. */
export function positionalSpecs(template: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  forEachSpec(template, (start, spec) => {
    if (spec.name === undefined && spec.conversion !== '%') found.push({ start, end: spec.end });
  });
  return found;
}

/** How Python prints the mapping itself, which is what a positional `%s` inserts. */
function mappingRepr(values: ReadonlyMap<string, ExpansionValue>): string {
  const item = (v: ExpansionValue) => (typeof v === 'number' ? String(v) : `'${v}'`);
  return `{${[...values].map(([k, v]) => `'${k}': ${item(v)}`).join(', ')}}`;
}

/**
 * A positional spec (`%s`) takes the mapping itself as its argument, so it is legal once, as the first spec, and only
 * with a conversion that accepts any object; after that Python has no arguments left.
 */
function positionalProblem(spec: Spec, specsBefore: number): string | undefined {
  if (specsBefore > 0) return 'not enough arguments for format string';
  if ('sra'.includes(spec.conversion)) return undefined;
  return spec.conversion === 'c' ? '%c requires int or char' : `%${spec.conversion} format: a real number is required, not dict`;
}

type Failure = Exclude<ExpandResult, { ok: true }>;

/**
 * Hands `visit` a template's pieces in order, up to the first spec that fails whatever the values are (returned):
 * runs of text (`%%` already one `%`) and specs, a positional one read as the `%s` of the mapping it prints.
 * `visit` may stop the reading with a failure of its own.
 */
function readPieces(template: string, visit: (piece: string | Spec) => Failure | undefined): Failure | undefined {
  let literal = '';
  let last = 0;
  let specs = 0;
  const parens = new Parens(template);
  for (let i = template.indexOf('%'); i !== -1; i = template.indexOf('%', last)) {
    literal += template.slice(last, i);
    const spec = readSpec(template, i, parens);
    if (typeof spec === 'string') return { ok: false, kind: 'bad-format', message: spec, start: i, end: Math.min(i + 2, template.length) };
    if (spec.width > MAX_FORMAT_WIDTH || (spec.precision ?? 0) > MAX_FORMAT_WIDTH)
      return { ok: false, kind: 'too-wide', start: i, end: spec.end };
    last = spec.end;
    if (spec.conversion === '%' && spec.name === undefined) {
      literal += '%';
      continue;
    }
    const stop = literal ? visit(literal) : undefined;
    if (stop) return stop;
    literal = '';
    if (spec.name === undefined) {
      const problem = positionalProblem(spec, specs++);
      if (problem) return { ok: false, kind: 'bad-format', message: problem, start: i, end: spec.end };
    } else specs++;
    // A dict prints the same under %s, %r and %a.
    const failure = visit(spec.name === undefined ? { ...spec, conversion: 's' } : spec);
    if (failure) return failure;
  }
  literal += template.slice(last);
  return literal ? visit(literal) : undefined;
}

/** A text being expanded piece by piece, leaving out the spec of `hole` (its value is not needed) and noting where it would print. */
class Expansion {
  text = '';
  /** Where the hole's spec was met: its offset in the text, and the spec. */
  at: number | undefined = undefined;
  holeSpec: Spec | undefined = undefined;

  constructor(
    private readonly values: ReadonlyMap<string, ExpansionValue>,
    private readonly hole?: string,
  ) {}

  add(piece: string | Spec): Failure | undefined {
    if (typeof piece === 'string') {
      this.text += piece;
      return undefined;
    }
    const { name } = piece;
    if (name === undefined) {
      this.text += convert(mappingRepr(this.values), piece);
      return undefined;
    }
    if (name === this.hole) {
      this.at = this.text.length;
      this.holeSpec = piece;
      return undefined;
    }
    const value = this.values.get(name);
    if (value === undefined) return { ok: false, kind: 'unknown-name', name, start: piece.start, end: piece.end };
    const text = convert(value, piece);
    if (text === undefined)
      return {
        ok: false,
        kind: 'bad-format',
        message:
          piece.conversion === 'c'
            ? `%c needs one character or a character's number, ${name} is ${typeof value === 'string' ? `'${value}'` : value}`
            : `%${piece.conversion} needs a number, ${name} is text`,
        start: piece.start,
        end: piece.end,
      };
    this.text += text;
    return undefined;
  }
}
keepShape(new Expansion(new Map(), ''));

/** Where expansion looks a name's value up: a Map, or an object answering from what the analysis knows. */
export interface NameValues {
  get(name: string): ExpansionValue | undefined;
}

/**
 * The template expanded in one pass when every spec names a value `values` has (or is `%%`), as nearly every value
 * with a `%` is written; undefined otherwise (a name it lacks, a positional spec, which prints the whole mapping, a
 * malformed or too-wide spec, a conversion that does not fit), and readPieces reads the template closer.
 */
export function expandNames(template: string, values: NameValues): string | undefined {
  let text = '';
  let last = 0;
  const parens = new Parens(template);
  for (let i = template.indexOf('%'); i !== -1; i = template.indexOf('%', last)) {
    const spec = readSpec(template, i, parens);
    if (typeof spec === 'string' || spec.width > MAX_FORMAT_WIDTH || (spec.precision ?? 0) > MAX_FORMAT_WIDTH) return undefined;
    text += template.slice(last, i);
    last = spec.end;
    if (spec.name === undefined) {
      if (spec.conversion !== '%') return undefined;
      text += '%';
      continue;
    }
    const value = values.get(spec.name);
    const printed = value === undefined ? undefined : convert(value, spec);
    if (printed === undefined) return undefined;
    text += printed;
  }
  return text + template.slice(last);
}

export function expand(template: string, values: ReadonlyMap<string, ExpansionValue>): ExpandResult {
  const value = expandNames(template, values);
  if (value !== undefined) return { ok: true, value };
  const expansion = new Expansion(values);
  return readPieces(template, (piece) => expansion.add(piece)) ?? { ok: true, value: expansion.text };
}

/**
 * A template read once, to be expanded with one set of values after another without reading a spec twice: every
 * program of a file shares its `process_name`.
 */
export class Template {
  private readonly pieces: (string | Spec)[] = [];
  /** What expansion fails with after the pieces, whatever the values: a malformed or too-wide spec, a misplaced `%s`. */
  private readonly failure: Failure | undefined;
  /** Whether `open` can read a number back, by name: each name asked about is checked once. */
  private readonly openable = new Map<string, boolean>();
  /** How each spec left open prints a number: one field shared by every program. */
  private readonly fields = new Map<Spec, NumberField | undefined>();

  constructor(readonly text: string) {
    this.failure = readPieces(text, (piece) => {
      this.pieces.push(piece);
      return undefined;
    });
  }

  expand(values: ReadonlyMap<string, ExpansionValue>): ExpandResult {
    return this.expandAround(new Expansion(values));
  }

  private expandAround(expansion: Expansion): ExpandResult {
    for (const piece of this.pieces) {
      const failure = expansion.add(piece);
      if (failure) return failure;
    }
    // A copy: the caller may change what it is given.
    return this.failure ? { ...this.failure } : { ok: true, value: expansion.text };
  }

  /**
   * The template expanded with `name` left open, so that the number it takes can be read back from an expanded text.
   * Undefined when that cannot be done exactly: `name` appears more than once, a positional spec prints the whole
   * mapping (the number included), or the conversion hides digits (`%.2s`, `%c`, floats).
   */
  open(name: string, values: ReadonlyMap<string, ExpansionValue>): OpenTemplate | Failure | undefined {
    if (!this.isOpenable(name)) return undefined;
    const expansion = new Expansion(values, name);
    const result = this.expandAround(expansion);
    if (!result.ok) return result;
    const { holeSpec, at } = expansion;
    if (!holeSpec || at === undefined) return { ok: true, before: result.value, after: '' };
    let field = this.fields.get(holeSpec);
    if (!this.fields.has(holeSpec)) this.fields.set(holeSpec, (field = numberField(holeSpec)));
    if (!field) return undefined;
    return { ok: true, before: result.value.slice(0, at), after: result.value.slice(at), field };
  }

  /** No positional spec and at most one of `name`, over every well-formed spec (past a malformed one too). */
  private isOpenable(name: string): boolean {
    let openable = this.openable.get(name);
    if (openable === undefined) {
      let positional = false;
      let uses = 0;
      forEachSpec(this.text, (_, spec) => {
        if (spec.name === undefined) positional ||= spec.conversion !== '%';
        else if (spec.name === name) uses++;
      });
      this.openable.set(name, (openable = !positional && uses <= 1));
    }
    return openable;
  }
}

/** How a number field prints, and how to read its digits back. */
export interface NumberField {
  print(value: number): string;
  radix: 8 | 10 | 16;
  /** What `#` writes between the sign and the digits: `0x`, `0X`, `0o` or nothing. */
  prefix: string;
}

/** A template around its one spec of a number: the expanded text on either side, and the field (none when absent). */
export interface OpenTemplate {
  ok: true;
  before: string;
  after: string;
  field?: NumberField;
}

/**
 * How a spec prints a number, undefined when its digits cannot be read back. `%s` of a number prints its decimal
 * digits, unless a precision cuts them.
 */
function numberField(spec: Spec): NumberField | undefined {
  const radix = 'sra'.includes(spec.conversion) && spec.precision === undefined ? 10 : integerRadix(spec.conversion);
  return radix === undefined ? undefined : { print: (value) => convert(value, spec)!, radix, prefix: radixPrefix(spec) };
}
