// [include] resolution as the loader does it (Python's glob, relative to the including file) and analysis of a
// file in the context of its configuration: names known across the main config and its includes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pythonGlob } from '../../server/src/analysis/pythonGlob';
import { NodeConfigSource } from '../../server/src/nodeConfigSource';
import { findings } from '../helpers/lint';
import { fileTree } from '../helpers/fileTree';

const tree = (files: Record<string, string | Buffer>) => fileTree(files, 'supervisor-ws-');

/**
 * What supervisord's loader makes of `root`/supervisord.conf and the files it includes: the Python `expression`, over
 * the ServerOptions `o` once it has read the configuration, as Python prints it; or the loader's error.
 */
function loaderSays(root: string, expression: string): string {
  const run = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      `import sys; from supervisor.options import ServerOptions as S; o=S(); o.configfile=sys.argv[1]; o.process_config(do_usage=False); print(${expression})`,
      join(root, 'supervisord.conf'),
    ],
    { encoding: 'utf8' },
  );
  return run.stdout.trim() || run.stderr;
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

describe('sections merged across files', () => {
  const main = '[supervisord]\n[include]\nfiles = conf.d/*.conf\n';
  const worker = '[program:worker]\ncommand=/srv/app/bin/serve --queue default\nautostart=false\n';
  // worker-high.conf sorts before worker.conf ('-' < '.'), so the loader reads the copy first.
  const copy = '[program:worker]\ncommand=/srv/app/bin/serve --queue high\nautostart=true\n';
  const root = tree({ 'supervisord.conf': main, 'conf.d/worker.conf': worker, 'conf.d/worker-high.conf': copy });
  const source = new NodeConfigSource();
  const lint = (file: string, text = readFileSync(join(root, file), 'utf8')) =>
    findings(text, undefined, undefined, { path: join(root, file), source });

  test('the loader merges a copied conf.d file into one program, the file read last winning', () => {
    const loaded = loaderSays(root, '[(p.name, p.command, p.autostart) for g in o.process_group_configs for p in g.process_configs]');
    assert.equal(loaded, "[('worker', '/srv/app/bin/serve --queue default', False)]");
  });
  test('each copy is a Warning naming the other file and its reading order', () => {
    const first = lint('conf.d/worker-high.conf');
    const last = lint('conf.d/worker.conf');
    assert.deepEqual(
      first.map((f) => [f.rule, f.severity, f.range.start.line]),
      [['config/duplicate-section-across-files', 'warning', 0]],
    );
    assert.match(first[0].message, /also in worker\.conf \(line 1, read after this file\).*only one program worker runs/);
    // The copy read first loses every key the other sets too: worker-override.conf would lose its overrides so.
    assert.match(first[0].message, /reads last \(here command, autostart are replaced by worker\.conf\); only one/);
    assert.match(
      last.find((f) => f.rule === 'config/duplicate-section-across-files')!.message,
      /worker-high\.conf \(line 1, read before this file\)/,
    );
    assert.deepEqual(
      lint('supervisord.conf').map((f) => f.rule),
      [],
    );
  });
  test('the copy named otherwise than its file is offered its file name, the original nothing', () => {
    const [finding] = lint('conf.d/worker-high.conf');
    assert.deepEqual(
      finding.fixes.map((f) => [f.title, f.edits[0].newText]),
      [['Rename to [program:worker-high]', 'worker-high']],
    );
    assert.deepEqual(lint('conf.d/worker.conf').find((f) => f.rule === 'config/duplicate-section-across-files')!.fixes, []);
  });
  test('a key the merged copy sets is not missing, and a value a later copy replaces is never read', () => {
    const edited = '[program:worker]\nautostart=maybe\n';
    assert.deepEqual(
      lint('conf.d/worker-high.conf', edited).map((f) => f.rule),
      ['config/duplicate-section-across-files'],
    );
    // worker.conf is read last: its value is the one the loader converts (and refuses).
    assert.deepEqual(
      lint('conf.d/worker.conf', edited)
        .filter((f) => f.severity === 'error')
        .map((f) => f.rule),
      ['config/invalid-value'],
    );
  });
  test('an unsaved edit is placed where the loader reads its file', () => {
    const renamed = lint('conf.d/worker-high.conf', copy.replace('[program:worker]', '[program:worker-high]'));
    assert.deepEqual(renamed, []);
    const edited = lint('conf.d/worker.conf', '[program:other]\ncommand=/bin/cat\n[program:worker]\ncommand=/bin/cat\n');
    assert.match(edited[0].message, /worker-high\.conf \(line 1, read before this file\)/);
    assert.equal(edited[0].range.start.line, 2);
  });
});

