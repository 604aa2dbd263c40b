// Every snippet, accepted with its defaults, gives a config that supervisord's own loader accepts and on which our
// linter reports no Warning or Error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { lintText } from '../../server/src/lint';
import { expandSnippet } from '../helpers/snippets';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const SNIPPETS: Record<string, Snippet> = JSON.parse(readFileSync('snippets/supervisor.json', 'utf8'));
const byPrefix = (prefix: string) => {
  const found = Object.values(SNIPPETS).find((s) => ([] as string[]).concat(s.prefix).includes(prefix));
  assert.ok(found, `no snippet with prefix ${prefix}`);
  return expandSnippet(found.body);
};

const RPC_SECTIONS =
  '[unix_http_server]\nfile=/run/supervisor.sock\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n';

/** Where each snippet goes: section snippets after [supervisord], command-line fragments at the end of a worker's command. */
function configFor(snippet: Snippet): string {
  const body = expandSnippet(snippet.body);
  if (body.startsWith(' ')) {
    const base = body.includes(' -l ') ? 'celery -A proj worker' : 'celery -A proj worker -l info';
    return `[supervisord]\n[program:worker]\ncommand=${base}${body}\n`;
  }
  if (body.startsWith('[supervisord]')) return `${body}\n`;
  // memmon watches the worker of the gevent snippet, as its default name says (the pool --max-memory-per-child cannot
  // limit), and talks to supervisord over the RPC interface a main config provides; a group lists programs that exist.
  const context = body.includes('memmon -p') ? `${RPC_SECTIONS}${byPrefix('celery-worker-gevent')}\n` : '';
  const members = /^programs=(.*)$/m.exec(body)?.[1].split(',') ?? [];
  const programs = members.map((name) => `[program:${name.trim()}]\ncommand=/bin/cat\n`).join('');
  return `[supervisord]\n${context}${programs}${body}\n`;
}

function loader(texts: string[]): { accepted: boolean; message: string | null }[] {
  const run = spawnSync('/usr/bin/python3', ['test/conformance/loader.py', '--batch'], {
    input: JSON.stringify(texts.map((text) => ({ text, as_include: false }))),
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

describe('snippets', () => {
  test('the expander takes defaults, first choices and mirrors', () => {
    assert.equal(expandSnippet(['a=${1:x}', 'b=$1 ${2|p,q|} \\$ ${TM_FILENAME:f}$0']), 'a=x\nb=x p $ f');
    assert.equal(expandSnippet('c=${1:out ${2:in}} $2'), 'c=out in in');
  });

  test('the tuning snippets carry what the tuning guide asks for', () => {
    const worker = byPrefix('celery-worker');
    for (const part of ['-l info', '--max-memory-per-child=262144', 'stopwaitsecs=600', '\nkillasgroup=true'])
      assert.ok(worker.includes(part), part);
    // stopasgroup would send TERM to the prefork children, which then die in the middle of their tasks.
    assert.doesNotMatch(worker, /^stopasgroup/m);
    const gevent = byPrefix('celery-worker-gevent');
    assert.match(gevent, /--pool=gevent --concurrency=10/);
    assert.doesNotMatch(gevent, /command=.*--max-memory-per-child/);
    assert.match(byPrefix('memmon'), /command=memmon -p celery-io=512MB\nevents=TICK_60/);
    assert.equal(byPrefix('celery-loglevel'), ' -l info');
    assert.equal(byPrefix('celery-max-tasks'), ' --max-tasks-per-child=1000');
  });

  test('every snippet loads in supervisord and gets no Warning or Error from us', () => {
    const names = Object.keys(SNIPPETS);
    const texts = names.map((name) => configFor(SNIPPETS[name]));
    const verdicts = loader(texts);
    names.forEach((name, i) => {
      assert.ok(verdicts[i].accepted, `supervisord refuses snippet "${name}": ${verdicts[i].message}\n${texts[i]}`);
      const loud = lintText(texts[i]).filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(
        loud.map((f) => `${f.rule}: ${f.message}`),
        [],
        `snippet "${name}":\n${texts[i]}`,
      );
    });
    assert.ok(names.length >= 10);
  });

  test('the loader harness refuses a broken config (it can fail)', () => {
    const [verdict] = loader(['[supervisord]\n[program:x]\ncommand=/bin/cat\nautostart=maybe\n']);
    assert.equal(verdict.accepted, false);
    assert.match(verdict.message!, /not a valid boolean value: 'maybe'/);
  });
});
