// Every Celery and memmon rule sees through wrappers (a `bash -c` script that activates a virtualenv, `uv run`,
// `python3 -m superlance.memmon`), and its preferred fix edits the right characters, inside the quoted script too.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Range } from '../../server/src/parser';
import { completion } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import { analyzeDocument } from '../../server/src/lint';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { applyFix, findings } from '../helpers/lint';

const MAIN = '[supervisord]\n\n';

/** A worker program; it stops gracefully (stopwaitsecs) unless a test is about that. */
const worker = (command: string, extra = 'stopwaitsecs=600\n') => `${MAIN}[program:worker]\ncommand=${command}\n${extra}`;
/** The Celery worker `celery -A proj worker <args>` started from a script that activates a virtualenv. */
const inBash = (args: string) => `bash -c "source venv/bin/activate && exec celery -A proj worker ${args}"`;
const withUv = (args: string) => `uv run celery -A proj worker ${args}`;
const WRAPPED = [inBash, withUv];

/** A memmon listener next to the worker. */
// A gevent worker: memmon watching a prefork one without -c would be a finding of its own.
const listener = (command: string, events = 'TICK_60') =>
  worker(
    'celery -A proj worker -l info -P gevent -c 10',
    `stopwaitsecs=600\n\n[eventlistener:memmon]\ncommand=${command}\nevents=${events}\n`,
  );
const inSh = (args: string) => `bash -c "source venv/bin/activate && exec memmon ${args}"`;
const asModule = (args: string) => `python3 -m superlance.memmon ${args}`;
const MEMMON_WRAPPED = [inSh, asModule];

/** The text a finding's range covers. */
function covered(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [
    lines[range.start.line].slice(range.start.character),
    ...lines.slice(range.start.line + 1, range.end.line),
    lines[range.end.line].slice(0, range.end.character),
  ].join('\n');
}

function only(text: string, rule: string) {
  const found = findings(text, rule);
  assert.equal(found.length, 1, `${rule} on:\n${text}`);
  return found[0];
}

describe('celery/max-memory-per-child-ignored through wrappers', () => {
  const rule = 'celery/max-memory-per-child-ignored';
  test('fires, and the fix removes the option and one space inside the quotes', () => {
    const text = worker(inBash('-l info -P gevent -c 10 --max-memory-per-child=1000 -O fair'));
    assert.equal(covered(text, only(text, rule).range), '--max-memory-per-child=1000');
    assert.equal(applyFix(text, rule), worker(inBash('-l info -P gevent -c 10 -O fair')));
  });
  test('last in the script: the space before it goes, the closing quote stays', () => {
    assert.equal(
      applyFix(worker(inBash('-l info -P gevent -c 10 --max-memory-per-child 1000')), rule),
      worker(`bash -c "source venv/bin/activate && exec celery -A proj worker -l info -P gevent -c 10"`),
    );
  });
  test('uv run', () => {
    const text = worker(withUv('-l info -P gevent -c 10 --max-memory-per-child=1000'));
    assert.equal(covered(text, only(text, rule).range), '--max-memory-per-child=1000');
    assert.equal(applyFix(text, rule), worker(withUv('-l info -P gevent -c 10')));
  });
  test('a script continued over lines: the option line goes with its backslash', () => {
    const text = `${MAIN}[program:worker]\ncommand=bash -c "exec celery -A proj worker -l info -P gevent -c 10 \\\n    --max-memory-per-child=1000 \\\n    -O fair"\nstopwaitsecs=600\n`;
    assert.equal(
      applyFix(text, rule),
      `${MAIN}[program:worker]\ncommand=bash -c "exec celery -A proj worker -l info -P gevent -c 10 \\\n    -O fair"\nstopwaitsecs=600\n`,
    );
  });
  test('a script continued over lines: the last line keeps its closing quote', () => {
    const text = `${MAIN}[program:worker]\ncommand=bash -c "exec celery -A proj worker -l info -P gevent -c 10 \\\n    --max-memory-per-child=1000"\nstopwaitsecs=600\n`;
    assert.equal(
      applyFix(text, rule),
      `${MAIN}[program:worker]\ncommand=bash -c "exec celery -A proj worker -l info -P gevent -c 10 \\\n    "\nstopwaitsecs=600\n`,
    );
  });
  test('a comment sharing a line with other words stays', () => {
    const text = `${MAIN}[program:worker]\ncommand=${withUv('-l info -P gevent -c 10 --max-memory-per-child ; the limit')}\n    262144 -O fair\nstopwaitsecs=600\n`;
    assert.equal(
      applyFix(text, rule),
      `${MAIN}[program:worker]\ncommand=${withUv('-l info -P gevent -c 10 ; the limit')}\n    -O fair\nstopwaitsecs=600\n`,
    );
  });
  test('the memmon fix extends a wrapped listener inside its quotes', () => {
    const extra = (command: string) =>
      `stopwaitsecs=600\n\n[program:api]\ncommand=gunicorn x\n\n[eventlistener:memmon]\ncommand=${command}\nevents=TICK_60\n`;
    for (const [before, after] of [
      [inSh('-p api=200MB'), inSh('-p api=200MB -p worker=1MB')],
      [asModule('-p api=200MB'), asModule('-p api=200MB -p worker=1MB')],
    ]) {
      const text = worker(inBash('-l info -P gevent -c 10 --max-memory-per-child=1000'), extra(before));
      assert.equal(applyFix(text, rule, /memmon/), worker(inBash('-l info -P gevent -c 10'), extra(after)));
    }
  });
  test('no fix where an edit could break the quoting of the command line', () => {
    const text = worker('sh -c exec\\ celery\\ -A\\ proj\\ worker\\ -l\\ info\\ -P\\ gevent\\ -c\\ 10\\ --max-memory-per-child=1000');
    assert.deepEqual(only(text, rule).fixes, []);
  });
});

