// Grammar-aware mutations of a config, driven by a seeded generator: the edits people (and attackers) make to the
// lines of an INI file, plus the characters that mean something to supervisord's parser and expansion.

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const index = (rng: Rng, length: number) => Math.floor(rng() * length);

/** Text that means something somewhere in a config: expansion, sections, comments, delimiters, odd characters. */
const FRAGMENTS = [
  '%',
  '%(',
  '%(program_name)s',
  '%(process_num)02d',
  '%(ENV_HOME)s',
  '%(here)s',
  '%%',
  ')',
  '[',
  ']',
  '[program:',
  ';',
  ' ;',
  '#',
  ' #',
  '=',
  ':',
  '\t',
  '\r\n',
  '\r',
  '\0',
  'é',
  'ß',
  '漢字',
  '😀',
  '\uD800',
  '\u2028',
  '\u0085',
  '\ufeff',
  ' ',
  '\\',
  '"',
  "'",
  '9007199254740993',
  '-1',
  '0x10',
  '1e9',
  '9'.repeat(40),
  '1_000',
  '',
  ',',
  ' -p ',
  ' --max-memory-per-child=',
  ' -c ',
  '--pool=gevent',
];

const LINES = [
  '[program:x]',
  '[program:%(x)s]',
  '[group:g]',
  'programs=x,y',
  '[include]',
  'files=*.conf',
  '[DEFAULT]',
  'command=',
  'numprocs=100000',
  'numprocs_start=9007199254740992',
  'process_name=%(program_name)s_%(process_num)d',
  'process_name=%(process_num)99999s',
  '  [program:indented]',
  'command=memmon -p x=1GB -g g=10MB',
  'events=TICK_60',
  'environment=A="1",B=\'%(here)s\'',
  '[eventlistener:memmon]',
  '[rpcinterface:x]',
  'supervisor.rpcinterface_factory = a.b:c',
  ';comment',
  '',
  ' ',
  '=',
  'key',
  '[',
  '[]',
  '[:]',
  '[program:]',
  'autostart=maybe',
  'stopsignal=KILLALL',
];

type Mutation = (lines: string[], rng: Rng) => void;

const MUTATIONS: Mutation[] = [
  (lines, rng) => lines.splice(index(rng, lines.length + 1), 0, pick(rng, LINES)),
  (lines, rng) => lines.length > 0 && lines.splice(index(rng, lines.length), 1),
  (lines, rng) => {
    const i = index(rng, lines.length);
    if (lines.length > 0) lines.splice(i, 0, ...lines.slice(i, i + 1 + index(rng, 4)));
  },
  (lines, rng) => {
    const i = index(rng, lines.length);
    if (lines.length > 0) lines[i] = pick(rng, [' ', '    ', '\t']) + lines[i];
  },
  (lines, rng) => {
    const i = index(rng, lines.length);
    if (lines.length > 0) lines[i] = lines[i].trimStart();
  },
  // A line split into a continuation line at a random point.
  (lines, rng) => {
    const i = index(rng, lines.length);
    const line = lines[i] ?? '';
    const at = index(rng, line.length + 1);
    lines.splice(i, 1, line.slice(0, at), pick(rng, [' ', '  ', '\t']) + line.slice(at));
  },
  (lines, rng) => {
    const i = index(rng, lines.length);
    const line = lines[i] ?? '';
    const at = index(rng, line.length + 1);
    lines[i] = line.slice(0, at) + pick(rng, FRAGMENTS) + line.slice(at);
  },
  // A value emptied, or replaced by a huge number.
  (lines, rng) => {
    const i = index(rng, lines.length);
    const at = (lines[i] ?? '').indexOf('=');
    if (at >= 0)
      lines[i] = lines[i].slice(0, at + 1) + pick(rng, ['', ' ', '99999999999999999999999', '1e308', '-0', 'NaN', '%(numprocs)d']);
  },
  (lines, rng) => {
    const i = index(rng, lines.length);
    const line = lines[i] ?? '';
    const at = index(rng, line.length);
    lines[i] = line.slice(0, at) + line.slice(at + 1 + index(rng, 5));
  },
];

/** `base` with one to four mutations, its line ending kept (CRLF files stay CRLF, except where a mutation says). */
export function mutate(base: string, rng: Rng): string {
  const eol = base.includes('\r\n') ? '\r\n' : '\n';
  const lines = base.split(eol);
  const count = 1 + index(rng, 4);
  for (let i = 0; i < count; i++) pick(rng, MUTATIONS)(lines, rng);
  return lines.join(eol);
}
