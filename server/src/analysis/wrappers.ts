// The programs that only start another program: what each one takes before the command it runs. A wrapper returns
// the words of that command, or undefined when it runs none we can see (`python -c`, `env -S`, `ionice -p`).
import { basename } from '../util/basename';
import { unwrapShell } from './shellWrapper';
import { readOptions, subArg, type Arg, type OptionSpec } from './wrapperArgs';
import type { ShellStart } from './unwrap';

export interface Unwrapped {
  /** What was seen through, e.g. `env`, `bash -c`, `uv run`. */
  label: string;
  /** The command it runs: never empty. */
  rest: Arg[];
  /** Whether the environment starts empty (`env -i`). */
  clearsEnvironment?: boolean;
  /** Changes to the environment in order: a value sets the variable, undefined unsets it. */
  environment?: [string, string | undefined][];
  shell?: ShellStart;
}

type Wrapper = (args: Arg[], name: string) => Unwrapped | undefined;

/** The programs whose name (the basename of the word) says they are Celery and memmon. */
const TOOLS = new Set(['celery', 'memmon']);
/** What `python -m` runs for them. */
const TOOL_MODULES = new Set(['celery', 'superlance.memmon']);

/** The wrapper a program name stands for: `python3.11` is python. */
export function wrapperNamed(name: string): Wrapper | undefined {
  return WRAPPERS.get(name) ?? (isPython(name) ? python : undefined);
}

const done = (label: string, rest: Arg[], more: Omit<Unwrapped, 'label' | 'rest'> = {}): Unwrapped | undefined =>
  rest.length > 0 ? { label, rest, ...more } : undefined;

/** A wrapper that takes options, then the command. */
const withOptions =
  (spec: OptionSpec, stoppers = ''): Wrapper =>
  (args, name) => {
    const { options, next } = readOptions(args, 1, spec);
    return options.some((o) => stoppers.includes(o.name)) ? undefined : done(name, args.slice(next));
  };

function env(args: Arg[]): Unwrapped | undefined {
  const { options, next } = readOptions(args, 1, { shortValue: 'uCS', longValue: new Set(['unset', 'chdir', 'split-string']) });
  // -S re-splits a string into the command: beyond what we read.
  if (options.some((o) => o.name === 'S' || o.name === 'split-string')) return undefined;
  let clearsEnvironment = options.some((o) => o.name === 'i' || o.name === 'ignore-environment');
  const environment: [string, string | undefined][] = options
    .filter((o) => (o.name === 'u' || o.name === 'unset') && o.value)
    .map((o) => [o.value!.word.value, undefined]);
  let i = next;
  if (args[i]?.word.value === '-') {
    clearsEnvironment = true;
    i++;
  }
  for (; i < args.length && args[i].word.value.indexOf('=') > 0; i++) {
    const text = args[i].word.value;
    const equals = text.indexOf('=');
    environment.push([text.slice(0, equals), text.slice(equals + 1)]);
  }
  return done('env', args.slice(i), { clearsEnvironment, environment });
}

/** `<tool> [options] run [options] command`: the project runners. */
function runner(spec: OptionSpec, command: (args: Arg[], at: number, label: string, module: boolean) => Unwrapped | undefined): Wrapper {
  return (args, name) => {
    const global = readOptions(args, 1, spec);
    if (args[global.next]?.word.value !== 'run') return undefined;
    const run = readOptions(args, global.next + 1, spec);
    const module = run.options.some((o) => o.name === 'm' || o.name === 'module');
    return command(args, run.next, `${name} run`, module);
  };
}

const runsCommand = (args: Arg[], at: number, label: string) => done(label, args.slice(at));

const UV_OPTIONS: OptionSpec = {
  shortValue: 'CfipP',
  longValue: new Set([
    'allow-insecure-host',
    'trusted-host',
    'cache-dir',
    'color',
    'config-file',
    'config-setting',
    'config-settings',
    'default-index',
    'directory',
    'env-file',
    'exclude-newer',
    'exclude-newer-package',
    'extra',
    'extra-index-url',
    'find-links',
    'fork-strategy',
    'group',
    'index',
    'index-strategy',
    'index-url',
    'keyring-provider',
    'link-mode',
    'no-binary-package',
    'no-build-isolation-package',
    'no-build-package',
    'no-extra',
    'no-group',
    'only-group',
    'package',
    'prerelease',
    'project',
    'python',
    'python-platform',
    'python-preference',
    'refresh-package',
    'reinstall-package',
    'resolution',
    'upgrade-package',
    'with',
    'with-editable',
    'with-requirements',
  ]),
};

