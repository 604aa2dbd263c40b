// A hang detector for regular expressions: every regex literal (and `RegExp(...)` of a literal string) found in
// server/src/**/*.ts, and every match/begin/end/while pattern of the TextMate grammar, runs over adversarial 100 KB
// lines: long runs of the characters and pairs that make nested or adjacent quantifiers backtrack, after prefixes
// (some taken from the pattern itself, to reach its inner parts), with a tail that does not match. A linear scan
// needs about a millisecond; a run over the budget is reported, and a run that hangs is stopped (the patterns run in
// a worker that is terminated) and reported too.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';

const SOURCES = 'server/src';
const GRAMMAR = 'syntaxes/supervisor.tmLanguage.json';
const WORKER = resolve('test/helpers/regexScan.worker.mjs');
const SIZE = 100_000;
const BUDGET_MS = 1_000;
/** A run still going after this long is taken for a hang: the worker is terminated. */
const GUARD_MS = 3 * BUDGET_MS;

/** Runs and repeated pairs that quantifiers in configs commonly compete for. */
const UNITS = [
  ' ',
  '\t',
  'a',
  '0',
  '%(',
  '%(a)',
  '[',
  ']',
  '=',
  ':',
  ';',
  '#',
  ',',
  '/',
  '.',
  '\\',
  '"',
  '$',
  '${1:',
  ' ;',
  '=\t',
  'a ',
  'a=',
  ' #',
  'a,',
  '-a',
  '1_',
];
const PREFIXES = ['', 'a', 'k=', '%(a)'];
/** Prefixes taken from a pattern's literal text (at most this many), each followed by runs of fewer units. */
const LITERAL_PREFIXES = 6;
const LITERAL_UNITS = [' ', '\t', 'a', '0', ',', '=', ';'];
const TAIL = '\u0001';

interface Job {
  id: string;
  engine: 'js' | 'onig';
  source: string;
  flags: string;
  prefixes: string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return d.name.endsWith('.ts') ? [path] : [];
  });
}

function job(id: string, engine: Job['engine'], source: string, flags = ''): Job {
  const prefixes = literalPrefixes(source)
    .filter((p) => !PREFIXES.includes(p))
    .slice(0, LITERAL_PREFIXES);
  return { id: `${id} ${JSON.stringify(source)}`, engine, source, flags, prefixes };
}

/** Regex literals and RegExp constructions in the TypeScript sources, found by walking each file's syntax tree. */
function sourceJobs(): { jobs: Job[]; unauditable: string[] } {
  const jobs: Job[] = [];
  const unauditable: string[] = [];
  for (const file of sourceFiles(SOURCES)) {
    const tree = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) => `${file}:${tree.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const close = node.text.lastIndexOf('/');
        jobs.push(job(where(node), 'js', node.text.slice(1, close), node.text.slice(close + 1)));
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [source, flags] = node.arguments ?? [];
        const literal = (arg: ts.Expression | undefined): arg is ts.StringLiteralLike | undefined =>
          arg === undefined || ts.isStringLiteralLike(arg);
        if (source && literal(source) && literal(flags)) jobs.push(job(where(node), 'js', source.text, flags?.text));
        else unauditable.push(where(node));
      }
      ts.forEachChild(node, visit);
    };
    visit(tree);
  }
  return { jobs, unauditable };
}

function grammarJobs(): Job[] {
  const jobs: Job[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}/${i}`));
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (['match', 'begin', 'end', 'while'].includes(key) && typeof v === 'string')
          jobs.push(job(`${GRAMMAR}${path}/${key}`, 'onig', v));
        else walk(v, `${path}/${key}`);
      }
    }
  };
  walk(JSON.parse(readFileSync(GRAMMAR, 'utf8')), '');
  return jobs;
}

/**
 * Literal text of a pattern, so an adversarial line can reach what follows it: the pattern with its escapes of
 * punctuation undone, split at every other metacharacter; each piece and each run of consecutive pieces.
 */
