// Every Celery and memmon rule of the registry fires through the wrappers people start them with: a `bash -c` script
// that activates a virtualenv and `uv run` for Celery, `python3 -u -m superlance.memmon` and a `sh -c` script for
// memmon. Each case marks the exact ranges expected (« and », as in the rules' examples) and, where the first finding
// has a preferred fix, gives the exact text after it (applyFix also checks the finding is gone and nothing new came).
// A new celery/ or memmon/ rule without a case here fails the first test.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RULES } from '../../server/src/rules';
import { readMarks } from '../../server/src/rules/examples';
import { applyFix, findings } from '../helpers/lint';

/** A command line that runs `command` (which starts with `celery` or `memmon`, marks allowed anywhere) through a wrapper. */
type Wrap = (command: string) => string;
type Wraps = [label: string, wrap: Wrap][];

const CELERY_WRAPS: Wraps = [
  ['bash -c with a virtualenv', (c) => `bash -c "source venv/bin/activate && exec ${c}"`],
  ['uv run', (c) => `uv run ${c}`],
];
const MEMMON_WRAPS: Wraps = [
  ['python3 -u -m superlance.memmon', (c) => `python3 -u -m ${c.replace('memmon', 'superlance.memmon')}`],
  ['sh -c', (c) => `sh -c 'cd /srv && ${c}'`],
];

const RPC =
  '[unix_http_server]\nfile=/run/supervisor.sock\n\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n\n';
const MAIN = `[supervisord]\n\n${RPC}`;

/** A worker program; it stops gracefully unless a case is about that. */
const worker = (command: string, extra = 'stopwaitsecs=600\n', header = '[program:worker]') =>
  `${MAIN}${header}\ncommand=${command}\n${extra}`;
/** A gevent worker (memmon watching a prefork one without -c is a finding of its own) and a memmon listener. */
const listener = (command: string, { events = 'TICK_60', main = MAIN, before = '', extra = '' } = {}) =>
  `${main}${before}[program:worker]\ncommand=celery -A proj worker -l info -P gevent -c 10\nstopwaitsecs=600\n\n` +
  `[eventlistener:memmon]\ncommand=${command}\nevents=${events}\n${extra}`;
const NUMPROCS = 'process_name=%(program_name)s_%(process_num)02d\nnumprocs=2\nstopwaitsecs=600\n';

interface WrapperCase {
  /** The config, with the command built by `wrap`; « and » mark every finding of the rule. */
  config: (wrap: Wrap) => string;
  /** The text after the preferred fix of the first finding; required when it has one. */
  fixed?: (wrap: Wrap) => string;
  /** The wrappers, when the rule is about the wrapper itself. */
  wraps?: Wraps;
}

