// The fix-safety property: an edit we make never turns a config supervisord's loader accepts into one it refuses,
// never loses a comment or changes a value it is not about, and keeps the file's line breaks. Each test file collects
// its edits as cases and judges them all with one python process (the loader and its parser, test/tools/safety_judge.py).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, type ConfigModel } from '../../server/src/analysis/model';
import type { Range } from '../../server/src/parser';
import { RULES } from '../../server/src/rules';
import { readMarks } from '../../server/src/rules/examples';
import type { TextEdit } from '../../server/src/rules';
import { applyEdits } from '../helpers/edits';
import { variants } from './mutants';

export interface Subject {
  label: string;
  text: string;
  /** Judged as a conf.d fragment (it has no [supervisord]). */
  asInclude: boolean;
  /** A mutated variant, not the original text. */
  variant: boolean;
}

/**
 * The fixtures, and every rule example that stands alone (no other files, path or settings), marks removed. Not the
 * ones with thousands of processes: the loader builds each, which takes seconds per text.
 */
function bases(): { label: string; text: string }[] {
  const files = readdirSync('test/fixtures', { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(conf|ini)$/.test(f))
    .sort()
    .map((f) => join('test/fixtures', f));
  const examples = RULES.flatMap((rule) =>
    rule.examples
      .map((example, index) => ({ example, label: `${rule.id} example ${index + 1}` }))
      .filter(({ example }) => !example.files && !example.path && example.settings === undefined)
      .map(({ example, label }) => ({ label, text: readMarks(example.config).text })),
  );
  return [...files.map((file) => ({ label: file, text: readFileSync(file, 'utf8') })), ...examples].filter(
    ({ text }) => !/numprocs\s*[=:]\s*\d{4}/.test(text),
  );
}

/** Every fixture and rule example, and `perBase` seeded variants of each (fewer where the mutations change nothing). */
export function subjects(perBase: number): Subject[] {
  return bases().flatMap(({ label, text }, index) => {
    const asInclude = !/^\s*\[supervisord\]/m.test(text);
    return [
      { label, text, asInclude, variant: false },
      ...variants(text, index + 1, perBase).map((variant, v) => ({
        label: `${label} (variant ${v}: ${variant.name})`,
        text: variant.text,
        asInclude,
        variant: true,
      })),
    ];
  });
}

/** What an edit may change besides what every edit may (nothing): keys, sections and comments it is about. */
export interface Allowance {
  /** `section\0key` pairs (DEFAULT for [DEFAULT]) whose value may change or vanish. */
  keys: Set<string>;
  /** Sections where keys that did not exist may appear. */
  newKeysIn: Set<string>;
  /** Sections may appear and disappear (the edit rewrites or writes a header). */
  sections: boolean;
  /** Lines of the original whose comments may disappear. */
  commentLines: Set<number>;
  /**
   * An unsafe fix: it makes supervisord read text it ignored (a misspelt section or key), which the loader then judges
   * anew, so it may refuse what that text says, in a section the fix is about (and the linter reports it).
   */
  activates?: boolean;
  /** How the loader's view after the edit maps back to names before it (a rename). */
  unmap?: (text: string) => string;
}

export const nothing = (): Allowance => ({ keys: new Set(), newKeysIn: new Set(), sections: false, commentLines: new Set() });

export interface Case {
  label: string;
  subject: Subject;
  after: string;
  allowance: Allowance;
}

type Verdict = { accepted: boolean; message: string | null; section: string | null };
type Dump = { sections: [string, [string, string][]][]; defaults: [string, string][] };
type Judged = { verdict: Verdict; read: Dump };

function judge(texts: { text: string; as_include: boolean }[]): Judged[] {
  const run = spawnSync('/usr/bin/python3', ['test/tools/safety_judge.py'], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Judged[];
}

/** The loader's view as `section\0key` → value, plus `section\0` for each section. */
function view(read: Dump, unmap: (text: string) => string = (t) => t): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of read.defaults) out.set(`DEFAULT\0${key}`, unmap(value));
  for (const [name, entries] of read.sections) {
    out.set(`${unmap(name)}\0`, '');
    for (const [key, value] of entries) out.set(`${unmap(name)}\0${key}`, unmap(value));
  }
  return out;
}

function valueChanges(before: Map<string, string>, after: Map<string, string>, allowance: Allowance): string[] {
  const problems: string[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(id) === after.get(id)) continue;
    const [section, key] = id.split('\0');
    const allowed =
      key === ''
        ? allowance.sections
        : allowance.keys.has(id) ||
          (!before.has(id) && allowance.newKeysIn.has(section)) ||
          (allowance.sections && (!before.has(`${section}\0`) || !after.has(`${section}\0`)));
    if (!allowed)
      problems.push(
        key === ''
          ? `section [${section}] ${before.has(id) ? 'disappeared' : 'appeared'}`
          : `[${section}] ${key}: ${JSON.stringify(before.get(id))} became ${JSON.stringify(after.get(id))}`,
      );
  }
  return problems;
}

/** A refusal in a section an unsafe fix made the loader read, or in one it is about. */
function activated(verdict: Verdict, read: Map<string, string>, allowance: Allowance): boolean {
  const section = verdict.section;
  if (!allowance.activates || section === null) return false;
  return !read.has(`${section}\0`) || allowance.newKeysIn.has(section) || [...allowance.keys].some((id) => id.startsWith(`${section}\0`));
}

/** Comment texts (trailing blanks aside) by how often they occur, and which lines of `model` hold each. */
function comments(model: ConfigModel): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of model.file.comments) {
    const text = c.text.trimEnd();
    out.set(text, [...(out.get(text) ?? []), c.range.start.line]);
  }
  return out;
}

