// Throughput and latency of the full analysis (parse → model → rules) on generated configs, printed as a table,
// with our parser alone and the `ini` package's parser (no positions, no rules) as the floor to compare with.
// Targets: a typical config (a few KB) well under 5 ms; 1 MB inputs under 500 ms; memory linear in input size.
import { parse as iniParse } from 'ini';
import { analyzeDocument } from '../server/src/lint';
import { parseConfig } from '../server/src/parser';
import { codeLenses } from '../server/src/features/codeLens';
import { completion } from '../server/src/features/completion';
import { formatDocument } from '../server/src/features/formatting';
import { hover } from '../server/src/features/hover';
import { documentLinks } from '../server/src/features/links';
import { references, rename } from '../server/src/features/navigation';
import { documentSymbols, foldingRanges } from '../server/src/features/outline';
import { DEFAULT_SETTINGS } from '../server/src/settings';

function program(i: number): string {
  return [
    `[program:worker-${i}]`,
    `command=/srv/venv/bin/celery -A proj worker -l info --pool=gevent --concurrency=10 --max-memory-per-child 262144`,
    'numprocs=2',
    'process_name=%(program_name)s_%(process_num)02d',
    'stopwaitsecs=600 ; give tasks time',
    'environment=A="1",B="2"',
    '',
  ].join('\n');
}

function config(programs: number): string {
  const parts = ['[supervisord]\nlogfile=/var/log/supervisord.log\n'];
  for (let i = 0; i < programs; i++) parts.push(program(i));
  parts.push(
    `[eventlistener:memmon]\ncommand=memmon ${Array.from({ length: Math.min(programs, 50) }, (_, i) => `-g worker-${i}=512MB`).join(' ')}\nevents=TICK_60\n`,
  );
  return parts.join('\n');
}

const CASES: [string, string][] = [
  ['typical (10 programs)', config(10)],
  ['large (1,000 programs)', config(1000)],
  ['~1 MB (4,500 programs)', config(4500)],
  ['1 MB single line', `[program:x]\ncommand=celery worker ${'-P gevent '.repeat(100_000)}`],
  ['20,000 continuation lines', `[program:x]\ncommand=celery -A p worker\n${'    --max-memory-per-child 1 -P gevent\n'.repeat(20_000)}`],
];

function median(text: string, work: (text: string) => unknown): number {
  const runs = text.length > 200_000 ? 5 : 30;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    work(text);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function measure(text: string): { medianMs: number; heapMB: number } {
  const runs = text.length > 200_000 ? 5 : 30;
  const times: number[] = [];
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let keep: unknown;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    keep = analyzeDocument(text, undefined, DEFAULT_SETTINGS);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  void keep;
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], heapMB };
}

const rows = CASES.map(([name, text]) => {
  const { medianMs, heapMB } = measure(text);
  return {
    case: name,
    size: `${(text.length / 1024).toFixed(0)} KB`,
    'median ms': medianMs.toFixed(2),
    'MB/s': (text.length / 2 ** 20 / (medianMs / 1000)).toFixed(1),
    'heap Δ MB': heapMB.toFixed(1),
    'parse only ms': median(text, parseConfig).toFixed(2),
    'ini.parse ms': median(text, iniParse).toFixed(2),
  };
});
console.table(rows);

// Every editor request reads the one cached analysis: each must stay fast on the ~1 MB config too.
const big = config(4500);
const analysis = analyzeDocument(big, undefined, DEFAULT_SETTINGS);
const lastLine = big.split('\n').length - 1;
const workerLine = big.split('\n').indexOf('[program:worker-2000]');
const nav = { analysis, uri: 'file:///bench/supervisord.conf' };
// Every line with trailing whitespace and every gap three lines long: an edit on nearly every line.
const messy = analyzeDocument(big.replace(/\n/g, '  \n').replace(/\n {2}\n/g, '\n\n\n\n'), undefined, DEFAULT_SETTINGS);
const FEATURES: [string, () => unknown][] = [
  ['completion (end of file)', () => completion(analysis, { line: lastLine, character: 0 }, { snippets: true })],
  ['hover (--max-memory-per-child)', () => hover(analysis, { line: workerLine + 1, character: 100 })],
  ['document symbols', () => documentSymbols(analysis.model)],
  ['folding ranges', () => foldingRanges(analysis.model)],
  ['code lens', () => codeLenses(analysis.model)],
  ['document links', () => documentLinks(analysis, () => false)],
  ['formatting', () => formatDocument(analysis.model, { equals: 'always' })],
  ['formatting (trailing spaces, extra blank lines)', () => formatDocument(messy.model, { equals: 'never' })],
  ['references (a program)', () => references(nav, { line: workerLine, character: 10 }, true)],
  ['rename (a program)', () => rename(nav, { line: workerLine, character: 10 }, 'renamed')],
];
console.log(`\nEditor requests on the ~1 MB config (${(big.length / 1024).toFixed(0)} KB), analysis already cached:`);
console.table(FEATURES.map(([name, run]) => ({ request: name, 'median ms': median(big, run).toFixed(2) })));
