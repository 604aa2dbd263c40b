// npm run search:protocol -- [FIRST [LAST]]: bundles test/searches/protocol.ts and runs it once per seed from FIRST to
// LAST (default 1 to 5; ROUNDS in the environment sets its rounds, 60 by default). Exits 1 when a seed found a mismatch.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

const seeds = process.argv.slice(2).map(Number);
const first = seeds[0] ?? 1;
const last = seeds[1] ?? (seeds.length ? first : 5);
const outfile = 'out/searches/protocol.js';
await esbuild.build({
  entryPoints: ['test/searches/protocol.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
let failed = false;
for (let seed = first; seed <= last; seed++) {
  const run = spawnSync(process.execPath, [outfile], { env: { ...process.env, SEED: String(seed) }, stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