const CASES: Record<string, WrapperCase> = {
  'celery/max-memory-per-child-ignored': {
    config: (w) => worker(w('celery -A proj worker -l info -P gevent -c 10 «--max-memory-per-child=262144» -O fair')),
    fixed: (w) => worker(w('celery -A proj worker -l info -P gevent -c 10 -O fair')),
  },
  'celery/max-memory-per-child-too-low': {
    config: (w) => worker(w('celery -A proj worker -l info --max-memory-per-child=«1000»')),
    fixed: (w) => worker(w('celery -A proj worker -l info --max-memory-per-child=262144')),
  },
  'celery/task-logging-disabled': {
    config: (w) => worker(w('«celery -A proj worker» -P prefork')),
    fixed: (w) => worker(w('celery -A proj worker -l info -P prefork')),
  },
  'celery/pool-concurrency-missing': {
    config: (w) => worker(w('celery -A proj worker -l info «-P gevent»')),
    fixed: (w) => worker(w('celery -A proj worker -l info -P gevent --concurrency=10')),
  },
  'celery/shutdown-timeout-default': {
    config: (w) => worker(w('celery -A proj worker -l info'), 'autostart=true\n', '«[program:worker]»'),
    fixed: (w) => worker(w('celery -A proj worker -l info'), 'autostart=true\nstopwaitsecs=600\n'),
  },
  'celery/cold-stop-signal': {
    config: (w) => worker(w('celery -A proj worker -l info'), 'stopwaitsecs=600\n«stopsignal=QUIT»\n'),
    fixed: (w) => worker(w('celery -A proj worker -l info'), 'stopwaitsecs=600\nstopsignal=TERM\n'),
  },
  'celery/stopasgroup-on-prefork': {
    config: (w) => worker(w('celery -A proj worker -l info -c 8'), 'stopwaitsecs=600\n«stopasgroup=true»\nkillasgroup=true\n'),
    fixed: (w) => worker(w('celery -A proj worker -l info -c 8'), 'stopwaitsecs=600\nkillasgroup=true\n'),
  },
  'celery/stopwaitsecs-below-time-limit': {
    config: (w) => worker(w('celery -A proj worker -l info --time-limit=1800'), '«stopwaitsecs=600»\n'),
    fixed: (w) => worker(w('celery -A proj worker -l info --time-limit=1800'), 'stopwaitsecs=1860\n'),
  },
  'celery/worker-runs-as-root': {
    config: (w) => worker(w('celery -A proj worker -l info'), 'stopwaitsecs=600\n«user=root»\n'),
  },
  'celery/misplaced-option': {
    config: (w) => worker(w('celery worker «-A proj» -l info')),
    fixed: (w) => worker(w('celery -A proj worker -l info')),
  },
  'celery/unknown-option': {
    config: (w) => worker(w('celery -A proj worker -l info «--concurency»=8')),
    fixed: (w) => worker(w('celery -A proj worker -l info --concurrency=8')),
  },
  'celery/unknown-subcommand': {
    config: (w) => worker(w('celery -A proj «wroker» -l info')),
    fixed: (w) => worker(w('celery -A proj worker -l info')),
  },
  'celery/daemonizes-under-supervisor': {
    config: (w) => worker(w('celery -A proj worker -l info «--detach»')),
    fixed: (w) => worker(w('celery -A proj worker -l info')),
  },
  'celery/beat-multiple-instances': {
    config: (w) => worker(w('celery -A proj «beat» -l info'), NUMPROCS, '[program:beat]'),
  },
  'celery/max-tasks-per-child-ignored': {
    config: (w) => worker(w('celery -A proj worker -l info -P gevent -c 10 «--max-tasks-per-child=100»')),
    fixed: (w) => worker(w('celery -A proj worker -l info -P gevent -c 10')),
  },
  'celery/concurrency-ignored': {
    config: (w) => worker(w('celery -A proj worker -l info -P solo «--concurrency=8»')),
    fixed: (w) => worker(w('celery -A proj worker -l info -P solo --concurrency=1')),
  },
  'celery/unknown-pool': {
    config: (w) => worker(w('celery -A proj worker -l info -P «Gevent» -c 100')),
    fixed: (w) => worker(w('celery -A proj worker -l info -P gevent -c 100')),
  },
  'celery/duplicate-nodename': {
    config: (w) => worker(w('celery -A proj worker -l info «-n worker@%%h»'), NUMPROCS),
    fixed: (w) => worker(w('celery -A proj worker -l info -n worker%(process_num)s@%%h'), NUMPROCS),
  },
  'celery/invalid-option-value': {
    config: (w) => worker(w('celery -A proj worker -l info --max-memory-per-child=«512MB»')),
    fixed: (w) => worker(w('celery -A proj worker -l info --max-memory-per-child=524288')),
  },
  'celery/shell-wrapper-without-exec': {
    // The rule is about the wrapper: scripts where the shell stays the parent (dash always; bash 4.4 after `;`).
    wraps: [
      ['sh -c with a virtualenv', (c) => `sh -c '. venv/bin/activate && ${c}'`],
      ['bash -c after ;', (c) => `bash -c "cd /srv/app; source venv/bin/activate; ${c}"`],
      ['uv run inside sh -c', (c) => `sh -c 'cd /srv/app && uv run ${c}'`],
    ],
    config: (w) => worker(w('celery -A proj worker -l info').replace(/(uv run celery|celery)/, '«$1»')),
    fixed: (w) => worker(w('celery -A proj worker -l info').replace(/(uv run celery|celery)/, 'exec $1')),
  },
  'memmon/unknown-process': {
    config: (w) => listener(w('memmon -p «wroker»=512MB')),
    fixed: (w) => listener(w('memmon -p worker=512MB')),
  },
  'memmon/missing-tick-event': {
    config: (w) => listener(w('memmon -a 1GB'), { events: 'PROCESS_STATE' }).replace('events=PROCESS_STATE', '«events=PROCESS_STATE»'),
    fixed: (w) => listener(w('memmon -a 1GB'), { events: 'PROCESS_STATE,TICK_60' }),
  },
  'memmon/invalid-size': {
    config: (w) => listener(w('memmon -p worker=«1.5GB»')),
  },
  'memmon/group-qualified-name': {
    config: (w) => listener(w('memmon -p «celery:worker»=512MB'), { before: '[group:celery]\nprograms=worker\n\n' }),
    fixed: (w) => listener(w('memmon -p worker=512MB'), { before: '[group:celery]\nprograms=worker\n\n' }),
  },
  'memmon/size-in-bytes': {
    config: (w) => listener(w('memmon -p worker=«512»')),
    fixed: (w) => listener(w('memmon -p worker=512MB')),
  },
  'memmon/prefork-without-cumulative': {
    config: (w) => listener(w('memmon -p «worker»=2GB')).replace(' -P gevent -c 10', ' -c 8'),
    fixed: (w) => listener(w('memmon -c -p worker=2GB')).replace(' -P gevent -c 10', ' -c 8'),
  },
  'memmon/no-limit': {
    config: (w) => listener(w('«memmon -m ops@example.com»')),
  },
  'memmon/no-rpc-server': {
    config: (w) => listener(w('«memmon» -p worker=512MB'), { main: '[supervisord]\n\n' }),
  },
  'memmon/rpc-auth-missing': {
    config: (w) =>
      listener(w('«memmon» -a 1GB'), {
        main: MAIN.replace('file=/run/supervisor.sock\n', 'file=/run/supervisor.sock\nusername=memmon\npassword=s3cret\n'),
      }),
    fixed: (w) =>
      listener(w('memmon -a 1GB'), {
        main: MAIN.replace('file=/run/supervisor.sock\n', 'file=/run/supervisor.sock\nusername=memmon\npassword=s3cret\n'),
        extra: 'environment=SUPERVISOR_USERNAME="memmon",SUPERVISOR_PASSWORD="s3cret"\n',
      }),
  },
};

