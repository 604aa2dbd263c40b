// Conformance: supervisord 4.2.5's own loader (test/conformance/loader.py) and our linter (dist/cli.js) judge the
// same files. Agreement means: the loader refuses ⟺ we report at least one Error, and when the loader names a line
// (syntax errors) one of our Errors is on it, when it names a section one of our Errors is inside it.
//
//   node test/conformance/compare.mjs DIR|FILE...   (npm run conformance -- DIR)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONFIG_FILE = /\.(conf|ini)$/;

/** Config files under the given paths (directories recursively), sorted. */
export function configFiles(paths) {
  return paths.flatMap((path) => {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { recursive: true, encoding: 'utf8' })
      .filter((name) => CONFIG_FILE.test(name))
      .map((name) => join(path, name))
      .filter((file) => statSync(file).isFile())
      .sort();
  });
}

/** A file without a [supervisord] header is a conf.d fragment: the loader judges it as an included file. */
export function isFragment(text) {
  return !/^\[supervisord\]/m.test(text);
}

export function loaderVerdicts(files) {
  const input = files.map((file) => {
    const text = readFileSync(file, 'utf8');
    return { text, as_include: isFragment(text) };
  });
  const run = spawnSync('/usr/bin/python3', [join(ROOT, 'test', 'conformance', 'loader.py'), '--batch'], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`loader.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const LOADER_AREAS = new Set(['syntax', 'config']);

export function linterErrors(files) {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--format', 'json', ...files], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status === 2 || run.error) throw new Error(`supervisor-lint failed: ${run.stderr}`);
  // Reports name files relative to the working directory; positions are 1-based.
  const byPath = new Map(files.map((f) => [resolve(f), []]));
  for (const finding of JSON.parse(run.stdout)) {
    // What supervisord's loader judges: syntax and config rules. A celery/ or memmon/ Error is about the program
    // failing once started (Celery refusing an option, memmon dying), which the loader never sees.
    if (finding.severity !== 'error' || !LOADER_AREAS.has(finding.rule.split('/')[0])) continue;
    const { start, end } = finding.range;
    byPath
      .get(resolve(finding.file))
      ?.push({ ...finding, line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
  }
  return new Map(files.map((f) => [f, byPath.get(resolve(f))]));
}

/** 1-based line spans [header, next header) of every header of a section name. */
function sectionLines(text, name) {
  const lines = text.split(/\r\n|\r|\n/);
  const spans = [];
  let current;
  lines.forEach((line, i) => {
    const header = /^\[(.*)\]/.exec(line);
    if (!header) return;
    if (current) current.end = i;
    current = header[1] === name ? { start: i + 1, end: lines.length } : undefined;
    if (current) spans.push(current);
  });
  if (current) current.end = lines.length;
  return spans;
}

/** Line spans of every [group:x] section. */
function groupSpans(text) {
  const names = [...text.matchAll(/^\[(group:[^\]]*)\]/gm)].map((m) => m[1]);
  return [...new Set(names)].flatMap((name) => sectionLines(text, name));
}

/**
 * Where in a text an Error about the section a refusal names belongs: that section's spans, and [DEFAULT]'s (whose
 * values every section reads). supervisord 4.2.5 reuses its loop variable, so a group's unknown or ambiguous member is
 * reported under the section of the member before it: the fault is then in a [group:x] section.
 */
export function faultSpans(text, verdict) {
  const inGroup = /names unknown program or fcgi-program|is ambiguous \(exists as program and fcgi-program\)/.test(verdict.message);
  return { section: inGroup ? groupSpans(text) : sectionLines(text, verdict.section), defaults: sectionLines(text, 'DEFAULT') };
}

/** Compares one file's verdicts; returns undefined on agreement, else what went wrong. */
export function judge(file, verdict, errors) {
  if (verdict.accepted) return errors.length === 0 ? undefined : { kind: 'false-error', errors };
  if (errors.length === 0) return { kind: 'miss', verdict };
  const text = readFileSync(file, 'utf8');
  if (verdict.line && !verdict.section) {
    return errors.some((e) => e.line <= verdict.line && verdict.line <= e.endLine) ? undefined : { kind: 'wrong-place', verdict, errors };
  }
  if (verdict.section) {
    const { section, defaults } = faultSpans(text, verdict);
    // A section that comes from [DEFAULT] values or another file cannot be located here: any Error will do.
    if (section.length === 0) return undefined;
    const inside = errors.some((e) => [...section, ...defaults].some((s) => s.start <= e.line && e.line < s.end));
    return inside ? undefined : { kind: 'wrong-place', verdict, errors };
  }
  return undefined;
}

export function compare(files) {
  const verdicts = loaderVerdicts(files);
  const errors = linterErrors(files);
  const results = files.map((file, i) => ({ file, verdict: verdicts[i], problem: judge(file, verdicts[i], errors.get(file) ?? []) }));
  return {
    results,
    refusals: results.filter((r) => !r.verdict.accepted).length,
    falseErrors: results.filter((r) => r.problem?.kind === 'false-error'),
    misses: results.filter((r) => r.problem?.kind === 'miss'),
    wrongPlace: results.filter((r) => r.problem?.kind === 'wrong-place'),
  };
}

function main(args) {
  if (args.length === 0) {
    process.stderr.write('Usage: npm run conformance -- DIR|FILE...\n');
    return 2;
  }
  const files = configFiles(args);
  const summary = compare(files);
  const show = (file) => relative(process.cwd(), file);
  const agreements = summary.results.filter((r) => !r.problem).length;
  const caught = summary.refusals - summary.misses.length;
  console.log(`files: ${files.length}`);
  console.log(`agreements: ${agreements}`);
  console.log(
    `loader refusals: ${summary.refusals}, caught as Errors: ${caught} (${summary.refusals ? ((100 * caught) / summary.refusals).toFixed(1) : '100.0'}%)`,
  );
  console.log(`false Errors (we refuse, the loader accepts): ${summary.falseErrors.length}`);
  for (const r of summary.falseErrors)
    console.log(`  ${show(r.file)}: ${r.problem.errors.map((e) => `${e.line}:${e.column} [${e.rule}] ${e.message}`).join(' | ')}`);
  console.log(`misses (the loader refuses, we report no Error): ${summary.misses.length}`);
  for (const r of summary.misses) console.log(`  ${show(r.file)}: ${r.verdict.message}`);
  console.log(`Errors in the wrong place: ${summary.wrongPlace.length}`);
  for (const r of summary.wrongPlace)
    console.log(
      `  ${show(r.file)}: loader ${r.verdict.line ? `line ${r.verdict.line}` : `[${r.verdict.section}]`}: ${r.verdict.message}; ours at ${r.problem.errors.map((e) => e.line).join(', ')}`,
    );
  return summary.falseErrors.length + summary.misses.length + summary.wrongPlace.length === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
