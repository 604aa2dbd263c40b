// npm run test:desktop: the conventional extension-host suite (@vscode/test-electron + mocha, `vscode` API) in a
// downloaded desktop VS Code. Where VS Code cannot be downloaded (this project's offline CI), it says so in one line
// and exits 0 without running anything; the end-to-end suite (npm run test:e2e) covers the same ground there.
import * as esbuild from 'esbuild';
import { resolve } from 'node:path';

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
  console.log(`test:desktop: VS Code ${VERSION} cannot be downloaded here (update.code.visualstudio.com unreachable): desktop suite not run.`);
  process.exit(0);
}

await esbuild.build({
  entryPoints: ['test/desktop/index.ts', 'test/desktop/suite/extension.test.ts'],
  outdir: 'out/desktop',
  outbase: 'test/desktop',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
const { runTests } = await import('@vscode/test-electron');
try {
  await runTests({
    version: VERSION,
    extensionDevelopmentPath: resolve('.'),
    extensionTestsPath: resolve('out/desktop/index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`test:desktop failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
