// Which of Node's built-in modules a process loads after its start: recorded by a preload at exit (a test client ends
// the server with SIGTERM right after `exit`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../cli/run';

/** NODE_OPTIONS that make a process write the modules it loaded after start-up to `out`, at exit. */
export function recordingModules(out: string): NodeJS.ProcessEnv {
  const preload = join(tempDir(), 'record.js');
  writeFileSync(
    preload,
    `const before = new Set(process.moduleLoadList);
const write = () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m))));
process.on('exit', write);
process.on('SIGTERM', () => process.exit());`,
  );
  return { NODE_OPTIONS: `--require ${preload}` };
}

/** The built-in modules of `names` that the recorded process loaded. */
export const loadedOf = (out: string, names: readonly string[]): string[] =>
  (JSON.parse(readFileSync(out, 'utf8')) as string[]).map((m) => m.replace(/^NativeModule /, '')).filter((m) => names.includes(m));