describe('log handlers of a section merged across files', () => {
  const main = '[supervisord]\n[include]\nfiles = conf.d/*.conf\n';
  const worker = '[program:worker]\ncommand=/bin/cat\nstdout_logfile=/var/log/w.log\nstderr_logfile=/var/log/w.log\n';
  /** What supervisord's loader makes of the configuration's log handlers: name, stdout, stderr, redirect, both sizes. */
  const loaded = (root: string) =>
    loaderSays(
      root,
      '[(p.name, getattr(p.stdout_logfile, "__name__", p.stdout_logfile), getattr(p.stderr_logfile, "__name__", p.stderr_logfile), p.redirect_stderr, p.stdout_logfile_maxbytes, p.stderr_logfile_maxbytes) for g in o.process_group_configs for p in g.process_configs]',
    );
  const lintAll = (files: Record<string, string>) => {
    const root = tree(files);
    const source = new NodeConfigSource();
    const found = Object.keys(files).flatMap((file) =>
      findings(files[file], undefined, undefined, { path: join(root, file), source })
        .filter((f) => f.rule !== 'config/duplicate-section-across-files')
        .map((f) => ({ file, ...f })),
    );
    return { root, found };
  };

  test("an override file's redirect_stderr=true makes the original's stderr_logfile ignored, not shared", () => {
    const { root, found } = lintAll({
      'supervisord.conf': main,
      'conf.d/worker.conf': worker,
      // Read after worker.conf ('.c' < '.o').
      'conf.d/worker.override.conf': '[program:worker]\nredirect_stderr=true\nstdout_logfile_maxbytes=0\n',
    });
    assert.equal(loaded(root), "[('worker', '/var/log/w.log', None, True, 0, 52428800)]");
    assert.deepEqual(
      found.map((f) => [f.file, f.rule, f.range.start.line]),
      [['conf.d/worker.conf', 'config/stderr-logfile-ignored', 3]],
    );
    assert.match(found[0].message, /with redirect_stderr=true \(set in worker\.override\.conf\) stderr goes/);
    // Its own line is deleted; the redirect is the other file's, and is not edited from here.
    assert.deepEqual(
      found[0].fixes.map((f) => f.title),
      ['Delete the stderr_logfile supervisord ignores'],
    );
  });

  test('sizes an override file sets decide whether the handlers rotate; a later redirect_stderr takes the fix away', () => {
    const sizes = lintAll({
      'supervisord.conf': main,
      'conf.d/worker.conf': worker,
      'conf.d/worker.override.conf': '[program:worker]\nstdout_logfile_maxbytes=0\nstderr_logfile_maxbytes=0\n',
    });
    assert.equal(loaded(sizes.root), "[('worker', '/var/log/w.log', '/var/log/w.log', False, 0, 0)]");
    assert.deepEqual(sizes.found, []);
    const redirect = lintAll({
      'supervisord.conf': main,
      'conf.d/worker.conf': worker,
      'conf.d/worker.override.conf': '[program:worker]\nredirect_stderr=false\n',
    });
    assert.deepEqual(
      redirect.found.map((f) => [f.file, f.rule, f.fixes.length]),
      [['conf.d/worker.conf', 'config/shared-logfile', 0]],
    );
  });

  test('stdout_logfile=syslog gets its two-line fix only where no other copy sets stdout_syslog', () => {
    const syslog = '[program:worker]\ncommand=/bin/cat\nstdout_logfile=syslog\n';
    const fixes = (override: string) =>
      lintAll({ 'supervisord.conf': main, 'conf.d/worker.conf': syslog, 'conf.d/worker.override.conf': override }).found.map((f) => [
        f.file,
        f.rule,
        f.fixes.length,
      ]);
    assert.deepEqual(fixes('[program:worker]\nstartsecs=1\n'), [['conf.d/worker.conf', 'config/syslog-logfile-deprecated', 1]]);
    assert.deepEqual(fixes('[program:worker]\nstdout_syslog=false\n'), [['conf.d/worker.conf', 'config/syslog-logfile-deprecated', 0]]);
  });

  test("a finding about another file's line is that file's, and the main config's [DEFAULT] is named", () => {
    const { root, found } = lintAll({
      'supervisord.conf': '[supervisord]\n[DEFAULT]\nstdout_logfile_maxbytes=0\n[include]\nfiles = conf.d/*.conf\n',
      'conf.d/worker.conf': '[program:worker]\ncommand=/bin/cat\nstdout_logfile=syslog\n',
      'conf.d/worker.override.conf': '[program:worker]\nnumprocs=1\n',
      'conf.d/beat.conf': '[program:beat]\ncommand=/bin/cat\n',
    });
    assert.match(loaded(root), /\('beat', 'Automatic', 'Automatic', False, 0, 52428800\)/);
    assert.deepEqual(
      found.map((f) => [f.file, f.rule, f.range.start.line]),
      [
        ['conf.d/worker.conf', 'config/syslog-logfile-deprecated', 2],
        ['conf.d/beat.conf', 'config/auto-logfile-without-rotation', 0],
      ],
    );
    assert.match(found[1].message, /\(stdout_logfile_maxbytes=0, from \[DEFAULT\] in \.\.\/supervisord\.conf\)/);
  });
});

