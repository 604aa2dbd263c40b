// A `%` in a program name: section headers are not expanded, but supervisord %-expands `[group:x] programs=` and
// `command=`, so both write it `%%` (memmon's `-p w%%x` names the process `w%x`). Every comparison uses the expanded
// name, and every name a fix writes into a value is escaped again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { nameReferences } from '../../server/src/analysis/references';
import { buildProcessIndex } from '../../server/src/analysis/processIndex';
import { applyFix, findings } from '../helpers/lint';

const RPC =
  '[unix_http_server]\nfile=/run/supervisor.sock\n\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n\n';
/** A configuration with a gevent worker named `w%x` in a group `g%y`, a beat beside it, and memmon given `memmon`. */
const config = (memmon: string, programs = 'w%%x,beat') =>
  `[supervisord]\n\n${RPC}[group:g%y]\nprograms=${programs}\n\n[program:w%x]\ncommand=celery -A proj worker -l info -P gevent -c 10\nstopwaitsecs=600\n\n` +
  `[program:beat]\ncommand=celery -A proj beat -l info\n\n[eventlistener:memmon]\ncommand=${memmon}\nevents=TICK_60\n`;

describe('names with % are compared expanded', () => {
  test('the model: group members and memmon limits hold the names supervisord uses', () => {
    const model = analyzeText(config('memmon -p w%%x=1GB -g g%y=2GB -p %(ENV_NAME)s=1GB'));
    const [group] = model.groups;
    assert.deepEqual(
      group.members.map((m) => [m.written, m.name]),
      [
        ['w%%x', 'w%x'],
        ['beat', 'beat'],
      ],
    );
    assert.equal(model.programs.find((p) => p.name === 'w%x')?.groupName, 'g%y');
    const limits = model.programs.find((p) => p.name === 'memmon')!.command!.memmon!.limits;
    // `-g g%y`: a lone `%` that supervisord refuses (config/invalid-expansion) is no name at all.
    assert.deepEqual(
      limits.map((l) => l.name),
      ['w%x', undefined, undefined],
    );
    const index = buildProcessIndex([model], true);
    assert.ok(index.hasProcess('w%x') && index.hasQualifiedProcess('g%y:w%x') && index.hasGroup('g%y'));
  });

  test('no finding for names that match once expanded', () => {
    const text = config('memmon -p w%%x=1GB -g g%%y=2GB');
    for (const rule of ['config/unknown-group-program', 'memmon/unknown-process', 'memmon/group-qualified-name'])
      assert.deepEqual(findings(text, rule), [], rule);
  });

  test('references: the program is found by its header, memmon -p and programs=', () => {
    const model = analyzeText(config('memmon -p w%%x=1GB'));
    const refs = nameReferences([model]).filter((r) => r.name === 'w%x');
    const lines = model.text.split('\n');
    assert.deepEqual(
      refs.map((r) => lines[r.range.start.line].slice(r.range.start.character, r.range.end.character)),
      ['w%x', 'w%%x', 'w%%x'],
    );
  });

  test('config/unknown-group-program: the fix writes the closest program escaped', () => {
    const text = config('memmon -p beat=1GB', 'w%%z,beat');
    assert.equal(findings(text, 'config/unknown-group-program').length, 1);
    assert.equal(applyFix(text, 'config/unknown-group-program'), config('memmon -p beat=1GB'));
  });

  test('memmon/unknown-process: the fix writes the closest process escaped', () => {
    const text = config('memmon -p w%%z=1GB');
    assert.equal(applyFix(text, 'memmon/unknown-process'), config('memmon -p w%%x=1GB'));
  });

  test('memmon/group-qualified-name: both fixes write their names escaped', () => {
    const text = config('memmon -p g%%y:w%%x=1GB');
    const [finding] = findings(text, 'memmon/group-qualified-name');
    assert.match(finding.message, /memmon cannot use -p g%y:w%x: it looks the size up under "w%x"/);
    assert.equal(applyFix(text, 'memmon/group-qualified-name'), config('memmon -p w%%x=1GB'));
    assert.equal(applyFix(text, 'memmon/group-qualified-name', /-g/), config('memmon -g g%%y=1GB'));
  });

  test('memmon/prefork-without-cumulative: a prefork worker named w%x is watched through -p w%%x', () => {
    const text = config('memmon -p w%%x=1GB').replace('-P gevent -c 10', '-c 4');
    assert.equal(findings(text, 'memmon/prefork-without-cumulative').length, 1);
    assert.equal(applyFix(text, 'memmon/prefork-without-cumulative'), config('memmon -c -p w%%x=1GB').replace('-P gevent -c 10', '-c 4'));
  });

  test('celery/max-memory-per-child-ignored: the memmon it adds names the grouped worker escaped', () => {
    const text = config('memmon -p beat=100MB').replace('-c 10', '-c 10 --max-memory-per-child 262144');
    assert.equal(applyFix(text, 'celery/max-memory-per-child-ignored', /memmon/), config('memmon -p beat=100MB -p w%%x=256MB'));
  });
});
