// [include] resolution as the loader does it (Python's glob, relative to the including file) and analysis of a
// file in the context of its configuration: names known across the main config and its includes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pythonGlob } from '../../server/src/analysis/pythonGlob';
import { NodeConfigSource } from '../../server/src/nodeConfigSource';
import { findings } from '../helpers/lint';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'supervisor-ws-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('Python glob', () => {
  test('matches what glob.glob matches, sorted', () => {
    const root = tree({
      'conf.d/a.conf': '',
      'conf.d/b.conf': '',
      'conf.d/.hidden.conf': '',
      'conf.d/c.ini': '',
      'conf.d/sub/d.conf': '',
      'conf.d/[x].conf': '',
      'other/e.conf': '',
      'z?.conf': '',
      'B.conf': '',
      'a.conf': '',
    });
    const patterns = [
      'conf.d/*.conf',
      'conf.d/*',
      'conf.d/.*',
      'conf.d/?.conf',
      'conf.d/[ab].conf',
      'conf.d/[!a].conf',
      'conf.d/[x].conf',
      '*/*.conf',
      'conf.d/**/*.conf',
      'conf.d/sub/d.conf',
      'missing/*.conf',
      '*.conf',
      'conf.d/[.conf',
      'conf.d/*.CONF',
      'conf.d',
      'conf.d/',
      'conf.d/../other/*.conf',
      '[a-z].conf',
    ].map((p) => join(root, p));
    const python = spawnSync(
      '/usr/bin/python3',
      ['-c', 'import glob,json,sys; print(json.dumps([sorted(glob.glob(p)) for p in json.load(sys.stdin)]))'],
      {
        input: JSON.stringify(patterns),
        encoding: 'utf8',
      },
    );
    assert.equal(python.status, 0, python.stderr);
    const expected: string[][] = JSON.parse(python.stdout);
    const source = new NodeConfigSource();
    patterns.forEach((pattern, i) => {
      // glob keeps '..' and a trailing '/'; we normalise paths, so compare normalised.
      const normalise = (paths: string[]) =>
        paths
          .map((p) => join(p))
          .map((p) => p.replace(/\/$/, ''))
          .sort();
      assert.deepEqual(normalise(pythonGlob(source, pattern).paths), normalise(expected[i]), pattern);
    });
  });
});

describe('configuration context', () => {
  // What memmon needs to reach supervisord (memmon/no-rpc-server).
  const rpc =
    '[unix_http_server]\nfile=/run/supervisor.sock\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n';
  const root = tree({
    'supervisord.conf': `[supervisord]\n[include]\nfiles = conf.d/*.conf\n[eventlistener:memmon]\ncommand=memmon -c -p worker=512MB -g web=1GB\nevents=TICK_60\n${rpc}`,
    'conf.d/worker.conf': '[program:worker]\ncommand=celery -A p worker -l info\n',
    'conf.d/web.conf': '[program:api]\ncommand=/bin/cat\n[group:web]\nprograms=api,worker\n',
  });
  const source = new NodeConfigSource();
  const lint = (path: string, text?: string) =>
    findings(text ?? readFileSync(join(root, path), 'utf8'), undefined, undefined, { path: join(root, path), source });

  test('a main config knows the programs and groups of its includes', () => {
    assert.deepEqual(lint('supervisord.conf'), []);
    const broken = lint(
      'supervisord.conf',
      `[supervisord]\n[include]\nfiles = conf.d/*.conf\n[eventlistener:memmon]\ncommand=memmon -c -p wroker=512MB\nevents=TICK_60\n${rpc}`,
    );
    assert.deepEqual(
      broken.map((f) => f.rule),
      ['memmon/unknown-process'],
    );
    assert.match(broken[0].fixes[0].title, /worker/);
  });
  test('a fragment is analysed with the config that includes it', () => {
    assert.deepEqual(lint('conf.d/web.conf'), []);
    const broken = lint('conf.d/web.conf', '[program:api]\ncommand=/bin/cat\n[group:web]\nprograms=api,wroker\n');
    assert.deepEqual(
      broken.map((f) => [f.rule, f.severity]),
      [['config/unknown-group-program', 'error']],
    );
  });
  test('without its includer, a fragment makes no claims about other files', () => {
    const alone = tree({ 'x/conf.d/web.conf': '[program:api]\ncommand=/bin/cat\n[group:web]\nprograms=api,elsewhere\n' });
    assert.deepEqual(
      findings('[program:api]\ncommand=/bin/cat\n[group:web]\nprograms=api,elsewhere\n', undefined, undefined, {
        path: join(alone, 'x/conf.d/web.conf'),
        source,
      }),
      [],
    );
  });
  test('an include matching nothing is Information, and then unknown names are not Errors', () => {
    const text = '[supervisord]\n[include]\nfiles = conf.d/*.conf missing/*.conf\n[group:g]\nprograms=ghost\n';
    const found = lint('supervisord.conf', text);
    assert.deepEqual(
      found.map((f) => [f.rule, f.severity]),
      [['config/include-target-missing', 'information']],
    );
    assert.deepEqual([found[0].range.start.character, found[0].range.end.character], [22, 36]);
  });
});