test("user= is judged as supervisord merges the program: an override file's replaces the original's", () => {
  const main = '[supervisord]\nuser=nobody\n[include]\nfiles = conf.d/*.conf\n';
  const worker = '[program:worker]\ncommand=/bin/cat\nuser=daemon\n';
  const lint = (files: Record<string, string>) => {
    const root = tree(files);
    const source = new NodeConfigSource();
    const uid = loaderSays(root, '[p.uid for g in o.process_group_configs for p in g.process_configs]');
    const found = Object.keys(files).flatMap((file) =>
      findings(files[file], 'config/user-switch-needs-root', undefined, { path: join(root, file), source }).map((f) => [
        file,
        f.range.start.line,
      ]),
    );
    return { uid, found };
  };
  // worker.override.conf is read after worker.conf: its user= is the one the loader reads (nobody's uid, 65534).
  assert.deepEqual(
    lint({ 'supervisord.conf': main, 'conf.d/worker.conf': worker, 'conf.d/worker.override.conf': '[program:worker]\nuser=nobody\n' }),
    {
      uid: '[65534]',
      found: [],
    },
  );
  // The other way round the override's line is the one that cannot work, and only its file reports it.
  assert.deepEqual(
    lint({
      'supervisord.conf': main,
      'conf.d/worker.conf': worker.replace('daemon', 'nobody'),
      'conf.d/worker.override.conf': '[program:worker]\nuser=daemon\n',
    }).found,
    [['conf.d/worker.override.conf', 1]],
  );
});

test("a Celery worker's environment= is read as supervisord merges the program: an override file's counts", () => {
  const files = {
    'supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n',
    'conf.d/worker.conf': '[program:worker]\ncommand=/srv/venv/bin/celery -A proj worker -l info\nstopwaitsecs=600\nstopsignal=TERM\n',
    'conf.d/worker.override.conf': '[program:worker]\nenvironment=REMAP_SIGTERM="SIGQUIT"\n',
  };
  const root = tree(files);
  const loaded = loaderSays(root, '[p.environment for g in o.process_group_configs for p in g.process_configs]');
  assert.equal(loaded, "[{'REMAP_SIGTERM': 'SIGQUIT'}]");
  const source = new NodeConfigSource();
  const found = Object.entries(files).flatMap(([file, text]) =>
    findings(text, 'celery/cold-stop-signal', undefined, { path: join(root, file), source }).map((f) => [
      file,
      f.range.start.line,
      f.message,
    ]),
  );
  assert.equal(found.length, 1);
  assert.deepEqual(found[0].slice(0, 2), ['conf.d/worker.conf', 0]);
  assert.match(String(found[0][2]), /the environment of \[program:worker\] in worker\.override\.conf sets REMAP_SIGTERM=SIGQUIT/);
});

test('a fix moving shell syntax to directory= or environment= is not offered where another copy sets that key', () => {
  const files = {
    'supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n',
    'conf.d/api.conf': '[program:api]\ncommand=cd /srv/api && /srv/api/bin/serve\n',
    'conf.d/api.override.conf': '[program:api]\ndirectory=/srv\n',
    'conf.d/web.conf': '[program:web]\ncommand=PORT=8000 /srv/web/bin/serve\n',
    // Read after web.conf: its environment= replaces whatever web.conf would have, PORT with it.
    'conf.d/web.override.conf': '[program:web]\nenvironment=DEBUG="0"\n',
  };
  const root = tree(files);
  const source = new NodeConfigSource();
  const fixesOf = (file: keyof typeof files, text = files[file]) =>
    findings(text, 'config/shell-syntax-without-shell', undefined, { path: join(root, file), source }).map((f) =>
      f.fixes.map((fix) => fix.title),
    );
  assert.deepEqual(fixesOf('conf.d/api.conf'), [[]]);
  assert.deepEqual(fixesOf('conf.d/web.conf'), [[]]);
  // Without the other copies' keys, both are offered.
  assert.deepEqual(fixesOf('conf.d/api.conf', files['conf.d/api.conf'].replace('api]', 'api2]')), [
    ['Move cd /srv/api to directory=/srv/api'],
  ]);
  assert.deepEqual(fixesOf('conf.d/web.conf', files['conf.d/web.conf'].replace('web]', 'web2]')), [['Move PORT to environment=']]);
});

