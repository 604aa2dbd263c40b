// Unwrapping: the program a command line really runs, through exec, env, nice, gosu, uv run, python -m, sh -c '...',
// with every word's offsets in the config value (what fixes edit).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readScriptCommands, readScriptWord } from '../../server/src/analysis/shellScript';
import { readShlexWord, splitShellWords } from '../../server/src/analysis/shellWords';
import { unwrapCommand, type Service } from '../../server/src/analysis/unwrap';
import { parseConfig, valueRange } from '../../server/src/parser';

const unwrap = (text: string): Service => unwrapCommand(text, splitShellWords(text).words);
/** The service's words as values and as the raw config text their offsets cover. */
const values = (service: Service) => service.words.map((w) => w.value);
const raws = (text: string, service: Service) => service.words.map((w) => text.slice(w.start, w.end));

/** Asserts the service's values, that each word's offsets cover exactly its own text, and where the first one starts. */
function expectService(text: string, expected: string[], wrappers: string[], firstAt = text.lastIndexOf(expected[0])): Service {
  const service = unwrap(text);
  assert.deepEqual(values(service), expected, text);
  assert.deepEqual(raws(text, service), expected, text);
  assert.equal(service.words[0].start, firstAt, text);
  assert.deepEqual(service.wrappers, wrappers, text);
  return service;
}

