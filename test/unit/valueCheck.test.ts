// Differential test: our value checks against supervisord 4.2.5's own converters (supervisor.datatypes), on
// hand-picked tricky values and on random ones built from the characters that matter.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { parseEnvironmentPairs } from '../../server/src/analysis/environmentPairs';
import { checkValue } from '../../server/src/analysis/valueCheck';
import type { ValueType } from '../../server/src/schema';

const CASES: Partial<Record<ValueType, string[]>> = {
  boolean: ['true', 'TRUE', 'Yes', 'on', '1', '0', 'off', 'No', 'false', 'maybe', 'true;x', '', 'truee', 't', 'yes please', '01'],
  integer: ['1', '-1', '+3', ' 4', '1_000', '1__0', '_1', '1.5', '', 'two', '0x10', '١٢', '007', '10s'],
  'byte-size': [
    '50MB',
    '50mb',
    '50Mb',
    '1GB',
    '10KB',
    '0',
    '1024',
    '1.5GB',
    '50M',
    '10 KB',
    ' 10MB',
    'MB',
    '-5MB',
    '5TB',
    '5kB',
    '1_0MB',
    'kb',
  ],
  octal: ['022', '0o22', '0O22', '777', '8', '0x22', '', 'rw', '-7', '0_22', '0o', '2 '],
  signal: [
    'TERM',
    'term',
    'SIGTERM',
    'sigterm',
    ' HUP ',
    'KILL',
    'USR1',
    '9',
    '15',
    '0',
    '32',
    '33',
    '34',
    '64',
    '65',
    '-1',
    'TERMINATE',
    'SIG',
    'RTMIN',
    '_DFL',
    'SIGCLD',
    'IOT',
    '',
  ],
  'log-level': ['info', 'INFO', 'warn', 'warning', 'debug', 'trace', 'blather', 'critical', 'error', 'verbose', '', 'Info '],
  autorestart: ['true', 'false', 'unexpected', 'UNEXPECTED', 'always', 'yes', '0', 'unexpectedly', ''],
  'exit-codes': ['0', '0,2', '0, 2', '0,,2', '256', '255', '-1', '0 2', '', '0,', ',', '1_0', 'a'],
  environment: [
    'A=1',
    'A=1,B=2',
    'A=1 B=2',
    'A="x y",B=2',
    "A='x,y'",
    'A=',
    'A="x',
    'A=a*b',
    'A=1;B=2',
    'PATH=/usr/bin:/bin',
    'A=$HOME',
    'A=1,',
    '',
    'A = 1',
    'A=1 # c',
    'A=x#y,B=2',
    'A="a"b',
    'KEY="va lue"',
    'A=1,,B=2',
    'é=1',
    'A=(x)',
    'A=-1.5+2',
    'A="1"\nB=2',
  ],
  port: [
    '9001',
    '*:9001',
    '127.0.0.1:9001',
    'localhost:9001',
    ':9001',
    '127.0.0.1:',
    '99999',
    '0',
    'abc',
    '[::1]:9001',
    '65535',
    '65536',
    ' 9001',
  ],
  'event-names': [
    'TICK_60',
    'tick_60',
    'TICK_60,PROCESS_STATE',
    'TICK_60, PROCESS_STATE_EXITED',
    'TICK_61',
    'TICK_60,',
    '',
    'EVENT',
    'tick',
  ],
  'fcgi-socket': [
    'unix:///tmp/a.sock',
    'unix://tmp/a.sock',
    'tcp://localhost:9000',
    'tcp://localhost',
    'tcp://:9000',
    'tcp://a b:1',
    'http://x:1',
    'tcp://h:90a',
    '',
  ],
  'socket-backlog': ['1', '0', '65535', '65536', 'x', '-1', '128'],
  'import-spec': ['supervisor.rpcinterface:make_main_rpcinterface', 'a.b', 'a:b', 'a b', 'a:b c', 'a:', ':b', 'a:b [x]', 'a-b:c', ''],
  'process-name': ['web', 'my app', 'a:b', 'a/b', ' web ', '%(program_name)s_%(process_num)02d', ''],
};

function randomValues(alphabet: string, count: number, seed: number): string[] {
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  return Array.from({ length: count }, () => Array.from({ length: 1 + random(9) }, () => alphabet[random(alphabet.length)]).join(''));
}

const RANDOM: Partial<Record<ValueType, string>> = {
  'byte-size': '0159kKmMgGbB _-.',
  octal: '01789oOx_ -',
  'exit-codes': '0125, -',
  environment: 'AB=,"\' #;x-:\n',
  port: '019:*. a',
  signal: 'SIGTERMHUP19 ',
};

function python(cases: [string, string][]): unknown[] {
  const run = spawnSync('/usr/bin/python3', ['test/tools/value_verdicts.py'], { input: JSON.stringify(cases), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test('value checks agree with supervisord on every case', () => {
  const cases: [ValueType, string][] = [];
  for (const [type, values] of Object.entries(CASES)) for (const value of values) cases.push([type as ValueType, value]);
  for (const [type, alphabet] of Object.entries(RANDOM))
    for (const value of randomValues(alphabet, 300, type.length)) cases.push([type as ValueType, value]);
  const verdicts = python(cases);
  const disagreements = cases.flatMap(([type, value], i) => {
    const ours = checkValue(type, value) === undefined;
    return ours === (verdicts[i] !== false)
      ? []
      : [`${type} ${JSON.stringify(value)}: loader ${verdicts[i] !== false ? 'accepts' : 'refuses'}, we ${ours ? 'accept' : 'refuse'}`];
  });
  assert.deepEqual(disagreements, []);
  assert.ok(cases.length > 1800);
});

test('environment pairs are read exactly as the loader reads them', () => {
  const values = [...CASES.environment!, ...randomValues(RANDOM.environment!, 400, 7)];
  const verdicts = python(values.map((v) => ['environment', v]));
  values.forEach((value, i) => {
    const ours = parseEnvironmentPairs(value);
    const expected = verdicts[i];
    if (expected === false) assert.equal(ours.ok, false, JSON.stringify(value));
    else {
      assert.ok(ours.ok, JSON.stringify(value));
      const pairs = new Map(ours.pairs.map((p) => [p.key, p.value]));
      assert.deepEqual([...pairs].sort(), expected, JSON.stringify(value));
    }
  });
});

test("a refused value names the problem in the loader's words", () => {
  assert.match(checkValue('boolean', 'maybe')!.message, /not a valid boolean value: 'maybe'/);
  assert.match(checkValue('log-level', 'warning')!.message, /bad logging level name 'warning'/);
  assert.match(checkValue('event-names', 'TICK_60,TICK_61')!.message, /Unknown event type TICK_61/);
  assert.deepEqual([checkValue('exit-codes', '0,256')!.start, checkValue('exit-codes', '0,256')!.end], [2, 5]);
});

test('a value accepted for one type is judged afresh for another, and a refused one every time', () => {
  assert.equal(checkValue('integer', '600'), undefined);
  assert.equal(checkValue('integer', '600'), undefined);
  assert.match(checkValue('boolean', '600')?.message ?? '', /not a valid boolean value: '600'/);
  assert.match(checkValue('boolean', '600')?.message ?? '', /not a valid boolean value: '600'/);
  assert.equal(checkValue('boolean', 'true'), undefined);
  assert.match(checkValue('integer', 'true')?.message ?? '', /'true' is not an integer/);
  assert.equal(checkValue('integer', '600'), undefined);
});