test('a section copied into many files: each message names three of the others and counts the rest', () => {
  const files: Record<string, string> = { 'supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n' };
  for (let i = 10; i < 60; i++) files[`conf.d/w${i}.conf`] = `[program:worker]\ncommand=/bin/cat\nstartsecs=${i}\n`;
  const root = tree(files);
  const [finding] = findings(readFileSync(join(root, 'conf.d/w10.conf'), 'utf8'), 'config/duplicate-section-across-files', undefined, {
    path: join(root, 'conf.d/w10.conf'),
    source: new NodeConfigSource(),
  });
  assert.match(
    finding.message,
    /^\[program:worker\] is also in w11\.conf \(line 1, read after this file\), w12\.conf \(line 1, read after this file\), w13\.conf \(line 1, read after this file\) and 46 more files: /,
  );
  // Every other file sets both keys again: the value read is the last one's.
  assert.match(finding.message, /\(here command, startsecs are replaced by w59\.conf\)/);
});

test('copies are found the same way before and after the configuration indexes its sections', () => {
  const files: Record<string, string> = { 'supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n' };
  for (let i = 10; i < 50; i++) files[`conf.d/p${i}.conf`] = `[program:p${i}]\ncommand=/bin/cat\n`;
  files['conf.d/p48.conf'] = '[program:p12]\ncommand=/bin/cat\n';
  const root = tree(files);
  const source = new NodeConfigSource();
  const copies = Object.keys(files).flatMap((file) =>
    findings(readFileSync(join(root, file), 'utf8'), 'config/duplicate-section-across-files', undefined, {
      path: join(root, file),
      source,
    }).map((f) => `${file}: ${f.message.slice(0, f.message.indexOf(': supervisord'))}`),
  );
  // p12.conf is asked about among the first sections (its texts searched), p48.conf after every file was indexed.
  assert.deepEqual(copies, [
    'conf.d/p12.conf: [program:p12] is also in p48.conf (line 1, read after this file)',
    'conf.d/p48.conf: [program:p12] is also in p12.conf (line 1, read before this file)',
  ]);
});

test('a process group name taken in another file of the configuration is found, and which one runs is said', () => {
  const root = tree({
    'supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n[eventlistener:worker]\ncommand=/bin/cat\nevents=TICK_60\n',
    'conf.d/worker.conf': '[program:worker]\ncommand=/bin/cat\n',
  });
  const source = new NodeConfigSource();
  const lint = (file: string) =>
    findings(readFileSync(join(root, file), 'utf8'), 'config/duplicate-group-name', undefined, { path: join(root, file), source }).map(
      (f) => f.message,
    );
  assert.deepEqual(lint('conf.d/worker.conf'), [
    '[program:worker] makes a process group named worker, and so does [eventlistener:worker] (../supervisord.conf, line 4): supervisord starts [eventlistener:worker] and silently skips this one: its processes never run',
  ]);
  assert.match(lint('supervisord.conf')[0], /so does \[program:worker\] \(conf\.d\/worker\.conf, line 1\): supervisord starts this one/);
});

test("which of two groups of one name runs is decided by the priority= supervisord reads: an override file's", () => {
  const root = tree({
    'supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n[eventlistener:worker]\ncommand=/bin/cat\nevents=TICK_60\n',
    'conf.d/worker.conf': '[program:worker]\ncommand=/bin/cat\n',
    'conf.d/worker.override.conf': '[program:worker]\npriority=-5\n',
  });
  // supervisord adds the groups in this order and skips a name it has: the first one runs.
  const loaded = loaderSays(root, '[(g.name, g.priority, type(g).__name__) for g in sorted(o.process_group_configs)]');
  assert.equal(loaded, "[('worker', -5, 'ProcessGroupConfig'), ('worker', -1, 'EventListenerPoolConfig')]");
  const source = new NodeConfigSource();
  const [finding] = findings(readFileSync(join(root, 'conf.d/worker.conf'), 'utf8'), 'config/duplicate-group-name', undefined, {
    path: join(root, 'conf.d/worker.conf'),
    source,
  });
  assert.match(finding.message, /supervisord starts this one and silently skips the others$/);
});

/** supervisord's HTTP server and RPC interface, which memmon reaches it through. */
const RPC =
  '[unix_http_server]\nfile=/run/s.sock\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n';
const PROCESS_NAMES = '[p.name for g in o.process_group_configs for p in g.process_configs if p.name != "memmon"]';

/** The names memmon/unknown-process reports in `file` of the configuration at `root` (`text`: as open in an editor). */
const unknownNames = (root: string, file: string, text = readFileSync(join(root, file), 'utf8')) =>
  findings(text, 'memmon/unknown-process', undefined, { path: join(root, file), source: new NodeConfigSource() }).map(
    (f) => f.message.match(/names "([^"]+)"/)![1],
  );

