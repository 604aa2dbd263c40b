// Fuzzing in process: mutated fixtures and the hostile shapes through the parser, the analysis, every rule, every
// fix (applied, then linted again) and every editor feature. Nothing may throw (a rename refused with an LSP error
// is an answer, not a failure), no step may take longer than its budget, and a case that never ends is stopped and
// reported with the step it was stuck in. Fixed seed: a failure reproduces.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ResponseError, type Position } from 'vscode-languageserver';
import { codeActions } from '../../server/src/features/codeActions';
import { codeLenses } from '../../server/src/features/codeLens';
import { completion } from '../../server/src/features/completion';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { formatDocument } from '../../server/src/features/formatting';
import { hover } from '../../server/src/features/hover';
import { documentLinks } from '../../server/src/features/links';
import { definition, documentHighlights, prepareRename, references, rename } from '../../server/src/features/navigation';
import { documentSymbols, foldingRanges, selectionRanges } from '../../server/src/features/outline';
import { analyzeDocument, type Analysis } from '../../server/src/lint';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { Overrun, runWithin } from '../../server/src/util/deadline';
import { applyEdits } from '../helpers/edits';
import { memorySource } from '../helpers/memorySource';
import { composedConfig } from './composed';
import { mutate, random } from './mutations';
import { SHAPES } from './shapes';

// FUZZ_SEED and FUZZ_COUNT run a longer or different search by hand; npm test uses the defaults.
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_0010);
const MUTANTS = Number(process.env.FUZZ_COUNT ?? 700);
/** Composed configs (composed.ts) per run: half as many, as each case is larger. */
const COMPOSED = Math.ceil(MUTANTS / 2);
/** Per step (one analysis, one feature call): generous, to catch a hang or a super-linear path, not a slow machine. */
const STEP_BUDGET_MS = 2_000;
/**
 * Wall time one case (its analyses, fixes and features) may take before it is stopped: a step that never ends is then
 * reported with its text. The CPU budget of each step is checked only when the step returns.
 */
const CASE_LIMIT_MS = 60_000;
/** Fixes applied per case (each means a full re-lint): enough to reach every rule's fixes across the run. */
const FIXES_PER_CASE = 12;

const MAIN = '/etc/supervisor/supervisord.conf';
const FRAGMENT = '/etc/supervisor/conf.d/app.conf';

function fixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return fixtures(path);
    return /\.(conf|ini)$/.test(d.name) ? [readFileSync(path, 'utf8')] : [];
  });
}

function analyze(text: string, path: string, files: Record<string, string>): Analysis {
  return analyzeDocument(text, path, DEFAULT_SETTINGS, memorySource({ ...files, [path]: text }));
}

/** Positions worth asking about: every line's start and end, and a few random columns, at most ~60 in all. */
function positions(text: string, rng: () => number): Position[] {
  const lines = text.split(/\r\n|\r|\n/);
  const step = Math.max(1, Math.floor(lines.length / 20));
  const found: Position[] = [];
  for (let line = 0; line < lines.length; line += step) {
    const length = lines[line].length;
    found.push({ line, character: 0 }, { line, character: length }, { line, character: Math.floor(rng() * (length + 1)) });
  }
  found.push({ line: lines.length + 3, character: 7 });
  return found;
}

/** Runs a feature; a ResponseError is how a feature refuses a request (e.g. an invalid new name) and is fine. */
function answers(feature: () => unknown): void {
  try {
    feature();
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
  }
}

/**
 * Runs one step under the per-step budget; a throw is reported with the text that caused it. The budget is CPU time
 * of this process, not wall time: a hang burns CPU, while other work on a busy machine does not count against us.
 */
function step<T>(name: string, text: string, run: () => T): T {
  running = { name, text };
  const started = process.cpuUsage();
  let result: T;
  try {
    result = run();
  } catch (error) {
    throw new Error(`${name} threw on ${shown(text)}: ${error instanceof Error ? error.stack : String(error)}`);
  }
  const used = process.cpuUsage(started);
  const took = (used.user + used.system) / 1000;
  assert.ok(took < STEP_BUDGET_MS, `${name} took ${Math.round(took)} ms of CPU (budget ${STEP_BUDGET_MS} ms)`);
  return result;
}

const shown = (text: string) => JSON.stringify(text.length > 2000 ? `${text.slice(0, 2000)}…` : text);

/** The step running now: a case stopped at its limit was stuck in it. */
let running: { name: string; text: string } | undefined;

/** runCase, stopped after CASE_LIMIT_MS: an endless loop fails the test with the step and text it was stuck on. */
function runCaseWithin(name: string, text: string, path: string, files: Record<string, string>, rng: () => number): void {
  try {
    runWithin(CASE_LIMIT_MS, () => runCase(name, text, path, files, rng));
  } catch (error) {
    if (!(error instanceof Overrun)) throw error;
    throw new Error(`${running?.name} ${error.message} on ${shown(running?.text ?? text)}`);
  }
}