describe('unwrapCommand', () => {
  test('the tool itself, by basename', () => {
    expectService('celery -A proj worker', ['celery', '-A', 'proj', 'worker'], []);
    expectService('/srv/venv/bin/celery -A proj worker', ['/srv/venv/bin/celery', '-A', 'proj', 'worker'], []);
    expectService('/srv/venv/bin/memmon -a 1GB', ['/srv/venv/bin/memmon', '-a', '1GB'], []);
  });

  test('bash -c: set-up before the service, exec recorded, offsets inside the quotes', () => {
    const text = 'bash -c "source venv/bin/activate && exec celery -A proj worker -P gevent"';
    const service = expectService(text, ['celery', '-A', 'proj', 'worker', '-P', 'gevent'], ['bash -c', 'exec'], 42);
    assert.deepEqual(service.shell, { shell: 'bash', execWritten: true, shellExecs: 'yes', insertExecAt: undefined });
    assert.deepEqual(
      service.words.map((w) => [w.verbatim, w.embedded]),
      Array(6).fill([true, 'quoted']),
    );
  });

  test("sh -c '...' with cd, and without exec: where `exec ` would go", () => {
    expectService("sh -c 'cd /srv/app && exec celery -A proj worker'", ['celery', '-A', 'proj', 'worker'], ['sh -c', 'exec']);
    const text = "sh -c 'cd /srv/app && celery -A proj worker'";
    const service = expectService(text, ['celery', '-A', 'proj', 'worker'], ['sh -c']);
    assert.deepEqual(service.shell, { shell: 'sh', execWritten: false, shellExecs: 'no', insertExecAt: text.indexOf('celery') });
    // After the NAME=VALUE prefix, which exec would otherwise take for the program.
    const prefixed = "/bin/sh -c 'umask 002; C_FORCE_ROOT=1 celery worker'";
    assert.equal(unwrap(prefixed).shell?.insertExecAt, prefixed.indexOf('celery'));
    // Unquoted, `exec ` would split off as a word of the command line.
    assert.deepEqual(unwrap('sh -c celery\\ worker').shell, { shell: 'sh', execWritten: false, shellExecs: 'no', insertExecAt: undefined });
  });

  test('agent and instrumentation wrappers', () => {
    expectService('newrelic-admin run-program celery -A proj worker', ['celery', '-A', 'proj', 'worker'], ['newrelic-admin run-program']);
    expectService('ddtrace-run celery -A proj worker', ['celery', '-A', 'proj', 'worker'], ['ddtrace-run']);
    expectService(
      'opentelemetry-instrument --traces_exporter console --service_name=w celery -A proj worker',
      ['celery', '-A', 'proj', 'worker'],
      ['opentelemetry-instrument'],
    );
  });

  test('project runners and their options', () => {
    expectService('uv run --with x --frozen celery -A proj worker', ['celery', '-A', 'proj', 'worker'], ['uv run']);
    expectService(
      'uv run --python 3.12 -p 3.12 --env-file .env --extra a --group g --package p --index i --project . --directory /srv -q -v --no-sync --no-dev --active --isolated --locked celery worker',
      ['celery', 'worker'],
      ['uv run'],
    );
    expectService('uv --directory /srv run --with=x -- celery worker', ['celery', 'worker'], ['uv run']);
    expectService('uv run -m celery worker', ['celery', 'worker'], ['uv run -m']);
    expectService('poetry run celery -A proj worker', ['celery', '-A', 'proj', 'worker'], ['poetry run']);
    expectService('pipenv run celery -A proj worker', ['celery', '-A', 'proj', 'worker'], ['pipenv run']);
    expectService('pdm run celery -A proj worker', ['celery', '-A', 'proj', 'worker'], ['pdm run']);
    expectService('hatch run celery -A proj worker', ['celery', '-A', 'proj', 'worker'], ['hatch run']);
    // `env:command`: the command starts after the colon.
    expectService('hatch run prod:celery worker', ['celery', 'worker'], ['hatch run'], 15);
    assert.deepEqual(unwrap('uv pip install celery').wrappers, []);
  });

  test('env, with options, assignments and /usr/bin/env', () => {
    const cleared = expectService('env -i PATH=/usr/bin celery -A proj worker', ['celery', '-A', 'proj', 'worker'], ['env']);
    assert.deepEqual([...cleared.environment], [['PATH', '/usr/bin']]);
    const options = expectService('/usr/bin/env -u HOME --unset=LANG -C /srv -0 A=1 B=x=y celery worker', ['celery', 'worker'], ['env']);
    assert.deepEqual(
      [...options.environment],
      [
        ['A', '1'],
        ['B', 'x=y'],
      ],
    );
    assert.deepEqual(unwrap('env -S "celery worker"').wrappers, []);
  });

  test('python: interpreter flags, -m, -mcelery, a script path', () => {
    expectService('python3 -u -m celery -A proj worker', ['celery', '-A', 'proj', 'worker'], ['python3 -m']);
    expectService('python3 -u -m superlance.memmon -p x=1MB', ['superlance.memmon', '-p', 'x=1MB'], ['python3 -m']);
    expectService('/usr/bin/python3.11 -X dev -W ignore -OO -B -E -s -S -I -b -q -mcelery worker', ['celery', 'worker'], ['python3.11 -m']);
    expectService('python -um celery worker', ['celery', 'worker'], ['python -m']);
    expectService('python /srv/venv/bin/celery -A proj worker', ['/srv/venv/bin/celery', '-A', 'proj', 'worker'], ['python']);
    // A quoted -mcelery: the part stands for the whole word.
    const quoted = unwrap('python "-mcelery" worker');
    assert.deepEqual(
      [quoted.words[0].value, quoted.words[0].start, quoted.words[0].end, quoted.words[0].verbatim],
      ['celery', 7, 17, false],
    );
    for (const other of [
      'python manage.py celery worker',
      'python -m pip worker',
      "python -c 'import celery' celery worker",
      'python3 -m',
    ]) {
      assert.deepEqual(unwrap(other).wrappers, [], other);
      assert.equal(unwrap(other).words[0].value, other.split(' ')[0], other);
    }
  });

  test('privilege, priority and user switchers', () => {
    expectService('nice -n 5 celery worker', ['celery', 'worker'], ['nice']);
    expectService('nice -10 celery worker', ['celery', 'worker'], ['nice']);
    expectService('ionice -c 2 -n 7 -t celery worker', ['celery', 'worker'], ['ionice']);
    assert.deepEqual(unwrap('ionice -c 3 -p 42').wrappers, []);
    expectService(
      'chpst -u app:app -U app -e /env -/ /chroot -n 5 -l /lock -m 100000 -d 1 -o 1024 -p 64 -f 1 -c 0 -r 1 -t 60 -vP012 celery worker',
      ['celery', 'worker'],
      ['chpst'],
    );
    expectService(
      'setpriv --reuid app --regid app --init-groups --clear-groups --inh-caps -all --no-new-privs celery worker',
      ['celery', 'worker'],
      ['setpriv'],
    );
    expectService('gosu app celery worker', ['celery', 'worker'], ['gosu']);
    expectService('su-exec app:app celery worker', ['celery', 'worker'], ['su-exec']);
    expectService("sh -c 'exec -a w celery worker'", ['celery', 'worker'], ['sh -c', 'exec']);
  });

  test('memmon inside sh -c', () => {
    expectService('sh -c "exec memmon -p worker=512MB -g web=1GB"', ['memmon', '-p', 'worker=512MB', '-g', 'web=1GB'], ['sh -c', 'exec']);
  });

  test('nested: env, nice, bash -lc, exec, uv run', () => {
    const text = 'env A=1 nice -n 5 bash -lc "exec uv run celery -A proj worker"';
    const service = expectService(text, ['celery', '-A', 'proj', 'worker'], ['env', 'nice', 'bash -c', 'exec', 'uv run']);
    assert.deepEqual([...service.environment], [['A', '1']]);
    // A shell inside a shell: offsets through both levels of quoting.
    const nested = `bash -c "cd /tmp && sh -c 'celery worker -l info'"`;
    const inner = expectService(nested, ['celery', 'worker', '-l', 'info'], ['bash -c', 'sh -c']);
    assert.deepEqual(inner.shell, { shell: 'sh', execWritten: false, shellExecs: 'no', insertExecAt: nested.indexOf('celery') });
  });

  test('lists, pipelines, redirections and comments: the last simple command is the service', () => {
    expectService("sh -c 'test -d /srv || exit 1; exec celery worker >> /var/log/w.log 2>&1'", ['celery', 'worker'], ['sh -c', 'exec']);
    expectService("sh -c 'celery worker | tee /tmp/log'", ['tee', '/tmp/log'], ['sh -c']);
    expectService("sh -c 'celery worker & wait'", ['wait'], ['sh -c']);
    expectService("sh -c 'set -e;ulimit -n 4096;umask 022;exec celery worker;'", ['celery', 'worker'], ['sh -c', 'exec']);
    expectService("sh -c 'cd /tmp;#exec other\nexec celery worker #trailing'", ['celery', 'worker'], ['sh -c', 'exec']);
    // Beyond a list of simple commands: not seen through.
    for (const script of [
      "sh -c 'if true; then celery worker; fi'",
      "sh -c '(cd /tmp && celery worker)'",
      "sh -c 'cat <<EOF'",
      "sh -c 'exec celery \"worker'",
      'bash -x script.sh',
    ]) {
      assert.deepEqual(unwrap(script).wrappers, [], script);
    }
  });

  test('quotes and escapes inside the script keep their offsets', () => {
    const text = `bash -c "exec celery \\"worker\\" -l 'info' -n w\\\\1"`;
    const service = unwrap(text);
    assert.deepEqual(values(service), ['celery', 'worker', '-l', 'info', '-n', 'w1']);
    assert.deepEqual(raws(text, service), ['celery', '\\"worker\\"', '-l', "'info'", '-n', 'w\\\\1']);
    assert.deepEqual(
      service.words.map((w) => w.verbatim),
      [true, false, true, false, true, false],
    );
    assert.ok(service.words.every((w) => w.embedded === 'quoted'));
    // A word that straddles the quoting of the command line cannot be edited in place.
    const straddling = unwrap('sh -c "exec celery worker --max="1000');
    assert.deepEqual([straddling.words[2].value, straddling.words[2].embedded], ['--max=1000', 'unquoted']);
  });

  test('script with ;, || and newlines in a value continued over several lines', () => {
    const config = [
      '[program:w]',
      'command=bash -c "cd /srv/app || exit 1;',
      '    export REMAP_SIGTERM=SIGQUIT',
      '    exec celery -A proj worker \\',
      '      -P gevent"',
    ].join('\n');
    const entry = parseConfig(config).sections[0].entries[0];
    const service = unwrap(entry.value);
    assert.deepEqual(values(service), ['celery', '-A', 'proj', 'worker', '-P', 'gevent']);
    assert.deepEqual(raws(entry.value, service), values(service));
    assert.deepEqual(service.wrappers, ['bash -c', 'exec']);
    assert.deepEqual([...service.environment], [['REMAP_SIGTERM', 'SIGQUIT']]);
    assert.deepEqual(valueRange(entry, service.words[4].start, service.words[5].end), {
      start: { line: 4, character: 6 },
      end: { line: 4, character: 15 },
    });
    assert.deepEqual(valueRange(entry, service.words[0].start, service.words[0].end), {
      start: { line: 3, character: 9 },
      end: { line: 3, character: 15 },
    });
  });

  test('environment: env, export, NAME=VALUE before the command, unset', () => {
    const env = (text: string) => [...unwrap(text).environment];
    assert.deepEqual(env('env REMAP_SIGTERM=SIGQUIT celery worker'), [['REMAP_SIGTERM', 'SIGQUIT']]);
    assert.deepEqual(env("sh -c 'export REMAP_SIGTERM=SIGQUIT C_FORCE_ROOT=1; exec celery worker'"), [
      ['REMAP_SIGTERM', 'SIGQUIT'],
      ['C_FORCE_ROOT', '1'],
    ]);
    assert.deepEqual(env("sh -c 'REMAP_SIGTERM=SIGQUIT exec celery worker'"), [['REMAP_SIGTERM', 'SIGQUIT']]);
    assert.deepEqual(env("sh -c 'X=1 celery worker'"), [['X', '1']]);
    // A plain shell variable only reaches the environment once exported.
    assert.deepEqual(env("sh -c 'A=1; B=2; export A; exec celery worker'"), [['A', '1']]);
    assert.deepEqual(env("env A=1 B=2 sh -c 'unset A; exec celery worker'"), [['B', '2']]);
    assert.deepEqual(env('env -i A=1 env -u A B=2 celery worker'), [['B', '2']]);
  });

  test('an unknown program stops the unwrapping: the command is what it is', () => {
    expectService('gunicorn app:wsgi -w 4', ['gunicorn', 'app:wsgi', '-w', '4'], []);
    expectService('nice -n 5 gunicorn app', ['gunicorn', 'app'], ['nice']);
    expectService("sh -c 'exec gunicorn app'", ['gunicorn', 'app'], ['sh -c', 'exec']);
    // A wrapper with nothing to run is the command itself.
    expectService('nice -n 5', ['nice', '-n', '5'], []);
    assert.deepEqual(unwrap('').words, []);
  });
});