const wrappedRules = RULES.filter((rule) => rule.id.startsWith('celery/') || rule.id.startsWith('memmon/'));

test('every celery/ and memmon/ rule of the registry has a wrapper case, and only they', () => {
  assert.deepEqual(Object.keys(CASES).sort(), wrappedRules.map((rule) => rule.id).sort());
});

for (const rule of wrappedRules) {
  const wrapperCase = CASES[rule.id];
  if (!wrapperCase) continue;
  describe(`${rule.id} through wrappers`, () => {
    const wraps = wrapperCase.wraps ?? (rule.id.startsWith('memmon/') ? MEMMON_WRAPS : CELERY_WRAPS);
    for (const [label, wrap] of wraps) {
      test(label, () => {
        const { text, ranges } = readMarks(wrapperCase.config(wrap));
        assert.ok(ranges.length > 0, 'a case marks what it expects');
        const found = findings(text, rule.id);
        assert.deepEqual(
          found.map((f) => f.range),
          ranges,
          text,
        );
        const preferred = found[0].fixes.some((f) => f.preferred);
        assert.equal(preferred, wrapperCase.fixed !== undefined, 'a fixed text exactly when there is a preferred fix');
        if (wrapperCase.fixed) assert.equal(applyFix(text, rule.id), wrapperCase.fixed(wrap));
      });
    }
  });
}