function lostComments(before: string, after: string, allowance: Allowance): string[] {
  const kept = comments(analyzeText(after));
  const problems: string[] = [];
  for (const [text, lines] of comments(analyzeText(before))) {
    const lost = lines.length - (kept.get(text)?.length ?? 0);
    const mayGo = lines.filter((line) => allowance.commentLines.has(line)).length;
    if (lost > mayGo) problems.push(`comment ${JSON.stringify(text)} (on line ${lines.map((l) => l + 1).join(', ')}) was deleted`);
  }
  return problems;
}

function lineBreakProblem(before: string, after: string): string | undefined {
  const crlf = /\r\n/.test(before) && !/(^|[^\r])\n/.test(before);
  if (crlf && /(^|[^\r])\n/.test(after)) return 'a bare LF in a CRLF file';
  if (!before.includes('\r') && after.includes('\r')) return 'a CR in an LF file';
  return undefined;
}

/** Judges every case; fails naming every case that breaks a property, the first few in full. */
export function assertSafe(cases: Case[]): void {
  const texts: { text: string; as_include: boolean }[] = [];
  const slot = new Map<string, number>();
  const slotOf = (text: string, asInclude: boolean) => {
    const id = `${asInclude}\0${text}`;
    let at = slot.get(id);
    if (at === undefined) {
      at = texts.push({ text, as_include: asInclude }) - 1;
      slot.set(id, at);
    }
    return at;
  };
  const pairs = cases.map((c) => [slotOf(c.subject.text, c.subject.asInclude), slotOf(c.after, c.subject.asInclude)]);
  const judged = judge(texts);
  const failures = new Map<string, string>();
  cases.forEach((c, i) => {
    const [before, after] = pairs[i].map((at) => judged[at]);
    const [read, readAfter] = [view(before.read), view(after.read, c.allowance.unmap)];
    const refused = before.verdict.accepted && !after.verdict.accepted && !activated(after.verdict, read, c.allowance);
    const problems = [
      ...(refused ? [`the loader refuses it: ${after.verdict.message}`] : []),
      ...valueChanges(read, readAfter, c.allowance),
      ...lostComments(c.subject.text, c.after, c.allowance),
      ...[lineBreakProblem(c.subject.text, c.after)].filter((p) => p !== undefined),
    ];
    if (problems.length > 0 && !failures.has(c.label))
      failures.set(c.label, `${c.label}\n  ${problems.join('\n  ')}\n--- before\n${c.subject.text}\n--- after\n${c.after}`);
  });
  const names = [...failures.keys()].join('\n');
  const details = [...failures.values()].slice(0, 5);
  assert.equal(failures.size, 0, `${failures.size} unsafe edits:\n${names}\n\n${details.join('\n\n')}`);
}

const lineSpan = (range: Range) => {
  const last = range.end.line > range.start.line && range.end.character === 0 ? range.end.line - 1 : range.end.line;
  return { first: range.start.line, last };
};

/**
 * What an edit about `about` (a finding's range) may change: the keys whose lines it or the edits touch, new keys in
 * the sections where the edits land, the sections when an edit writes a header. And the comments the finding is
 * about: a comment its range meets, and the comment of a line the edits delete whole when the finding is about what
 * that line holds: all of the line's value text (a word that filled a continuation line), or the entry the line
 * belongs to when the edits delete that entry whole (a duplicate or misplaced key). Such a comment annotated what
 * the fix removes; left on a line of its own it would read as a note on whatever follows. Every other comment stays.
 */
export function fixAllowance(model: ConfigModel, about: Range, edits: readonly TextEdit[], into: Allowance = nothing()): Allowance {
  const { file } = model;
  const ranges = [about, ...edits.map((e) => e.range)];
  // Lines an edit changes; an insertion at a line's start changes none (it only adds lines).
  const touched = (first: number, last: number) =>
    ranges.some((range) => {
      if (range !== about && isEmpty(range) && range.start.character === 0) return false;
      const span = lineSpan(range);
      return span.first <= last && first <= span.last;
    });
  const deleted = (line: number) =>
    edits.some((e) => before(e.range.start, { line, character: 0 }) && before({ line, character: file.lineLengths[line] }, e.range.end));
  for (const section of file.sections) {
    const header = section.headerRange.start.line;
    if (touched(header, header)) into.sections = true;
    // An insertion right after a section's last line lands in that section.
    if (ranges.some((r) => (r === about ? r.start.line >= header : r.start.line > header) && r.start.line <= section.range.end.line + 1))
      into.newKeysIn.add(section.name);
    for (const entry of section.entries) {
      const lines = [entry.keyRange.start.line, ...entry.valueLines.map((v) => v.range.start.line)];
      const [first, last] = [lines[0], lines[lines.length - 1]];
      if (touched(first, last)) into.keys.add(`${section.name}\0${entry.key}`);
      if (about.start.line <= last && first <= about.end.line && lines.every(deleted)) lines.forEach((line) => into.commentLines.add(line));
      for (const value of entry.valueLines) {
        const line = value.range.start.line;
        if (value.text !== '' && deleted(line) && before(about.start, value.range.start) && before(value.range.end, about.end))
          into.commentLines.add(line);
      }
    }
  }
  for (const c of file.comments) if (rangesMeet(c.range, about)) into.commentLines.add(c.range.start.line);
  if (edits.some((e) => e.newText.includes('['))) into.sections = true;
  return into;
}

const isEmpty = (range: Range) => range.start.line === range.end.line && range.start.character === range.end.character;
const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const rangesMeet = (a: Range, b: Range) => before(a.start, b.end) && before(b.start, a.end);

export const applied = (subject: Subject, edits: readonly TextEdit[]) => applyEdits(subject.text, edits);