describe('celery/max-memory-per-child-too-low through wrappers', () => {
  const rule = 'celery/max-memory-per-child-too-low';
  for (const wrap of WRAPPED) {
    test(`${wrap('')}: the fix rewrites the value in place`, () => {
      const text = worker(wrap('-l info --max-memory-per-child=1000'));
      assert.equal(covered(text, only(text, rule).range), '1000');
      assert.equal(applyFix(text, rule), worker(wrap('-l info --max-memory-per-child=262144')));
    });
  }
  test('a word quoted inside the script is rewritten whole, its quotes with it', () => {
    const text = worker(inBash("-l info '--max-memory-per-child=1000'"));
    assert.equal(covered(text, only(text, rule).range), "'--max-memory-per-child=1000'");
    assert.equal(applyFix(text, rule), worker(inBash('-l info --max-memory-per-child=262144')));
  });
});

describe('celery/pool-concurrency-missing through wrappers', () => {
  const rule = 'celery/pool-concurrency-missing';
  for (const wrap of WRAPPED) {
    test(`${wrap('')}: the fix adds --concurrency after the pool`, () => {
      const text = worker(wrap('-l info -P gevent'));
      assert.equal(covered(text, only(text, rule).range), '-P gevent');
      assert.equal(applyFix(text, rule), worker(wrap('-l info -P gevent --concurrency=10')));
    });
  }
  test('no fix where an edit could break the quoting of the command line', () => {
    assert.deepEqual(only(worker('sh -c exec\\ celery\\ -A\\ proj\\ worker\\ -l\\ info\\ -P\\ gevent'), rule).fixes, []);
  });
});

describe('celery/task-logging-disabled through wrappers', () => {
  const rule = 'celery/task-logging-disabled';
  for (const wrap of WRAPPED) {
    test(`${wrap('')}: the fix adds -l info after worker`, () => {
      const text = worker(wrap('-P prefork'));
      assert.equal(covered(text, only(text, rule).range), 'celery -A proj worker');
      assert.equal(applyFix(text, rule), worker(wrap('-l info -P prefork')));
    });
  }
  test('python -m celery inside sh -c', () => {
    const text = worker(`sh -c 'cd /srv/app && exec python3 -m celery -A proj worker'`);
    assert.equal(covered(text, only(text, rule).range), 'celery -A proj worker');
    assert.equal(applyFix(text, rule), worker(`sh -c 'cd /srv/app && exec python3 -m celery -A proj worker -l info'`));
  });
});