describe('reading scripts like a POSIX shell', () => {
  test('traced words map every value character to the raw text it came from', () => {
    const pieces = [
      'a',
      'bc',
      ' ',
      '\t',
      '\n',
      '"',
      "'",
      '\\',
      '\\"',
      '\\\n',
      '"x y"',
      "'p q'",
      '$(a b)',
      '${x}',
      '`c`',
      '#',
      ';',
      '=',
      'é',
    ];
    let seed = 11;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: 1 + random(10) }, () => pieces[random(pieces.length)]).join('');
      for (const word of splitShellWords(text).words) {
        let rebuilt = '';
        readShlexWord(text, word.start, (_from, to) => (rebuilt += text[to - 1]));
        assert.equal(rebuilt, word.value, JSON.stringify(text));
      }
      for (let start = 0; start < text.length; start++) {
        const word = readScriptWord(text, start);
        if (!word) continue;
        let rebuilt = '';
        readScriptWord(text, start, (_from, to) => (rebuilt += text[to - 1]));
        assert.equal(rebuilt, word.value, JSON.stringify(text.slice(start)));
      }
    }
  });

  test('the service found agrees with what bash and dash really run', () => {
    // A fake celery on PATH prints its arguments and REMAP_SIGTERM, one per line.
    const bin = mkdtempSync(join(tmpdir(), 'unwrap-'));
    writeFileSync(join(bin, 'celery'), '#!/bin/sh\nprintf "%s\\n" "$@" "REMAP=$REMAP_SIGTERM"\n');
    chmodSync(join(bin, 'celery'), 0o755);
    const scripts = [
      'cd /tmp && exec celery -A proj worker -P gevent',
      'cd /tmp || exit 1; export REMAP_SIGTERM=SIGQUIT\nexec celery -A proj worker \\\n  -l info',
      'true; REMAP_SIGTERM=SIGQUIT celery "a b" \'c  d\' e\\ f "g\\"h" \'\'',
      'export REMAP_SIGTERM=x; unset REMAP_SIGTERM; exec celery worker 2>/dev/null',
      'A=1; export A; exec celery worker -n w@%h --loglevel=INFO # comment',
      'umask 022\nset -e;exec celery -Q "$HOME"x worker',
      'exec celery a"b"c d\\\ne',
    ];
    for (const shell of ['/bin/bash', '/bin/dash']) {
      for (const script of scripts) {
        const run = spawnSync(shell, ['-c', script], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, HOME: '/h' } });
        assert.equal(run.status, 0, run.stderr);
        const printed = run.stdout.split('\n').slice(0, -1);
        const text = `sh -c '${script.replaceAll("'", "'\\''")}'`;
        const service = unwrap(text);
        // Expansions stay as written: the fake prints them expanded, so compare through the same expansion.
        const expanded = values(service)
          .slice(1)
          .map((v) => v.replace('$HOME', '/h'));
        assert.deepEqual([...expanded, `REMAP=${service.environment.get('REMAP_SIGTERM') ?? ''}`], printed, `${shell}: ${script}`);
      }
    }
  });

  test('simple commands with their assignments, redirections left out', () => {
    const commands = readScriptCommands('A=1 B="x y" run a >out 2>&1 b; c <in && d | e &\nf')!;
    assert.deepEqual(
      commands.map((c) => [c.assignments.map((a) => `${a.name}=${a.value}`), c.words.map((w) => w.value)]),
      [
        [
          ['A=1', 'B=x y'],
          ['run', 'a', 'b'],
        ],
        [[], ['c']],
        [[], ['d']],
        [[], ['e']],
        [[], ['f']],
      ],
    );
  });
});
