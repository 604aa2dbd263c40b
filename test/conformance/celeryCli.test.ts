// Celery command lines: our reading of them (celery/misplaced-option, celery/invalid-option-value, celery/unknown-pool,
// celery/unknown-option) against Celery's own click parser (Debian's python3-celery, Celery 5.2), on generated worker
// and beat command lines: Celery refuses a line ⟺ we report one of those Errors on it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { splitShellWords } from '../../server/src/analysis/shellWords';
import { analyzeDocument } from '../../server/src/lint';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { random } from '../hostile/mutations';

const HAS_CELERY = spawnSync('/usr/bin/python3', ['-c', 'import celery.bin.celery'], { stdio: 'ignore' }).status === 0;
const SKIP = HAS_CELERY ? false : "needs Debian's python3-celery (Celery's own parser): apt-get install python3-celery";

// Written out here rather than taken from our option tables, so that a table that is wrong shows. Only what Celery
// 5.2 already had: not --optimization, --disable-prefetch, --skip-checks or the custom pool (5.3 to 5.6). No gevent or
// eventlet pool either: Celery imports the pool's library while it reads -P.
const VALUES: Record<string, string[]> = {
  level: ['info', 'INFO', 'debug', 'Warning', 'critical', 'fatal', 'warn', 'trace', '10'],
  pool: ['prefork', 'threads', 'solo', 'processes', 'Threads', 'thread', 'PREFORK', 'fork'],
  int: ['4', '0', '-1', '08', '+2', '1_000', '\uff12', 'ten', '1.5', '512MB'],
  float: ['30', '1.5', '1e3', '-2', 'inf', '300s', 'ten'],
  O: ['fair', 'default', 'Fair', 'fast'],
  list: ['a,b', 'celery', 'a,,b'],
  text: ['x', '/tmp/w.pid', 'w1@%h'],
  autoscale: ['10,3', '3,10', '10', '10,3,1', 'ten', '10,', 'a,b'],
  // Values of the global options that Celery can use here (an application it can load, a directory that exists).
  app: ['proj', 'proj.celery:app'],
  url: ['redis://localhost:6379/0'],
  module: ['celeryconfig'],
  directory: ['/tmp'],
};
const GLOBAL: [string, string | undefined][] = [
  ['-A', 'app'],
  ['--app', 'app'],
  ['-b', 'url'],
  ['--broker', 'url'],
  ['--result-backend', 'url'],
  ['--config', 'module'],
  ['--workdir', 'directory'],
  ['-C', undefined],
  ['--no-color', undefined],
  ['-q', undefined],
];
const WORKER: [string, string | undefined][] = [
  ['-n', 'text'],
  ['--hostname', 'text'],
  ['-S', 'text'],
  ['-l', 'level'],
  ['--loglevel', 'level'],
  ['-O', 'O'],
  ['--prefetch-multiplier', 'int'],
  ['-c', 'int'],
  ['--concurrency', 'int'],
  ['-P', 'pool'],
  ['--pool', 'pool'],
  ['-E', undefined],
  ['--task-events', undefined],
  ['--events', undefined],
  ['--time-limit', 'float'],
  ['--soft-time-limit', 'float'],
  ['--max-tasks-per-child', 'int'],
  ['--max-memory-per-child', 'int'],
  ['--purge', undefined],
  ['-Q', 'list'],
  ['--queues', 'list'],
  ['-X', 'list'],
  ['-I', 'list'],
  ['--without-gossip', undefined],
  ['--without-mingle', undefined],
  ['--heartbeat-interval', 'int'],
  ['--autoscale', 'autoscale'],
  ['-B', undefined],
  ['-s', 'text'],
  ['--schedule', 'text'],
  ['--scheduler', 'text'],
  ['-f', 'text'],
  ['--logfile', 'text'],
  ['--pidfile', 'text'],
];
const BEAT: [string, string | undefined][] = [
  ['-s', 'text'],
  ['--schedule', 'text'],
  ['-S', 'text'],
  ['--scheduler', 'text'],
  ['--max-interval', 'int'],
  ['-l', 'level'],
  ['--loglevel', 'level'],
  ['-f', 'text'],
  ['--pidfile', 'text'],
];
const STRAY = [
  '--concurency 4',
  '--maxtasksperchild=10',
  '--maxmemperchild 1000',
  '--queue a',
  '--max-interval 5',
  '-Z',
  '-EZ',
  '--Pool solo',
  '--foo',
  '-l=info',
];

