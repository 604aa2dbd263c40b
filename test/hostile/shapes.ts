// Hostile configs, generated (nothing huge is committed): each shape is a config text, optionally with files it
// needs on disk (made in a temp dir the caller owns). Written from the descriptions in issue 10, not copied.
import { execFileSync } from 'node:child_process';

/** Node has no mkfifo of its own. */
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

export interface Position {
  line: number;
  character: number;
}

export interface Shape {
  name: string;
  /** The config's text; `dir` is the temp dir of this run (for include targets). */
  text: (dir: string) => string;
  /** Prepares files in `dir` before the config is read. */
  prepare?: (dir: string) => void;
  /** A position worth asking features about (line, character); defaults to the start of the last line. */
  cursor?: (text: string) => Position;
}

/** Where features are asked about a shape: its own cursor, else the start of its last non-empty line. */
export function cursorOf(shape: Shape, text: string): Position {
  if (shape.cursor) return shape.cursor(text);
  const lines = text.split('\n');
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return { line: lines.length - 1, character: 0 };
}

const MAIN = '[supervisord]\nlogfile=/tmp/supervisord.log\n\n';
const include = (files: string) => `${MAIN}[include]\nfiles=${files}\n`;
const repeat = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join('');

/** A 300 KB config with thousands of findings that have fixes (unknown keys, missing keys, max-memory under gevent). */
function manyFixes(): string {
  return (
    MAIN +
    repeat(
      1500,
      (i) =>
        `[program:worker${i}]\ncommand=celery -A proj worker --pool=gevent --max-memory-per-child=1000\nautostrat=true\nstopsignal=TERM\nnumprocs=2\n\n`,
    )
  );
}

/** Lines nested as continuation after continuation, each indented one level deeper. */
function deepContinuations(): string {
  return `${MAIN}[program:deep]\ncommand=/bin/true\n${repeat(20_000, (i) => `${' '.repeat(1 + (i % 200))}arg${i} %(program_name)s\n`)}environment=A="1"\n`;
}

/** Deterministic bytes from every range, including NUL, lone surrogate halves and invalid UTF-8 once decoded. */
function garbage(size: number): string {
  let seed = 0x2545f491;
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    bytes[i] = seed & 0xff;
  }
  return bytes.toString('latin1') + '\uD800[program:\uDFFF]\n';
}

export const SHAPES: Shape[] = [
  {
    name: 'numprocs_start at 2**53',
    text: () =>
      `${MAIN}[program:w]\ncommand=/bin/true\nnumprocs=2\nnumprocs_start=9007199254740992\nprocess_name=%(program_name)s_%(process_num)d\n`,
  },
  { name: 'numprocs 9e6', text: () => `${MAIN}[program:w]\ncommand=/bin/true\nnumprocs=9000000\nprocess_name=%(process_num)s\n` },
  {
    name: 'numprocs 1e8',
    text: () =>
      `${MAIN}[program:w]\ncommand=/bin/true\nnumprocs=100000000\nprocess_name=%(process_num)s\n[eventlistener:m]\ncommand=memmon -p w:99999=1GB\nevents=TICK_60\n`,
  },
  {
    name: 'numprocs 400 nines',
    text: () =>
      `${MAIN}[program:w]\ncommand=/bin/true\nnumprocs=${'9'.repeat(400)}\nnumprocs_start=${'9'.repeat(400)}\nprocess_name=%(process_num)s\n`,
  },
  { name: 'include /proc/self/pagemap', text: () => include('/proc/self/pagemap /proc/self/mem /sys/kernel/notes') },
  { name: 'include /proc/kmsg', text: () => include('/proc/kmsg') },
  { name: 'include /dev/zero', text: () => include('/dev/zero /dev/urandom /dev/stdin') },
  {
    name: 'include a FIFO',
    prepare: (dir) => mkfifo(`${dir}/pipe.conf`),
    text: (dir) => include(`${dir}/pipe.conf ${dir}/*.conf`),
  },
  { name: 'include /**/*', text: () => include('/**/*') },
  { name: 'include /usr/*/*/*/*', text: () => include('/usr/*/*/*/*') },
  { name: 'include glob of 50,000 [', text: () => include(`/etc/${'['.repeat(50_000)}*.conf`) },
  { name: 'include glob */? chain', text: () => include('/usr/share/doc/*?*?*?*?*?*?*?*?*?*?*?*?~') },
  {
    name: '[DEFAULT] command of 250k words, 2,000 programs',
    text: () => `[DEFAULT]\ncommand=${'w '.repeat(250_000)}\n${MAIN}${repeat(2000, (i) => `[program:p${i}]\n`)}`,
  },
  {
    name: 'field width of a billion',
    text: () => `${MAIN}[program:w]\ncommand=/bin/echo %(program_name)999999999s\nprocess_name=%(program_name)99999999s\n`,
  },
  {
    name: 'rpcinterface spec with many spaces',
    text: () => `${MAIN}[rpcinterface:x]\nsupervisor.rpcinterface_factory = a${' '.repeat(5000)}:${' '.repeat(5000)}b\n`,
  },
  {
    name: '200 KB of trailing whitespace lines',
    text: () => `${MAIN}[program:w]\ncommand=/bin/true\n${repeat(2000, () => `x=1${' \t'.repeat(50)}\n`)}`,
  },
  { name: '600 KB of %(', text: () => `${MAIN}[program:w]\ncommand=/bin/echo ${'%('.repeat(300_000)}\n` },
  {
    name: 'memmon -p with a 60 KB name',
    text: () =>
      `${MAIN}[program:web]\ncommand=/bin/true\n[eventlistener:memmon]\ncommand=memmon -p ${'x'.repeat(60_000)}=1GB -p ${'wab'.repeat(20_000)}=1GB\nevents=TICK_60\n`,
  },
  { name: '300 KB with thousands of fixable findings', text: manyFixes, cursor: () => ({ line: 500, character: 3 }) },
  { name: 'a 1 MB single line', text: () => `${MAIN}[program:w]\ncommand=/bin/echo ${'a%%b '.repeat(200_000)}` },
  { name: 'binary garbage', text: () => garbage(200_000) },
  { name: 'deeply nested continuation lines', text: deepContinuations },
];
