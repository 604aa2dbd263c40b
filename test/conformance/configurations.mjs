// Conformance over whole configurations: supervisord 4.2.5's loader reads DIR/supervisord.conf with the files its
// [include] names (test/conformance/loader.py --configurations), our linter lints the same configuration from its main
// file, and the two agree when the loader refuses it ⟺ we report at least one Error in one of its files, placed where
// the loader points: on the line it names (syntax errors), or inside a copy of the section it names in any file
// (supervisord merges the copies of a section, and names the file that had the first); and when the include patterns
// the loader warns match no file are those config/include-target-missing reports.
//
//   node test/conformance/configurations.mjs [--json] DIR...   (each DIR holds a supervisord.conf)
//
// --json prints [{dir, agree, disagreement}] (the test reads it) instead of a summary.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { faultSpans } from './compare.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function loaderVerdicts(dirs) {
  const run = spawnSync('/usr/bin/python3', [join(ROOT, 'test', 'conformance', 'loader.py'), '--configurations', ...dirs], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`loader.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const UNMATCHED = /No file matches via include "(.*)"/;

/**
 * Each configuration's Errors of the areas the loader judges (syntax and config), and the include patterns
 * config/include-target-missing says match nothing, by the directory it is in.
 */
function linterFindings(dirs) {
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'dist', 'cli.js'), '--format', 'json', ...dirs.map((d) => join(d, 'supervisord.conf'))],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status === 2 || run.error) throw new Error(`supervisor-lint failed: ${run.stderr}`);
  const byDir = new Map(dirs.map((d) => [resolve(d), { errors: [], unmatched: [] }]));
  for (const finding of JSON.parse(run.stdout)) {
    const file = resolve(finding.file);
    const found = byDir.get([...byDir.keys()].find((d) => file.startsWith(d + sep)));
    if (!found) continue;
    if (finding.rule === 'config/include-target-missing') found.unmatched.push(UNMATCHED.exec(finding.message)?.[1] ?? finding.message);
    if (finding.severity !== 'error' || !['syntax', 'config'].includes(finding.rule.split('/')[0])) continue;
    found.errors.push({ ...finding, path: file, line: finding.range.start.line, endLine: finding.range.end.line });
  }
  return dirs.map((d) => byDir.get(resolve(d)));
}

/** The configuration's files (every file under its directory: those it does not include have no Error to give). */
function filesOf(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => resolve(entry.parentPath ?? entry.path, entry.name));
}

/** Compares one configuration's verdicts; returns undefined on agreement, else what went wrong. */
function judge(dir, verdict, errors) {
  if (verdict.accepted) return errors.length === 0 ? undefined : { kind: 'false-error', errors };
  if (errors.length === 0) return { kind: 'miss', verdict };
  if (verdict.line && !verdict.section && verdict.file) {
    const named = resolve(dir, verdict.file);
    const onLine = errors.some((e) => e.path === named && e.line <= verdict.line && verdict.line <= e.endLine);
    return onLine ? undefined : { kind: 'wrong-place', verdict, errors };
  }
  if (!verdict.section) return undefined;
  const spans = filesOf(dir).map((path) => {
    const { section, defaults } = faultSpans(readFileSync(path, 'latin1'), verdict);
    return { path, spans: [...section, ...defaults] };
  });
  if (spans.every((file) => file.spans.length === 0)) return undefined;
  const inside = errors.some((e) =>
    spans.some((file) => file.path === e.path && file.spans.some((s) => s.start <= e.line && e.line < s.end)),
  );
  return inside ? undefined : { kind: 'wrong-place', verdict, errors };
}

/** The include patterns the two say match nothing, when they differ. */
function unmatchedProblem(verdict, unmatched) {
  const [theirs, ours] = [[...verdict.unmatched].sort(), [...unmatched].sort()];
  return theirs.join('\n') === ours.join('\n') ? undefined : { kind: 'unmatched-patterns', theirs, ours };
}

function compareConfigurations(dirs) {
  const verdicts = loaderVerdicts(dirs);
  const found = linterFindings(dirs);
  return dirs.map((dir, i) => {
    const { errors, unmatched } = found[i];
    const problem = judge(dir, verdicts[i], errors) ?? unmatchedProblem(verdicts[i], unmatched);
    return { dir, verdict: verdicts[i], errors, problem };
  });
}

/** Describes a disagreement in one line. */
function describe({ dir, verdict, errors, problem }) {
  if (problem.kind === 'unmatched-patterns')
    return `${relative(process.cwd(), dir)}: the loader warns that ${problem.theirs.join(', ') || 'no pattern'} match no file; we say ${problem.ours.join(', ') || 'none'}`;
  const ours = errors.map((e) => `${relative(dir, e.path)}:${e.line} [${e.rule}]`).join(', ') || 'no Error';
  const theirs = verdict.accepted ? 'accepts' : `refuses (${verdict.file ?? '?'}: ${verdict.message.split('\n')[0]})`;
  return `${relative(process.cwd(), dir)}: ${problem.kind}: the loader ${theirs}; we report ${ours}`;
}

function main(args) {
  const json = args[0] === '--json';
  const dirs = json ? args.slice(1) : args;
  if (dirs.length === 0) {
    process.stderr.write('Usage: node test/conformance/configurations.mjs [--json] DIR...\n');
    return 2;
  }
  const results = compareConfigurations(dirs);
  if (json) {
    const rows = results.map((r) => ({ dir: r.dir, agree: !r.problem, disagreement: r.problem && describe(r) }));
    console.log(JSON.stringify(rows));
    return 0;
  }
  const problems = results.filter((r) => r.problem);
  console.log(`configurations: ${results.length}, refused by the loader: ${results.filter((r) => !r.verdict.accepted).length}`);
  console.log(`agreements: ${results.length - problems.length}`);
  for (const result of problems) console.log(`  ${describe(result)}`);
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