function commandLine(next: () => number): string[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const option = ([flag, kind]: [string, string | undefined], last = false): string[] => {
    if (kind === undefined) return [flag];
    if (last && next() < 0.05) return [flag]; // its value missing
    const value = pick(VALUES[kind]);
    if (flag.startsWith('--') && next() < 0.4) return [`${flag}=${value}`];
    if (!flag.startsWith('--') && next() < 0.3) return [flag + value];
    return [flag, value];
  };
  const subcommand = next() < 0.8 ? 'worker' : 'beat';
  const own = subcommand === 'worker' ? WORKER : BEAT;
  const words: string[] = [];
  for (let i = Math.floor(next() * 3); i > 0; i--) words.push(...option(pick(GLOBAL)));
  if (next() < 0.15) words.push(...option(pick(own))); // before the subcommand
  words.push(subcommand);
  const count = 1 + Math.floor(next() * 5);
  for (let i = 0; i < count; i++) {
    const roll = next();
    if (roll < 0.1)
      words.push(...option(pick(GLOBAL))); // after it
    else if (roll < 0.2 && subcommand === 'worker') words.push(`-${pick(['E', 'B', 'D'])}${pick(['E', 'B'])}P${pick(VALUES.pool)}`);
    else words.push(...option(pick(own), i === count - 1));
  }
  // Between whole options: just after the subcommand, or at the end.
  const stray = words.indexOf(subcommand) + 1;
  if (next() < 0.2) words.splice(next() < 0.5 ? stray : words.length, 0, ...pick(STRAY).split(' '));
  // No subcommand at all: the celery command then reads every option.
  if (next() < 0.06) words.splice(words.indexOf(subcommand), 1);
  return words;
}

const JUDGED = new Set(['celery/misplaced-option', 'celery/invalid-option-value', 'celery/unknown-pool', 'celery/unknown-option']);

test("Celery's own parser refuses a command line exactly when we report an Error on it", { skip: SKIP }, () => {
  const next = random(20261126);
  const lines = Array.from({ length: 1500 }, () => commandLine(next));
  const run = spawnSync('/usr/bin/python3', ['test/conformance/celery_cli.py'], { input: JSON.stringify(lines), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const verdicts = JSON.parse(run.stdout) as { accepted: boolean; message: string | null }[];

  // One program per command line; % is doubled for supervisord, which turns %% back into the % Celery gets.
  const config = lines.map((words, i) => `[program:p${i}]\ncommand=celery ${words.join(' ').replace(/%/g, '%%')}\nstopwaitsecs=600\n`);
  const analysis = analyzeDocument(config.join('\n'), undefined, DEFAULT_SETTINGS);
  const refusedByUs = new Set<number>();
  for (const d of analysis.diagnoses) if (d.severity === 'error' && JUDGED.has(d.rule)) refusedByUs.add(Math.floor(d.range.start.line / 4));

  const disagreements = lines.flatMap((words, i) => {
    assert.deepEqual(
      splitShellWords(words.join(' ')).words.map((w) => w.value),
      words,
      'a generated word holds no space',
    );
    const theirs = verdicts[i];
    return theirs.accepted === !refusedByUs.has(i)
      ? []
      : [`celery ${words.join(' ')}: Celery ${theirs.accepted ? 'accepts it' : `says ${theirs.message}`}`];
  });
  assert.deepEqual(disagreements, []);
  const refused = verdicts.filter((v) => !v.accepted).length;
  assert.ok(refused > 300 && refused < 1200, `${refused} of ${lines.length} refused: the lines should mix both`);
});
