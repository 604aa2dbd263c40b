// Files that are not UTF-8, which the conformance fixtures cannot hold (the harness passes texts): written here as
// bytes, judged by supervisord's loader reading the real files and by the CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lint, tempDir } from '../cli/run';

/** supervisord's verdict on a main config on disk, under the C locale init systems give services. */
function loaderAccepts(main: string): boolean {
  const run = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      'import sys; from supervisor.options import ServerOptions as S; o=S(); o.configfile=sys.argv[1]; o.process_config(do_usage=False)',
      main,
    ],
    { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', LANG: 'C' } },
  );
  assert.ok(run.status === 0 || /UnicodeDecodeError|codec can't decode/.test(run.stderr), run.stderr);
  return run.status === 0;
}

const errorsOf = (files: string[]) =>
  (JSON.parse(lint(['--format', 'json', '--no-config', ...files]).stdout) as { rule: string; severity: string; file: string }[])
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.file.replace(/.*\//, '')}: ${f.rule}`);

test('a Latin-1 byte in a comment of the main config or of an included file stops the loader, and is an Error', () => {
  const dir = tempDir();
  const main = join(dir, 'supervisord.conf');
  const fragment = join(dir, 'worker.conf');
  const head = '[supervisord]\nlogfile=/tmp/supervisord.log\n';
  writeFileSync(fragment, Buffer.from('[program:worker]\ncommand=/bin/cat\n', 'latin1'));

  writeFileSync(main, Buffer.concat([Buffer.from(head), Buffer.from('; caf\xe9\n', 'latin1')]));
  assert.equal(loaderAccepts(main), false);
  assert.deepEqual(errorsOf([main]), ['supervisord.conf: syntax/not-utf8']);

  writeFileSync(main, `${head}; café\n[include]\nfiles = worker.conf\n`);
  assert.equal(loaderAccepts(main), true);
  assert.deepEqual(errorsOf([main]), []);

  writeFileSync(fragment, Buffer.from('[program:worker]\n; caf\xe9\ncommand=/bin/cat\n', 'latin1'));
  assert.equal(loaderAccepts(main), false);
  assert.deepEqual(errorsOf([main, fragment]), ['worker.conf: syntax/not-utf8']);
});
