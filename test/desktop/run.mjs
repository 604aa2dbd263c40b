// npm run test:desktop: the conventional extension-host suite (@vscode/test-cli + @vscode/test-electron, mocha,
// `vscode` API) in a downloaded desktop VS Code; configuration in .vscode-test.mjs. Where VS Code cannot be downloaded (this project's offline CI), it says so in one line
// and exits 0 without running anything; the end-to-end suite (npm run test:e2e) covers the same ground there.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

const VERSION = '1.100.3';

async function canDownload() {
  try {
    const response = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(5000) });
    return response.ok;
  } catch {
    return false;
  }
}

if (!(await canDownload())) {
  console.log(
    `test:desktop: VS Code ${VERSION} cannot be downloaded here (update.code.visualstudio.com unreachable): desktop suite not run.`,
  );
  process.exit(0);
}

await esbuild.build({
  entryPoints: ['test/desktop/suite/extension.test.ts'],
  outdir: 'out/desktop/suite',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['node_modules/@vscode/test-cli/out/bin.mjs', '--label', 'desktop'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
