// @vscode/test-cli configuration of the desktop suite (npm run test:desktop builds out/desktop first).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'desktop',
  files: 'out/desktop/suite/**/*.test.js',
  version: '1.100.3',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 60_000, color: false },
});
