import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { readValues, unknownKeys } from '../../server/src/analysis/sectionValues';

const CONFIG = [
  '[DEFAULT]',
  'startsecs=5',
  '[supervisord]',
  'logfile=/var/log/supervisord.log',
  '[group:empty]',
  '[program:worker]',
  'command=/srv/app/bin/celery worker -n w%(process_num)d@%%h',
  'stopsignal=TERM',
  'numprocs=2',
  'stopwaitsecs=%(ENV_WAIT)s',
  'celery_app=proj',
  '[program:off]',
  'command=/bin/true',
  'numprocs=0',
  'stdout_logfile=/var/log/%(program_name)s.log',
  'stopsignal=KILL',
  '',
].join('\n');

test('values are read in columns, section by section in schema order, [DEFAULT] filling in', () => {
  const read = readValues(analyzeText(CONFIG, '/etc/supervisor/supervisord.conf'));
  const rows = read.entries.map((entry, i) => [read.sectionOf(i).name, read.keys[i].name, entry.value, read.values[i]]);
  assert.deepEqual(rows, [
    ['supervisord', 'logfile', '/var/log/supervisord.log', '/var/log/supervisord.log'],
    ['program:worker', 'command', '/srv/app/bin/celery worker -n w%(process_num)d@%%h', '/srv/app/bin/celery worker -n w0@%h'],
    ['program:worker', 'numprocs', '2', '2'],
    ['program:worker', 'startsecs', '5', '5'],
    ['program:worker', 'stopsignal', 'TERM', 'TERM'],
    ['program:worker', 'stopwaitsecs', '%(ENV_WAIT)s', undefined],
    // numprocs=0: keys read once per process (stdout_logfile, command) are never read.
    ['program:off', 'numprocs', '0', '0'],
    ['program:off', 'startsecs', '5', '5'],
    ['program:off', 'stopsignal', 'KILL', 'KILL'],
  ]);
  // The columns are made at the most values the sections could give (here 13) and cut to those read.
  assert.deepEqual([read.keys.length, read.values.length], [rows.length, rows.length]);
  // Only values with a `%` of a key the loader expands have an expansion; the text of one that expands is its value.
  assert.deepEqual(read.expanded, [1, 5]);
  assert.deepEqual(read.expansions, [{ kind: 'value' }, { kind: 'server-dependent' }]);
});

test('unknown keys are found while values are read', () => {
  const found = unknownKeys(analyzeText(CONFIG, '/etc/supervisor/supervisord.conf'));
  assert.deepEqual(
    found.map(({ section, entry }) => [section.name, entry.key]),
    [['program:worker', 'celery_app']],
  );
});

test("process_num starts at numprocs_start, the section's own or [DEFAULT]'s", () => {
  const config = [
    '[DEFAULT]',
    'numprocs_start=3',
    '[program:inherits]',
    'command=/srv/app/bin/run %(process_num)d',
    '[program:own]',
    'command=/srv/app/bin/run %(process_num)d',
    'numprocs_start=10',
    '[supervisord]',
    'logfile=/var/log/%(program_name)s.log',
    '',
  ].join('\n');
  const read = readValues(analyzeText(config, '/etc/supervisor/supervisord.conf'));
  const commands = read.entries.flatMap((entry, i) => (entry.key === 'command' ? [read.values[i]] : []));
  assert.deepEqual(commands, ['/srv/app/bin/run 3', '/srv/app/bin/run 10']);
  // Outside a program no program names are known: the value cannot be expanded.
  const logfile = read.entries.findIndex((entry) => entry.key === 'logfile');
  assert.equal(read.expansions[read.expanded.indexOf(logfile)].kind, 'bad-name');
});

test('sections writing their keys in other orders, and unknown keys where known ones stood, are read alike', () => {
  const config = [
    '[program:a]',
    'command=/bin/a',
    'numprocs=2',
    'priority=5',
    '[program:b]',
    'numprocs=3',
    'prority=6',
    'command=/bin/b',
    '[program:c]',
    'command=/bin/c',
    'numprocs=4',
    'priority=7',
    '',
  ].join('\n');
  const model = analyzeText(config, '/etc/supervisor/conf.d/a.conf');
  const read = readValues(model);
  assert.deepEqual(
    read.values.map((value, i) => `${read.sectionOf(i).name} ${read.keys[i].name}=${value}`),
    [
      'program:a command=/bin/a',
      'program:a numprocs=2',
      'program:a priority=5',
      'program:b command=/bin/b',
      'program:b numprocs=3',
      'program:c command=/bin/c',
      'program:c numprocs=4',
      'program:c priority=7',
    ],
  );
  assert.deepEqual(
    unknownKeys(model).map(({ section, entry }) => `${section.name} ${entry.key}`),
    ['program:b prority'],
  );
});

