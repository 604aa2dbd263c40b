// npm run bench: builds dist/ as `npm run package` does (minified: what ships, whatever build was there before), then
// bundles bench/bench.ts and runs it with an exposed GC so memory figures are meaningful.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

const built = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

await esbuild.build({
  entryPoints: ['bench/bench.ts'],
  outfile: 'out/bench/bench.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--expose-gc', 'out/bench/bench.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
