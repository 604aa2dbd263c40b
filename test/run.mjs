// Runs every test: bundles test/**/*.test.ts (not e2e/desktop) with esbuild into out/test and hands the
// files to node's built-in test runner. `node test/run.mjs FILTER` runs only files whose path contains FILTER.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const skip = new Set(['e2e', 'desktop', 'fixtures']);
function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return skip.has(d.name) ? [] : findTests(path);
    return d.name.endsWith('.test.ts') ? [path] : [];
  });
}

// Most suites compare with supervisord's own loader: without it they would fail by the hundred, so say it once.
const loader = spawnSync('/usr/bin/python3', ['-c', 'import supervisor.options'], { stdio: 'ignore' });
if (loader.status !== 0) {
  console.error("npm test needs Debian's supervisor package (the reference loader): apt-get install supervisor");
  process.exit(1);
}

const filter = process.argv[2] ?? '';
const entryPoints = findTests('test').filter((f) => f.includes(filter));
rmSync('out/test', { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: 'out/test',
  outbase: 'test',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  packages: 'external',
  logLevel: 'warning',
});
const files = entryPoints.map((f) => join('out', 'test', relative('test', f)).replace(/\.ts$/, '.js'));
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