test('process_name is read as written, and expanded only when the program has processes', () => {
  const config = [
    '[program:on]',
    'command=/bin/on',
    'numprocs=1',
    'process_name=%(program_name)s_%(process_num)s',
    '[program:off]',
    'command=/bin/off',
    'numprocs=0',
    'process_name=%(program_name)s_%(foo)s_%',
    '',
  ].join('\n');
  const read = readValues(analyzeText(config, '/etc/supervisor/conf.d/a.conf'));
  const names = read.entries.flatMap((entry, i) => (entry.key === 'process_name' ? [[read.sectionOf(i).name, read.values[i]]] : []));
  // The loader checks it as written, then expands it once per process: with numprocs=0 never, so neither the unknown
  // name nor the bare % fails.
  assert.deepEqual(names, [
    ['program:on', '%(program_name)s_%(process_num)s'],
    ['program:off', '%(program_name)s_%(foo)s_%'],
  ]);
  // With [include] the text it checks already has %(here)s written out.
  const included = readValues(analyzeText('[program:web]\ncommand=/bin/cat\nprocess_name=%(here)s-web\n', '/etc/supervisor/conf.d/a.conf'));
  assert.deepEqual(included.values, ['/bin/cat', '/etc/supervisor/conf.d-web']);
  assert.deepEqual(
    read.expanded.map((i) => read.sectionOf(i).name),
    ['program:on'],
  );
});

test("a plugin section's unlisted keys, its own and [DEFAULT]'s, are read and expanded for its factory", () => {
  const config = [
    '[DEFAULT]',
    'stdout_logfile=/var/log/%(program_name)s.log',
    'retries=3',
    '[rpcinterface:cache]',
    'supervisor.rpcinterface_factory = supervisor_cache.rpcinterface:make_cache_rpcinterface',
    'retries=5',
    'cache_dir=%(ENV_HOME)s/cache',
    'password=s3cr%%t',
    '[program:web]',
    'command=/bin/web',
    'retries=7',
    '',
  ].join('\n');
  const model = analyzeText(config, '/etc/supervisor/supervisord.conf');
  const read = readValues(model);
  const plugin = read.entries.flatMap((entry, i) =>
    read.sectionOf(i).name === 'rpcinterface:cache' ? [[read.keys[i].name, entry.value, read.values[i]]] : [],
  );
  assert.deepEqual(plugin, [
    [
      'supervisor.rpcinterface_factory',
      'supervisor_cache.rpcinterface:make_cache_rpcinterface',
      'supervisor_cache.rpcinterface:make_cache_rpcinterface',
    ],
    // [DEFAULT]'s keys come first; the section's own retries replaces [DEFAULT]'s.
    ['stdout_logfile', '/var/log/%(program_name)s.log', undefined],
    ['retries', '5', '5'],
    ['cache_dir', '%(ENV_HOME)s/cache', undefined],
    ['password', 's3cr%%t', 's3cr%t'],
  ]);
  // Only ENV_X names expand there: program_name is a bad name, HOME depends on the server.
  const kinds = read.expanded
    .filter((i) => read.sectionOf(i).name === 'rpcinterface:cache')
    .map((i) => read.expansions[read.expanded.indexOf(i)].kind);
  assert.deepEqual(kinds, ['bad-name', 'server-dependent', 'value']);
  // A program's unlisted key is unknown, and [DEFAULT]'s unlisted keys are not read for it.
  assert.deepEqual(
    unknownKeys(model).map(({ section, entry }) => `${section.name} ${entry.key}`),
    ['program:web retries'],
  );
  assert.ok(!read.entries.some((entry, i) => read.sectionOf(i).name === 'program:web' && entry.key === 'retries'));
});

test("[supervisord]'s environment= sets the ENV_X of the sections supervisord reads after it", () => {
  const config = [
    '[supervisord]',
    'environment=START="false",LOGS="/var/log/app"',
    'logfile=%(ENV_LOGS)s/supervisord.log',
    '[program:web]',
    'command=/bin/cat',
    'autostart=%(ENV_START)s',
    'stdout_logfile=%(ENV_LOGS)s/%(program_name)s.log',
    'stopsignal=%(ENV_SIGNAL)s',
    '[supervisorctl]',
    'serverurl=unix://%(ENV_LOGS)s/s.sock',
    '',
  ].join('\n');
  const read = readValues(analyzeText(config, '/etc/supervisor/supervisord.conf'));
  const values = read.entries.map((entry, i) => `${read.sectionOf(i).name} ${entry.key}=${read.values[i]}`);
  assert.deepEqual(values, [
    // Read before its own environment=, [supervisord]'s keys get the server's variables only; so does supervisorctl.
    'supervisord logfile=undefined',
    'supervisord environment=START="false",LOGS="/var/log/app"',
    'program:web command=/bin/cat',
    'program:web autostart=false',
    'program:web stopsignal=undefined',
    'program:web stdout_logfile=/var/log/app/web.log',
    'supervisorctl serverurl=undefined',
  ]);
  // A fragment has no [supervisord]: its ENV_X stay the server's.
  const fragment = readValues(analyzeText('[program:web]\ncommand=/bin/cat\nautostart=%(ENV_START)s\n', '/etc/supervisor/conf.d/web.conf'));
  assert.deepEqual(fragment.values, ['/bin/cat', undefined]);
});

