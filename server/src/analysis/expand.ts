// Python %-formatting with a mapping, as supervisord's `expand()` applies it to config values:
// `%(name)s`, `%(process_num)02d`, `%%`. Unknown names and malformed specs are reported, not thrown.
import { MAX_FORMAT_WIDTH } from './limits';

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

const FLAGS = '-+ #0';
const CONVERSIONS = 'diouxXeEfFgGcrsa';

interface Spec {
  name?: string;
  flags: string;
  width: number;
  precision?: number;
  conversion: string;
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
    for (let i = open + 1; i < this.template.length; i++) {
      const c = this.template[i];
      if (c === ')') return i;
      if (c === '(') return (this.table ??= closingParens(this.template))[open];
    }
    return -1;
  }
}

/** Reads one conversion spec starting at template[start] === '%'; a string is an error message. */
function readSpec(template: string, start: number, parens: Parens): Spec | string {
  let i = start + 1;
  let name: string | undefined;
  if (template[i] === '(') {
    const close = parens.closing(i);
    if (close < 0) return 'incomplete format key';
    name = template.slice(i + 1, close);
    i = close + 1;
  }
  let flags = '';
  while (i < template.length && FLAGS.includes(template[i])) flags += template[i++];
  let width = 0;
  while (i < template.length && template[i] >= '0' && template[i] <= '9') width = width * 10 + Number(template[i++]);
  let precision: number | undefined;
  if (template[i] === '.') {
    i++;
    precision = 0;
    while (i < template.length && template[i] >= '0' && template[i] <= '9') precision = precision * 10 + Number(template[i++]);
  }
  while (template[i] === 'h' || template[i] === 'l' || template[i] === 'L') i++;
  if (i >= template.length) return 'incomplete format';
  const conversion = template[i];
  if (conversion === '%' && name === undefined) return { flags, width, precision, conversion, end: i + 1 };
  if (!CONVERSIONS.includes(conversion)) return `unsupported format character '${conversion}'`;
  return { name, flags, width, precision, conversion, end: i + 1 };
}

function pad(text: string, spec: Spec, numeric: boolean): string {
  if (text.length >= spec.width) return text;
  if (spec.flags.includes('-')) return text.padEnd(spec.width);
  if (numeric && spec.flags.includes('0')) {
    const sign = /^[-+ ]/.test(text) ? text[0] : '';
    return sign + text.slice(sign.length).padStart(spec.width - sign.length, '0');
  }
  return text.padStart(spec.width);
}

function convert(value: ExpansionValue, spec: Spec): string | undefined {
  switch (spec.conversion) {
    case 's':
    case 'r':
    case 'a': {
      const text = spec.conversion === 's' ? String(value) : typeof value === 'string' ? `'${value}'` : String(value);
      return pad(spec.precision === undefined ? text : text.slice(0, spec.precision), spec, false);
    }
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'o': {
      if (typeof value !== 'number') return undefined;
      const n = Math.trunc(value);
      const radix = spec.conversion === 'o' ? 8 : spec.conversion.toLowerCase() === 'x' ? 16 : 10;
      let digits = Math.abs(n).toString(radix);
      if (spec.conversion === 'X') digits = digits.toUpperCase();
      const sign = n < 0 ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : '';
      return pad(sign + digits, spec, true);
    }
    default:
      // Float conversions are legal but never useful in supervisord configs; format plainly.
      return typeof value === 'number' ? pad(String(value), spec, true) : undefined;
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

export function expand(template: string, values: ReadonlyMap<string, ExpansionValue>): ExpandResult {
  let out = '';
  let last = 0;
  let specs = 0;
  const parens = new Parens(template);
  for (let i = template.indexOf('%'); i !== -1; i = template.indexOf('%', last)) {
    out += template.slice(last, i);
    const spec = readSpec(template, i, parens);
    if (typeof spec === 'string') return { ok: false, kind: 'bad-format', message: spec, start: i, end: Math.min(i + 2, template.length) };
    if (spec.width > MAX_FORMAT_WIDTH || (spec.precision ?? 0) > MAX_FORMAT_WIDTH)
      return { ok: false, kind: 'too-wide', start: i, end: spec.end };
    last = spec.end;
    if (spec.conversion === '%' && spec.name === undefined) {
      out += '%';
      continue;
    }
    if (spec.name === undefined) {
      const problem = positionalProblem(spec, specs++);
      if (problem) return { ok: false, kind: 'bad-format', message: problem, start: i, end: spec.end };
      // A dict prints the same under %s, %r and %a.
      out += convert(mappingRepr(values), { ...spec, conversion: 's' });
      continue;
    }
    specs++;
    const value = values.get(spec.name);
    if (value === undefined) return { ok: false, kind: 'unknown-name', name: spec.name, start: i, end: spec.end };
    const text = convert(value, spec);
    if (text === undefined)
      return {
        ok: false,
        kind: 'bad-format',
        message: `%${spec.conversion} needs a number, ${spec.name} is text`,
        start: i,
        end: spec.end,
      };
    out += text;
  }
  return { ok: true, value: out + template.slice(last) };
}