test("a program's process names are those of its merged section: an override file's numprocs counts", () => {
  const main = (watched: string) =>
    `[supervisord]\n${RPC}[include]\nfiles = conf.d/*.conf\n[eventlistener:memmon]\ncommand=memmon ${watched}\nevents=TICK_60\n`;
  const worker = (numprocs: number) =>
    `[program:worker]\ncommand=/bin/cat\nnumprocs=${numprocs}\nprocess_name=%(program_name)s_%(process_num)02d\n`;
  const unknown = (files: Record<string, string>) => {
    const root = tree(files);
    return { names: loaderSays(root, PROCESS_NAMES), found: unknownNames(root, 'supervisord.conf') };
  };
  // worker.override.conf, read after worker.conf, makes it four processes.
  assert.deepEqual(
    unknown({
      'supervisord.conf': main('-p worker_03=200MB -p worker_04=200MB'),
      'conf.d/worker.conf': worker(2),
      'conf.d/worker.override.conf': '[program:worker]\nnumprocs=4\n',
    }),
    { names: "['worker_00', 'worker_01', 'worker_02', 'worker_03']", found: ['worker_04'] },
  );
  // And the other way round, two.
  assert.deepEqual(
    unknown({
      'supervisord.conf': main('-p worker_01=200MB -p worker_03=200MB'),
      'conf.d/worker.conf': worker(4),
      'conf.d/worker.override.conf': '[program:worker]\nnumprocs=2\n',
    }),
    { names: "['worker_00', 'worker_01']", found: ['worker_03'] },
  );
});

test("a conf.d program's numprocs=%(ENV_X)s counts with the main config's environment= in the process index", () => {
  const root = tree({
    'supervisord.conf': `[supervisord]\nenvironment=WORKERS="3"\n${RPC}[include]\nfiles = conf.d/*.conf\n[eventlistener:memmon]\ncommand=memmon -p worker_2=200MB -p worker_3=200MB\nevents=TICK_60\n`,
    'conf.d/worker.conf': '[program:worker]\ncommand=/bin/cat\nnumprocs=%(ENV_WORKERS)s\nprocess_name=%(program_name)s_%(process_num)d\n',
  });
  assert.equal(loaderSays(root, PROCESS_NAMES), "['worker_0', 'worker_1', 'worker_2']");
  assert.deepEqual(unknownNames(root, 'supervisord.conf'), ['worker_3']);
});

test('an unsaved override file is merged at its place in the reading order, after the file it overrides', () => {
  const root = tree({
    'supervisord.conf': `[supervisord]\n${RPC}[include]\nfiles = conf.d/*.conf\n`,
    'conf.d/worker.conf': '[program:worker]\ncommand=/bin/cat\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)02d\n',
    'conf.d/worker.override.conf': '[program:worker]\nnumprocs=2\n',
  });
  // As typed in the editor, not saved: the override makes four processes, and its listener watches the fourth.
  const edited =
    '[program:worker]\nnumprocs=4\n[eventlistener:memmon]\ncommand=memmon -p worker_03=200MB -p worker_04=200MB\nevents=TICK_60\n';
  assert.deepEqual(unknownNames(root, 'conf.d/worker.override.conf', edited), ['worker_04']);
});

test('Celery beat is counted per program supervisord runs: copies of one section are one program', () => {
  const main = '[supervisord]\n[include]\nfiles = conf.d/*.conf\n';
  const beat = '[program:beat]\ncommand=/srv/venv/bin/celery -A proj beat\n';
  const lint = (override: string) => {
    const files = { 'supervisord.conf': main, 'conf.d/beat.conf': beat, 'conf.d/beat.override.conf': override };
    const root = tree(files);
    const source = new NodeConfigSource();
    const found = Object.entries(files).flatMap(([file, text]) =>
      findings(text, 'celery/beat-multiple-instances', undefined, { path: join(root, file), source }).map((f) => [file, f.message]),
    );
    return { commands: loaderSays(root, '[p.command for g in o.process_group_configs for p in g.process_configs]'), found };
  };
  // The override's command= replaces the original's: one program, one beat.
  assert.deepEqual(lint('[program:beat]\ncommand=/srv/venv/bin/celery -A proj beat -l info\n'), {
    commands: "['/srv/venv/bin/celery -A proj beat -l info']",
    found: [],
  });
  // The override's numprocs=2 makes the original's command run twice.
  const twice = lint('[program:beat]\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)d\n');
  assert.equal(twice.commands, "['/srv/venv/bin/celery -A proj beat', '/srv/venv/bin/celery -A proj beat']");
  assert.deepEqual(
    twice.found.map(([file]) => file),
    ['conf.d/beat.conf'],
  );
  assert.match(
    String(twice.found[0][1]),
    /runs in 2 processes of this configuration \(\[program:beat\] ×2\).*\(numprocs=1 in the file that sets it\)/,
  );
});