/** `uv run -m celery` runs the module, as python -m does. */
function uvCommand(args: Arg[], at: number, label: string, module: boolean): Unwrapped | undefined {
  if (!module) return runsCommand(args, at, label);
  return args[at] && TOOL_MODULES.has(args[at].word.value) ? done(`${label} -m`, args.slice(at)) : undefined;
}

/** `hatch run prod:celery` runs celery in the environment `prod`. */
function hatchCommand(args: Arg[], at: number, label: string): Unwrapped | undefined {
  const command = args[at];
  if (!command) return undefined;
  const text = command.word.value;
  const colon = text.indexOf(':');
  const inEnvironment = colon > 0 && !text.slice(0, colon).includes('/');
  return done(label, [inEnvironment ? subArg(command, colon + 1) : command, ...args.slice(at + 1)]);
}

const PYTHON_OPTIONS: OptionSpec = { shortValue: 'WXmc', longValue: new Set(['check-hash-based-pycs']), last: 'mc' };

function isPython(name: string): boolean {
  if (!name.startsWith('python')) return false;
  for (let i = 'python'.length; i < name.length; i++) if (name[i] !== '.' && (name[i] < '0' || name[i] > '9')) return false;
  return true;
}

/** `python -m celery`, `python /srv/venv/bin/celery`: anything else python runs is not seen through. */
function python(args: Arg[], name: string): Unwrapped | undefined {
  const { options, next } = readOptions(args, 1, PYTHON_OPTIONS);
  const last = options[options.length - 1];
  if (last?.name === 'c') return undefined;
  if (last?.name === 'm')
    return last.value && TOOL_MODULES.has(last.value.word.value) ? done(`${name} -m`, [last.value, ...args.slice(next)]) : undefined;
  const script = args[next];
  return script && TOOLS.has(basename(script.word.value)) ? done(name, args.slice(next)) : undefined;
}

/** `gosu USER command`, `su-exec USER command`. */
const asUser: Wrapper = (args, name) => (args.length > 2 ? done(name, args.slice(2)) : undefined);

const WRAPPERS = new Map<string, Wrapper>([
  ['exec', withOptions({ shortValue: 'a' })],
  ['env', env],
  ['nice', withOptions({ shortValue: 'n', longValue: new Set(['adjustment']) })],
  // With -p, -P or -u ionice acts on running processes and starts nothing.
  ['ionice', withOptions({ shortValue: 'cnpPu', longValue: new Set(['class', 'classdata', 'pid', 'pgid', 'uid']) }, 'pPu')],
  // runit's getopt string: u:U:b:e:m:d:o:p:f:c:r:t:/:C:n:l:L: take a value, v V P 0 1 2 do not.
  ['chpst', withOptions({ shortValue: 'uUbemdopfcrt/CnlL' })],
  [
    'setpriv',
    withOptions({
      longValue: new Set([
        'ruid',
        'euid',
        'rgid',
        'egid',
        'reuid',
        'regid',
        'groups',
        'inh-caps',
        'ambient-caps',
        'bounding-set',
        'securebits',
        'pdeathsig',
        'ptracer',
        'selinux-label',
        'apparmor-profile',
        'landlock-access',
        'landlock-rule',
        'seccomp-filter',
      ]),
    }),
  ],
  ['gosu', asUser],
  ['su-exec', asUser],
  ['newrelic-admin', (args, name) => (args[1]?.word.value === 'run-program' ? done(`${name} run-program`, args.slice(2)) : undefined)],
  ['ddtrace-run', withOptions({})],
  // Every option of opentelemetry-instrument takes a value (`--traces_exporter console`).
  ['opentelemetry-instrument', withOptions({ longValue: 'all' })],
  ['uv', runner(UV_OPTIONS, uvCommand)],
  ['poetry', runner({ shortValue: 'CP', longValue: new Set(['directory', 'project']) }, runsCommand)],
  ['pipenv', runner({ longValue: new Set(['python', 'pypi-mirror']) }, runsCommand)],
  ['pdm', runner({ shortValue: 'pcL', longValue: new Set(['project', 'config', 'venv', 'skip', 'lockfile']) }, runsCommand)],
  ['hatch', runner({ shortValue: 'ep', longValue: new Set(['env', 'project', 'data-dir', 'cache-dir', 'config']) }, hatchCommand)],
  ...['sh', 'bash', 'dash', 'zsh'].map((shell): [string, Wrapper] => [shell, unwrapShell]),
]);