test("%(here)s reads as the file's directory when its path is known and plain, else depends on the server", () => {
  const config = '[supervisord]\nlogfile=%(here)s/supervisord.log\n[program:web]\ncommand=/bin/cat\nautorestart=%(here)s\n';
  const valuesAt = (path?: string) => readValues(analyzeText(config, path)).values;
  assert.deepEqual(valuesAt('/etc/supervisor/supervisord.conf'), ['/etc/supervisor/supervisord.log', '/bin/cat', '/etc/supervisor']);
  assert.deepEqual(valuesAt('/supervisord.conf'), ['//supervisord.log', '/bin/cat', '/']);
  // Unknown, relative, or a directory whose characters could change how a value reads: not judged.
  for (const path of [undefined, 'conf/supervisord.conf', '/srv/my app/supervisord.conf', '/srv/100%/supervisord.conf'])
    assert.deepEqual(valuesAt(path), [undefined, '/bin/cat', undefined], String(path));
});

test('with [include], each %(here)s is written out before expansion: %%(here)s fails there, on the text as written', () => {
  const include = '\n[include]\nfiles=conf.d/*.conf\n';
  const expansionOf = (value: string, known = true) => {
    const read = readValues(
      analyzeText(`[supervisord]\npidfile=${value}${include}`, known ? '/etc/supervisor/supervisord.conf' : undefined),
    );
    return { value: read.values[0], expansion: read.expansions[0] };
  };
  assert.deepEqual(expansionOf('%(here)s/a.pid'), { value: '/etc/supervisor/a.pid', expansion: { kind: 'value' } });
  assert.deepEqual(expansionOf('%%%(here)s'), { value: '%/etc/supervisor', expansion: { kind: 'value' } });
  const escaped = expansionOf('x%%(here)s/%(ENV_HOME)s').expansion;
  assert.equal(escaped.kind, 'bad-format');
  // The spec `%/` is the % left before the written-out directory: on the text as written, all of `%%(here)s`.
  assert.deepEqual(escaped.kind === 'bad-format' && [escaped.start, escaped.end, /write %\(here\)s/.test(escaped.advice ?? '')], [
    1,
    10,
    true,
  ]);
  // An unknown directory fails the same way (every directory is an absolute path); a good value stays unknown.
  assert.equal(expansionOf('%%(here)s', false).expansion.kind, 'bad-format');
  assert.deepEqual(expansionOf('%(here)s/a.pid', false), { value: undefined, expansion: { kind: 'server-dependent' } });
  // Without [include] %%(here)s is a literal.
  const literal = readValues(analyzeText('[supervisord]\npidfile=%%(here)s\n', '/etc/supervisor/supervisord.conf'));
  assert.deepEqual(literal.values, ['%(here)s']);
});

test("a program's own environment= gives ENV_X to the keys read for each process, after it", () => {
  const config = (environment: string) =>
    [
      '[supervisord]',
      'environment=SIZE="lots",DIR="/srv"',
      '[program:web]',
      'command=/bin/cat %(ENV_DIR)s',
      `environment=${environment}`,
      'stdout_logfile_maxbytes=%(ENV_SIZE)s',
      'priority=%(ENV_SIZE)s',
      '',
    ].join('\n');
  const valuesOf = (environment: string) => {
    const read = readValues(analyzeText(config(environment), '/etc/supervisor/supervisord.conf'));
    return Object.fromEntries(read.entries.map((entry, i) => [entry.key, read.values[i]]).filter(([key]) => key !== 'environment'));
  };
  // priority is read before the processes: [supervisord]'s SIZE. The environment= itself does not see its own pairs.
  assert.deepEqual(valuesOf('SIZE="50MB",DIR="%(ENV_DIR)s/web"'), {
    command: '/bin/cat /srv/web',
    stdout_logfile_maxbytes: '50MB',
    priority: 'lots',
  });
  // An environment= the analysis cannot read leaves every ENV_X of those keys to the server.
  assert.deepEqual(valuesOf('SIZE="%(ENV_OTHER)s"'), { command: undefined, stdout_logfile_maxbytes: undefined, priority: 'lots' });
  assert.deepEqual(valuesOf('SIZE'), { command: undefined, stdout_logfile_maxbytes: undefined, priority: 'lots' });
});