describe('celery/cold-stop-signal through wrappers', () => {
  const rule = 'celery/cold-stop-signal';
  for (const wrap of WRAPPED) {
    test(`${wrap('')}: the fix sets TERM`, () => {
      const text = worker(wrap('-l info'), 'stopwaitsecs=600\nstopsignal=KILL\n');
      only(text, rule);
      assert.equal(applyFix(text, rule), worker(wrap('-l info'), 'stopwaitsecs=600\nstopsignal=TERM\n'));
    });
  }
});

describe('celery/shutdown-timeout-default through wrappers', () => {
  const rule = 'celery/shutdown-timeout-default';
  for (const wrap of WRAPPED) {
    test(`${wrap('')}: the fix adds stopwaitsecs`, () => {
      const text = worker(wrap('-l info'), 'autostart=true\n');
      only(text, rule);
      assert.equal(applyFix(text, rule), worker(wrap('-l info'), 'autostart=true\nstopwaitsecs=600\n'));
    });
  }
});

describe('memmon/invalid-size through wrappers', () => {
  const rule = 'memmon/invalid-size';
  for (const wrap of MEMMON_WRAPPED) {
    test(`${wrap('')}: fires on the size`, () => {
      const text = listener(wrap('-p worker=1.5GB'));
      assert.equal(covered(text, only(text, rule).range), '1.5GB');
    });
  }
});

describe('memmon/missing-tick-event through wrappers', () => {
  const rule = 'memmon/missing-tick-event';
  for (const wrap of MEMMON_WRAPPED) {
    test(`${wrap('')}: the fix subscribes to TICK_60`, () => {
      const text = listener(wrap('-a 1GB'), 'PROCESS_STATE');
      only(text, rule);
      assert.equal(applyFix(text, rule), listener(wrap('-a 1GB'), 'PROCESS_STATE,TICK_60'));
    });
  }
});

describe('memmon/unknown-process through wrappers', () => {
  const rule = 'memmon/unknown-process';
  for (const wrap of MEMMON_WRAPPED) {
    test(`${wrap('')}: the fix renames inside the command`, () => {
      const text = listener(wrap('-p wroker=512MB'));
      assert.equal(covered(text, only(text, rule).range), 'wroker');
      assert.equal(applyFix(text, rule), listener(wrap('-p worker=512MB')));
    });
  }
});

describe('editor features through wrappers', () => {
  const analysis = (text: string) => analyzeDocument(text, undefined, DEFAULT_SETTINGS);
  const hoverText = (text: string, line: number, character: number) => {
    const contents = hover(analysis(text), { line, character })?.contents;
    return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
  };

  test('hover on a wrapper shows what really runs', () => {
    const text = worker(inBash('-P gevent -c 10'));
    const expected = 'Runs through `bash -c` → `exec`:\n\n```sh\ncelery -A proj worker -P gevent -c 10\n```';
    assert.equal(hoverText(text, 3, 'command='.length + 1), expected); // on bash
    assert.equal(hoverText(text, 3, text.split('\n')[3].indexOf('venv')), expected); // on the set-up inside the script
    assert.equal(hoverText(text, 3, text.split('\n')[3].indexOf('celery')), expected); // on the program found
  });
  test('hover on an option inside the script documents it', () => {
    const text = worker(inBash('-P gevent -c 10'));
    assert.match(hoverText(text, 3, text.split('\n')[3].indexOf('-P')), /^\*\*-P, --pool\*\*/);
  });
  test('completion inside the script offers the pools after -P, nothing after the closing quote', () => {
    const text = worker('bash -c "exec celery -A proj worker -P "');
    const line = text.split('\n')[3];
    const labels = (character: number) => completion(analysis(text), { line: 3, character }, { snippets: true }).map((i) => i.label);
    assert.ok(labels(line.length - 1).includes('gevent'));
    assert.deepEqual(labels(line.length), []);
  });
});
