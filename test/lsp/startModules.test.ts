// The built-in modules a start of the server or the CLI loads: none of those only rare work needs. Each costs
// 0.2-2 ms of every start (node:crypto alone about 2 ms), and a dependency or a convenient import brings one back
// unnoticed: vscode-jsonrpc's node layer (crypto, os), performance.now() (perf_hooks), node:fs/promises (readline),
// createRequire (node:module).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lint, tempDir } from '../cli/run';
import { loadedOf, recordingModules } from '../helpers/loadedModules';
import { LspClient } from '../helpers/lspClient';

const PROGRAM = '[program:web]\ncommand=/usr/bin/web\n';
const AVOIDED = ['crypto', 'fs/promises', 'os', 'perf_hooks', 'module', 'readline', 'v8'];

const avoidedIn = (out: string) => loadedOf(out, AVOIDED);

for (const [cache, label] of [
  ['', 'without a code cache'],
  [undefined, 'with its code cache'],
] as const) {
  test(`the CLI lints without loading ${AVOIDED.join(', ')} (${label})`, () => {
    const out = join(tempDir(), 'modules.json');
    const env = { ...recordingModules(out), SUPERVISOR_CODE_CACHE: cache ?? tempDir() };
    const dir = tempDir();
    writeFileSync(join(dir, 'web.conf'), PROGRAM);
    // The first run with a cache directory writes the cache, the second reads it.
    for (let run = 0; run < (cache === undefined ? 2 : 1); run++) assert.equal(lint(['web.conf'], { cwd: dir, env }).status, 0);
    assert.deepEqual(avoidedIn(out), []);
  });

  test(`the server publishes its first diagnostics without loading them (${label})`, async () => {
    const out = join(tempDir(), 'modules.json');
    const env = { ...recordingModules(out), SUPERVISOR_CODE_CACHE: cache ?? tempDir() };
    for (let run = 0; run < (cache === undefined ? 2 : 1); run++) {
      const client = new LspClient([], env);
      await client.initialize();
      const uri = 'file:///etc/supervisor/conf.d/web.conf';
      await client.open(uri, PROGRAM);
      await client.diagnosticsFor(uri);
      const exited = once(client.process, 'exit');
      await client.close();
      await exited;
    }
    assert.deepEqual(avoidedIn(out), []);
  });
}