function everyFeature(analysis: Analysis, uri: string, rng: () => number, name: string): void {
  const { model } = analysis;
  const text = model.text;
  const nav = { modelled: analysis, uri };
  const diagnostic = (d: (typeof analysis.diagnoses)[number]) => toDiagnostic(d, (rule) => `file:///docs/${rule}.md`);
  const spots = positions(text, rng);
  step(`${name}: outline`, text, () => [documentSymbols(model), foldingRanges(model), selectionRanges(model, spots)]);
  step(`${name}: code lens and links`, text, () => [codeLenses(model), documentLinks(analysis, () => 'file')]);
  for (const equals of ['keep', 'always', 'never'] as const)
    step(`${name}: formatting (${equals})`, text, () => formatDocument(model, { equals }));
  const range = { start: spots[0], end: spots[Math.floor(spots.length / 2)] };
  step(`${name}: range formatting`, text, () => formatDocument(model, { equals: 'keep', range }));
  step(`${name}: fix-all`, text, () =>
    codeActions(
      { uri, version: 1 },
      analysis.diagnoses,
      { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll'] } },
      diagnostic,
      true,
    ),
  );
  for (const position of spots) {
    const at = `${name} at ${position.line}:${position.character}`;
    step(`${at}: completion`, text, () => completion(analysis, position, { snippets: rng() < 0.5 }));
    step(`${at}: hover`, text, () => hover(analysis, position));
    step(`${at}: navigation`, text, () => [definition(nav, position), references(nav, position, true), documentHighlights(nav, position)]);
    const newName = pick(rng, ['web', 'w%x', 'a b', 'x\ny', '']);
    step(`${at}: rename to ${JSON.stringify(newName)}`, text, () =>
      answers(() => [prepareRename(nav, position), rename(nav, position, newName)]),
    );
    const cursor = { start: position, end: position };
    step(`${at}: code actions`, text, () =>
      codeActions(
        { uri, version: 1 },
        analysis.diagnoses,
        { textDocument: { uri }, range: cursor, context: { diagnostics: [] } },
        diagnostic,
        rng() < 0.5,
      ),
    );
  }
}

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

/** Lints the text, applies each fix (up to FIXES_PER_CASE) and lints the result again, then runs every feature. */
function runCase(name: string, text: string, path: string, files: Record<string, string>, rng: () => number): void {
  const analysis = step(`${name}: analysis`, text, () => analyze(text, path, files));
  const fixes = analysis.diagnoses.flatMap((d) => d.fixes);
  for (const fix of fixes.slice(0, FIXES_PER_CASE)) {
    const fixed = step(`${name}: applying "${fix.title}"`, text, () => applyEdits(text, fix.edits));
    step(`${name}: analysis after "${fix.title}"`, fixed, () => analyze(fixed, path, files));
  }
  everyFeature(analysis, `file://${path}`, rng, name);
}

describe('fuzz: parser, analysis, rules, fixes and features', () => {
  const bases = fixtures('test/fixtures');

  test(`${MUTANTS} mutated fixtures (seed ${SEED.toString(16)})`, () => {
    const rng = random(SEED);
    for (let i = 0; i < MUTANTS; i++) {
      const text = mutate(pick(rng, bases), rng);
      // Half the cases are a main config including a mutated fragment; the other half a fragment next to a main config.
      const other = mutate(pick(rng, bases), rng);
      const asMain = rng() < 0.5;
      const path = asMain ? MAIN : FRAGMENT;
      const files: Record<string, string> = asMain
        ? { [FRAGMENT]: other }
        : { [MAIN]: `[supervisord]\n[include]\nfiles=conf.d/*.conf\n${other}` };
      runCaseWithin(`mutant ${i}`, text, path, files, rng);
    }
  });

  test(`${COMPOSED} configs composed of lines rules care about (seed ${SEED.toString(16)})`, () => {
    const rng = random(SEED ^ 0xc0ffee);
    for (let i = 0; i < COMPOSED; i++) {
      const text = composedConfig(rng);
      const other = composedConfig(rng);
      const asMain = rng() < 0.5;
      const files: Record<string, string> = asMain
        ? { [FRAGMENT]: other }
        : { [MAIN]: `[supervisord]\n[include]\nfiles=conf.d/*.conf\n${other}` };
      runCaseWithin(`composed ${i}`, text, asMain ? MAIN : FRAGMENT, files, rng);
    }
  });

  for (const shape of SHAPES) {
    test(`hostile shape in process: ${shape.name}`, () => {
      const text = shape.text('/nonexistent');
      runCaseWithin(shape.name, text, MAIN, {}, random(SEED));
    });
  }
});