function literalPrefixes(source: string): string[] {
  const pieces = source
    .replace(
      /\\[dDwWsSbBnrtfv]|\\[pPu]\{[^}]*\}|\\u[0-9a-fA-F]{4}|\[(?:\\.|[^\]\\])*\]|\(\?[:=!<]*|[(){}|^$*+?]|\{\d+(?:,\d*)?\}/g,
      '\u0000',
    )
    .replace(/\\(.)/g, '$1')
    .split('\u0000')
    .filter((p) => p !== '');
  const prefixes = new Set<string>();
  for (let i = 0; i < pieces.length; i++) {
    prefixes.add(pieces.slice(0, i + 1).join(''));
    prefixes.add(pieces[i]);
  }
  return [...prefixes];
}

/** Runs the jobs in one worker; resolves with the run that hung (the worker then is terminated), if any. */
function runWorker(jobs: Job[], slow: string[], guardMs: number): Promise<{ job: string; input: string } | undefined> {
  return new Promise((done, fail) => {
    const worker = new Worker(WORKER, {
      workerData: { jobs, prefixes: PREFIXES, units: UNITS, literalUnits: LITERAL_UNITS, size: SIZE, tail: TAIL },
    });
    let current: { job: string; input: string } = { job: jobs[0].id, input: '(loading)' };
    let guard: NodeJS.Timeout | undefined;
    const finish = (hung?: typeof current) => {
      clearTimeout(guard);
      void worker.terminate();
      done(hung);
    };
    const arm = () => {
      clearTimeout(guard);
      guard = setTimeout(() => finish(current), guardMs);
    };
    arm();
    worker.on('message', (m: { finished?: true; job: string; input: string; ms?: number }) => {
      arm();
      if (m.finished) finish();
      else if (m.ms === undefined) current = m;
      else if (m.ms > BUDGET_MS) slow.push(`${m.job}: ${m.input} took ${Math.round(m.ms)} ms`);
    });
    worker.on('error', (error) => {
      clearTimeout(guard);
      fail(error);
    });
  });
}

/** Every run over the budget, and every run that hung (the worker goes on with the next job). */
async function slowRuns(jobs: Job[], guardMs = GUARD_MS): Promise<string[]> {
  const slow: string[] = [];
  for (let remaining = jobs; remaining.length > 0;) {
    const hung = await runWorker(remaining, slow, guardMs);
    if (!hung) break;
    slow.push(`${hung.job}: ${hung.input} did not finish within ${guardMs} ms`);
    remaining = remaining.slice(remaining.findIndex((j) => j.id === hung.job) + 1);
  }
  return slow;
}

test('every regex in server/src is found and none backtracks super-linearly', async () => {
  const { jobs, unauditable } = sourceJobs();
  assert.deepEqual(unauditable, [], 'a RegExp built from a non-literal cannot be audited: build it from a literal');
  // A guard against a walk that finds nothing: regexes known to be there are found.
  assert.ok(
    jobs.some((j) => j.id.startsWith(join(SOURCES, 'rules/engine.ts'))),
    'no regex found in rules/engine.ts',
  );
  assert.ok(jobs.length >= 30, `only ${jobs.length} regexes found`);
  assert.deepEqual(await slowRuns(jobs), []);
});

test('no grammar pattern backtracks super-linearly', async () => {
  const jobs = grammarJobs();
  assert.ok(jobs.length >= 15, `only ${jobs.length} grammar patterns found`);
  assert.deepEqual(await slowRuns(jobs), []);
});

test('the detector reports a super-linear pattern and a hang, and goes on after them', async () => {
  const quadratic = job('known', 'js', '[ \\t]+$');
  const hangs = [job('known', 'js', '(a+)+$'), job('known', 'onig', '[ \\t]+$')];
  const linear = job('known', 'js', 'x');
  const slow = await slowRuns([quadratic, ...hangs, linear], BUDGET_MS);
  assert.deepEqual(
    slow.map((s) => s.slice(0, s.indexOf(':', s.indexOf('"')))),
    [quadratic, ...hangs].map((j) => j.id),
  );
});