test("the processes a program's rules count are those of its merged section: an override file's numprocs", () => {
  const main = '[supervisord]\n[include]\nfiles = conf.d/*.conf\n';
  const worker = (numprocs: number) =>
    `[program:worker]\ncommand=/srv/venv/bin/celery -A proj worker -l info\nnumprocs=${numprocs}\nprocess_name=%(program_name)s_%(process_num)d\nstdout_logfile=/var/log/worker.log\nredirect_stderr=true\nstopwaitsecs=600\n`;
  const lint = (original: number, override: number) => {
    const files = {
      'supervisord.conf': main,
      'conf.d/worker.conf': worker(original),
      'conf.d/worker.override.conf': `[program:worker]\nnumprocs=${override}\n`,
    };
    const root = tree(files);
    const source = new NodeConfigSource();
    const found = findings(files['conf.d/worker.conf'], undefined, undefined, { path: join(root, 'conf.d/worker.conf'), source })
      .filter((f) => f.rule === 'celery/duplicate-nodename' || f.rule === 'config/shared-logfile')
      .map((f) => [f.rule, f.message.match(/(?:starts|runs) (\d+)/)![1]]);
    return { processes: loaderSays(root, 'len([p for g in o.process_group_configs for p in g.process_configs])'), found };
  };
  assert.deepEqual(lint(1, 3), {
    processes: '3',
    found: [
      ['celery/duplicate-nodename', '3'],
      ['config/shared-logfile', '3'],
    ],
  });
  assert.deepEqual(lint(2, 1), { processes: '1', found: [] });
});

test('a program a group of another file lists makes no group of its own', () => {
  const root = tree({
    'supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n[group:web]\nprograms=web\n',
    'conf.d/web.conf': '[program:web]\ncommand=/bin/cat\n',
  });
  const loaded = loaderSays(root, '[(g.name, [p.name for p in g.process_configs]) for g in o.process_group_configs]');
  assert.equal(loaded, "[('web', ['web'])]");
  const source = new NodeConfigSource();
  for (const file of ['supervisord.conf', 'conf.d/web.conf'])
    assert.deepEqual(findings(readFileSync(join(root, file), 'utf8'), undefined, undefined, { path: join(root, file), source }), [], file);
});

describe('a log file written by programs of two files', () => {
  const main = '[supervisord]\n[include]\nfiles = conf.d/*.conf\n\n[program:main]\ncommand=/bin/cat\nstdout_logfile=/var/log/shared.log\n';
  const writing = (name: string, log: string, extra = '') => `[program:${name}]\ncommand=/bin/cat\nstdout_logfile=${log}\n${extra}`;
  const rule = 'config/logfile-shared-by-programs';

  test('is found the same way before and after the configuration indexes the files', () => {
    const files: Record<string, string> = { 'supervisord.conf': main };
    for (let i = 10; i < 50; i++) files[`conf.d/p${i}.conf`] = writing(`p${i}`, `/var/log/p${i}.log`);
    files['conf.d/p12.conf'] = writing('p12', '/var/log/shared.log');
    files['conf.d/p48.conf'] = writing('p48', ' /var/log/shared.log', 'redirect_stderr=true\n');
    const root = tree(files);
    const source = new NodeConfigSource();
    const shared = Object.keys(files).flatMap((file) =>
      findings(readFileSync(join(root, file), 'utf8'), rule, undefined, { path: join(root, file), source }).map(
        (f) => `${file}:${f.range.start.line}: ${f.message.slice(0, f.message.indexOf(', each program'))}`,
      ),
    );
    // The main config is asked first (its texts searched), p48.conf after every file was indexed.
    assert.deepEqual(shared, [
      'supervisord.conf:6: [program:main] writes /var/log/shared.log, which [program:p12] of conf.d/p12.conf writes too',
      'conf.d/p12.conf:2: [program:p12] writes /var/log/shared.log, which [program:main] of ../supervisord.conf writes too',
      'conf.d/p48.conf:2: [program:p48] writes /var/log/shared.log, which [program:main] of ../supervisord.conf writes too',
    ]);
  });

  test('not when neither program rotates it, nor for a section with copies, which supervisord merges into one program', () => {
    const root = tree({
      'supervisord.conf': main.replace('shared.log\n', 'shared.log\nstdout_logfile_maxbytes=0\n'),
      'conf.d/a.conf': writing('a', '/var/log/shared.log', 'stdout_logfile_maxbytes=0\n'),
      'conf.d/b.conf': writing('main', '/var/log/shared.log'),
      'conf.d/c.conf': writing('c', '/var/log/c.log'),
    });
    const source = new NodeConfigSource();
    const lint = (file: string, text = readFileSync(join(root, file), 'utf8')) =>
      findings(text, rule, undefined, { path: join(root, file), source }).map((f) => f.message.slice(0, f.message.indexOf(' writes too')));
    for (const file of ['supervisord.conf', 'conf.d/a.conf', 'conf.d/b.conf', 'conf.d/c.conf']) assert.deepEqual(lint(file), [], file);
    // An unsaved edit stands for its file, and the others see its saved copy.
    assert.deepEqual(lint('conf.d/c.conf', writing('c', '/var/log/shared.log')), [
      '[program:c] writes /var/log/shared.log, which [program:a] of a.conf',
    ]);
    assert.deepEqual(lint('conf.d/a.conf'), []);
  });
});

