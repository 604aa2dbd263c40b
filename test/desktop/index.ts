// Entry point @vscode/test-electron loads inside VS Code: runs the mocha suites bundled next to it.
import Mocha from 'mocha';
import { join } from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  mocha.addFile(join(__dirname, 'suite', 'extension.test.js'));
  return new Promise((resolve, reject) => mocha.run((failures) => (failures ? reject(new Error(`${failures} desktop test(s) failed`)) : resolve())));
}