test('a log file shared across files: the fix names it after the program, unless another file writes that name', () => {
  const writing = (name: string, log: string) => `[program:${name}]\ncommand=/bin/cat\nstdout_logfile=${log}\nredirect_stderr=true\n`;
  const root = tree({
    'supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n',
    'conf.d/a.conf': writing('a', '/var/log/app.log'),
    'conf.d/b.conf': writing('b', '/var/log/app.log'),
    'conf.d/x.conf': writing('x', '/var/log/app-b.log'),
  });
  const source = new NodeConfigSource();
  const fixes = (file: string) =>
    findings(readFileSync(join(root, file), 'utf8'), 'config/logfile-shared-by-programs', undefined, {
      path: join(root, file),
      source,
    }).map((f) => f.fixes.map((fix) => fix.title));
  assert.deepEqual(fixes('conf.d/a.conf'), [['Write app-a.log instead']]);
  assert.deepEqual(fixes('conf.d/b.conf'), [[]]);
});

describe("a conf.d file with [supervisord] of its own (Docker images' nodaemon=true)", () => {
  const main = `[unix_http_server]\nfile=/run/supervisor.sock\n[supervisord]\nlogfile=/var/log/supervisor/supervisord.log\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n[include]\nfiles = conf.d/*.conf\n`;
  // Its [supervisorctl] and [ctlplugin:x] are never read: supervisorctl reads the main config only.
  const docker =
    '[supervisord]\nnodaemon=true\n[supervisorctl]\nserverurl=unix:///elsewhere.sock\n[ctlplugin:tools]\n[program:worker]\ncommand=/bin/cat\n[eventlistener:memmon]\ncommand=memmon -c -p worker=512MB\nevents=TICK_60\n';

  test('is read in the configuration of the main config that includes it, as supervisord reads it', () => {
    const root = tree({ 'supervisord.conf': main, 'conf.d/supervisord.conf': docker });
    const loaded = loaderSays(
      root,
      'o.nodaemon, o.configroot.supervisord.server_configs[0]["file"], sorted(g.name for g in o.process_group_configs)',
    );
    assert.equal(loaded, "True /run/supervisor.sock ['memmon', 'worker']");
    // memmon reaches supervisord through the main config's [unix_http_server], and the merged [supervisord] is meant.
    const source = new NodeConfigSource();
    assert.deepEqual(findings(docker, undefined, undefined, { path: join(root, 'conf.d/supervisord.conf'), source }), []);
  });

  test('without a main config including it, it is a main config of its own', () => {
    const root = tree({ 'supervisord.conf': main.replace('conf.d/*.conf', 'elsewhere/*.conf'), 'conf.d/supervisord.conf': docker });
    const found = findings(docker, undefined, undefined, { path: join(root, 'conf.d/supervisord.conf'), source: new NodeConfigSource() });
    assert.deepEqual(found.map((f) => f.rule).sort(), [
      'config/missing-required-key',
      'config/supervisorctl-unreachable',
      'config/supervisorctl-unreachable',
      'memmon/no-rpc-server',
    ]);
  });
});

test("a program whose merged section starts no process (an override file's numprocs=0) never reads its command", () => {
  const main = '[supervisord]\n[include]\nfiles = conf.d/*.conf\n';
  const rules = [
    'config/missing-required-key',
    'config/shell-syntax-without-shell',
    'config/command-cannot-start',
    'config/stderr-logfile-ignored',
    'celery/beat-multiple-instances',
  ];
  const judged = (files: Record<string, string>) => {
    const root = tree(files);
    const source = new NodeConfigSource();
    const found = Object.keys(files).flatMap((file) =>
      rules.flatMap((rule) =>
        findings(files[file], rule, undefined, { path: join(root, file), source }).map((f) => [file, f.rule, f.range.start.line]),
      ),
    );
    return { loaded: loaderSays(root, '[(g.name, len(g.process_configs)) for g in o.process_group_configs]'), found };
  };
  // worker.override.conf, read after worker.conf, leaves the worker without processes: no command is needed, and its
  // beat, shell syntax and unparsable command never run, and no process has a log to ignore.
  assert.deepEqual(
    judged({
      'supervisord.conf': main,
      'conf.d/beat.conf': '[program:beat]\ncommand=/srv/venv/bin/celery -A proj beat\n',
      'conf.d/worker.conf': '[program:worker]\ncommand=cd /srv && /srv/venv/bin/celery -A proj worker -B\n',
      'conf.d/worker.override.conf': '[program:worker]\nnumprocs=0\n',
      'conf.d/web.conf': '[program:web]\nstdout_logfile=/var/log/web.log\nredirect_stderr=true\nstderr_logfile=/var/log/web.err\n',
      'conf.d/web.override.conf': '[program:web]\nnumprocs=0\n',
      'conf.d/api.conf': '[program:api]\ncommand=/bin/echo "unclosed\n',
      'conf.d/api.override.conf': '[program:api]\nnumprocs=0\n',
    }),
    { loaded: "[('api', 0), ('beat', 1), ('web', 0), ('worker', 0)]", found: [] },
  );
  // The other way round the loader wants the command worker.conf's numprocs=0 would spare it; both copies say so.
  const lifted = judged({
    'supervisord.conf': main,
    'conf.d/worker.conf': '[program:worker]\nnumprocs=0\n',
    'conf.d/worker.override.conf': '[program:worker]\nnumprocs=1\n',
  });
  assert.match(lifted.loaded, /program section program:worker does not specify a command .*worker\.conf/);
  assert.deepEqual(lifted.found, [
    ['conf.d/worker.conf', 'config/missing-required-key', 0],
    ['conf.d/worker.override.conf', 'config/missing-required-key', 0],
  ]);
  // A worker with -B that the override starts is a second beat.
  const beats = judged({
    'supervisord.conf': main,
    'conf.d/beat.conf': '[program:beat]\ncommand=/srv/venv/bin/celery -A proj beat\n',
    'conf.d/worker.conf': '[program:worker]\ncommand=/srv/venv/bin/celery -A proj worker -B\nnumprocs=0\n',
    'conf.d/worker.override.conf': '[program:worker]\nnumprocs=1\n',
  });
  assert.deepEqual(beats, {
    loaded: "[('beat', 1), ('worker', 1)]",
    found: [
      ['conf.d/beat.conf', 'celery/beat-multiple-instances', 1],
      ['conf.d/worker.conf', 'celery/beat-multiple-instances', 1],
    ],
  });
});

test("keys supervisord reads once per process go unread where an override file's numprocs=0 leaves none", () => {
  const worker =
    '[program:worker]\ncommand=/bin/cat\nstdout_logfile=/var/log/%(bogus)s.log\nstderr_logfile=/var/log/%s.err\nstdout_logfile_maxbytes=abc\nenvironment=A=%(nope)s\ndirectory=/srv/%(ENV_HOME\n';
  const judged = (numprocs: number) => {
    const root = tree({
      'supervisord.conf': '[supervisord]\n[include]\nfiles = conf.d/*.conf\n',
      'conf.d/worker.conf': worker,
      'conf.d/worker.override.conf': `[program:worker]\nnumprocs=${numprocs}\n`,
    });
    const source = new NodeConfigSource();
    const found = ['config/invalid-value', 'config/invalid-expansion', 'config/percent-inserts-mapping'].flatMap((rule) =>
      findings(worker, rule, undefined, { path: join(root, 'conf.d/worker.conf'), source }).map((f) => `${f.range.start.line} ${f.rule}`),
    );
    return { loaded: loaderSays(root, '[(g.name, len(g.process_configs)) for g in o.process_group_configs]'), found };
  };
  assert.deepEqual(judged(0), { loaded: "[('worker', 0)]", found: [] });
  const running = judged(1);
  assert.match(running.loaded, /ValueError/);
  assert.deepEqual(running.found, [
    '4 config/invalid-value',
    '2 config/invalid-expansion',
    '5 config/invalid-expansion',
    '6 config/invalid-expansion',
    '3 config/percent-inserts-mapping',
  ]);
});

test("[supervisord] environment= is the last file's that sets it: a conf.d [supervisord] replaces the main config's", () => {
  const root = tree({
    'supervisord.conf': `[supervisord]\nenvironment=SUPERVISOR_SERVER_URL="unix:///run/other.sock"\n[include]\nfiles = conf.d/*.conf\n[eventlistener:memmon]\ncommand=memmon -p web=200MB\nevents=TICK_60\n[program:web]\ncommand=/bin/cat\n`,
    'conf.d/supervisord.conf': '[supervisord]\nnodaemon=true\nenvironment=LANG="C.UTF-8"\n',
  });
  assert.equal(
    loaderSays(root, '[p.environment for g in o.process_group_configs for p in g.process_configs if p.name == "memmon"]'),
    "[{'LANG': 'C.UTF-8'}]",
  );
  // So memmon gets no SUPERVISOR_SERVER_URL of the main config's, and supervisord none of its own to give it.
  const found = findings(readFileSync(join(root, 'supervisord.conf'), 'utf8'), 'memmon/no-rpc-server', undefined, {
    path: join(root, 'supervisord.conf'),
    source: new NodeConfigSource(),
  });
  assert.equal(found.length, 1);
  assert.match(found[0].message, /no \[unix_http_server\] or \[inet_http_server\]/);
});
