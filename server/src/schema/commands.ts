// Options of the commands our rules read inside `command=`: Celery 5 (its global options, worker and beat) and
// superlance's memmon. Descriptions are ours; they drive completion and hover, and the parsers take their flag tables
// (with each option's arity and value type) from here.

export interface CommandOption {
  long: string;
  short?: string;
  /** Other long spellings of the same option (`--events` for `--task-events`). */
  aliases?: readonly string[];
  /** Placeholder for the option's value; undefined for a switch that takes none. */
  value?: string;
  description: string;
  /** Values offered for completion. */
  values?: readonly string[];
}

/** The option a flag names exactly (`--pool`, `-P`, or an alias), in a list of command options. */
export function findOption<T extends CommandOption>(list: readonly T[], flag: string): T | undefined {
  return list.find((o) => o.long === flag || o.short === flag || o.aliases?.includes(flag));
}

/** `-P` choices of Celery 5.3+ (`custom` is new in 5.3; 5.0.6–5.2 have the others), in completion order. */
export const CELERY_POOLS: readonly string[] = ['prefork', 'threads', 'gevent', 'eventlet', 'solo', 'processes', 'custom'];
/**
 * How a Celery worker's main process takes each stop signal; `warm`: as supervisord's stopsignal, it lets the running
 * tasks finish and the worker exit. On Linux, prefork pool children get SIGKILL from the kernel when the main process
 * dies (PDEATHSIG, since Celery 5.2).
 */
export const CELERY_STOP_SIGNALS: Readonly<Record<string, { warm: boolean; effect: string }>> = {
  TERM: {
    warm: true,
    effect:
      'warm shutdown: the worker takes no new tasks and finishes the running ones (give it `stopwaitsecs` for that); cold instead when `REMAP_SIGTERM=SIGQUIT` is in its environment',
  },
  INT: { warm: true, effect: 'warm shutdown, as for TERM, but the worker exits with status 1 (a second INT makes it cold)' },
  QUIT: {
    warm: false,
    effect:
      'cold shutdown: the worker stops its pool without waiting (since 5.5, after up to `worker_soft_shutdown_timeout` seconds when that is set), and the running tasks are abandoned',
  },
  KILL: {
    warm: false,
    effect:
      'killed outright, with no shutdown: the running tasks die with it (since Celery 5.2 the kernel kills the prefork children too on Linux; older versions leave them running without a parent)',
  },
  HUP: {
    warm: false,
    effect:
      'a warm stop followed by a restart in place: the worker re-executes itself in the same process and takes new tasks (on macOS it only logs a warning), so it never exits and supervisord kills it with SIGKILL after `stopwaitsecs`',
  },
  USR1: {
    warm: false,
    effect:
      'the worker only writes the stack traces of its threads to stderr (not to its log file) and keeps running, so every stop ends in SIGKILL after `stopwaitsecs` (on PyPy it has no handler and dies at once)',
  },
  USR2: {
    warm: false,
    effect:
      'the worker has no handler for it (unless `CELERY_RDBSIG` is set, which opens a remote debugger instead), so the signal kills it at once, with no shutdown',
  },
};

/** Celery's log level choices; it upper-cases the value before checking (since 5.0.1), so any case works. */
const CELERY_LOG_LEVELS: readonly string[] = ['info', 'warning', 'error', 'critical', 'debug', 'fatal'];

/** How Celery's click type converts an option's value; a plain string when absent. */
/** How click converts the value: `autoscale` is one integer or two separated by a comma (Celery's `Autoscale`). */
type CeleryValueType = 'int' | 'float' | 'choice' | 'autoscale';

export interface CeleryOptionSpec extends CommandOption {
  /** The name the parser and the rules use, e.g. `pool`, `timeLimit`. */
  name: string;
  type?: CeleryValueType;
  /** A choice checked without regard to case (Celery upper-cases log levels first); choices are exact otherwise. */
  ignoreCase?: boolean;
}

/** Options of the `celery` command group itself: valid only before the subcommand (`celery/bin/celery.py`). */
const GLOBAL_OPTIONS = [
  { name: 'app', long: '--app', short: '-A', value: 'APP', description: 'The Celery application, as `module` or `module:attribute`.' },
  { name: 'broker', long: '--broker', short: '-b', value: 'URL', description: 'Broker URL, overriding the app configuration.' },
  { name: 'resultBackend', long: '--result-backend', value: 'URL', description: 'Result backend URL, overriding the app configuration.' },
  { name: 'loader', long: '--loader', value: 'LOADER', description: 'Name of the Celery loader class.' },
  { name: 'config', long: '--config', value: 'MODULE', description: 'Module to read the configuration from.' },
  { name: 'workdir', long: '--workdir', value: 'DIR', description: 'Directory to change into before the app is loaded.' },
  { name: 'noColor', long: '--no-color', short: '-C', description: 'No colours in the output.' },
  { name: 'quiet', long: '--quiet', short: '-q', description: 'Print less: the worker skips its start-up banner.' },
  { name: 'version', long: '--version', description: 'Print the Celery version and exit (so the program would stop at once).' },
  { name: 'skipChecks', long: '--skip-checks', description: "Skip Django's system checks at start-up (Celery 5.3+)." },
] as const satisfies readonly CeleryOptionSpec[];

/** Options Celery's daemon commands (worker, beat, events) share (`celery/bin/base.py`: `CeleryDaemonCommand`). */
const CELERY_DAEMON_OPTIONS = [
  {
    name: 'logfile',
    long: '--logfile',
    short: '-f',
    value: 'FILE',
    description: 'Log to this file instead of stderr (under supervisord, stderr usually goes to stdout_logfile already).',
  },
  { name: 'pidfile', long: '--pidfile', value: 'FILE', description: 'Write the process id here; not needed under supervisord.' },
  { name: 'uid', long: '--uid', value: 'USER', description: "Drop privileges to this user (prefer supervisord's `user=`)." },
  { name: 'gid', long: '--gid', value: 'GROUP', description: 'Drop privileges to this group.' },
  { name: 'umask', long: '--umask', value: 'MASK', description: 'File mode creation mask.' },
  {
    name: 'executable',
    long: '--executable',
    value: 'PATH',
    description: 'Python executable that re-runs a worker started with `--detach`; no effect otherwise.',
  },
] as const satisfies readonly CeleryOptionSpec[];

const CELERY_LOG_LEVEL_OPTION = {
  name: 'loglevel',
  long: '--loglevel',
  short: '-l',
  value: 'LEVEL',
  values: CELERY_LOG_LEVELS,
  type: 'choice',
  ignoreCase: true,
  description:
    'Log level (WARNING without it). Below INFO a worker never logs its task received/succeeded lines, and beat never logs the tasks it sends: use `-l info` in production.',
} as const satisfies CeleryOptionSpec;

/** Options of `celery worker` (`celery/bin/worker.py`: `worker`). */
const WORKER_OPTIONS = [
  {
    name: 'hostname',
    long: '--hostname',
    short: '-n',
    value: 'NAME',
    description:
      'Node name of this worker, e.g. `worker1@%h`; must be unique among all the workers of the broker (`%h` adds the host name).',
  },
  {
    name: 'pool',
    long: '--pool',
    short: '-P',
    value: 'POOL',
    values: CELERY_POOLS,
    type: 'choice',
    description:
      'Execution pool. `prefork` (the default) runs tasks in child processes; `gevent`/`eventlet` run many green threads in one process for I/O-bound tasks; `threads` uses OS threads; `solo` runs one task at a time.',
  },
  {
    name: 'concurrency',
    long: '--concurrency',
    short: '-c',
    value: 'N',
    type: 'int',
    description:
      'Number of child processes or threads (solo runs one task whatever it says). Times the prefetch multiplier, it is also how many messages the worker reserves. Defaults to the number of CPUs, which is far too low for gevent/eventlet pools (use tens or hundreds there).',
  },
  CELERY_LOG_LEVEL_OPTION,
  {
    name: 'maxMemoryPerChild',
    long: '--max-memory-per-child',
    value: 'KiB',
    type: 'int',
    description:
      'Peak resident memory (in KiB) of a prefork child: a child that has gone beyond it is replaced once its current task ends. Only process pools enforce it; gevent, eventlet, threads and solo ignore it.',
  },
  {
    name: 'maxTasksPerChild',
    long: '--max-tasks-per-child',
    value: 'N',
    type: 'int',
    description: 'Tasks a prefork child runs before it is replaced: a blunt but reliable cure for slow leaks. Other pools ignore it.',
  },
  {
    name: 'prefetchMultiplier',
    long: '--prefetch-multiplier',
    value: 'N',
    type: 'int',
    description: 'Messages each process reserves ahead; 1 gives the fairest distribution of long tasks.',
  },
  {
    name: 'disablePrefetch',
    long: '--disable-prefetch',
    description: 'Fetch a task only when a process is free (Redis brokers, Celery 5.6+).',
  },
  // Celery 5.0–5.3 know only `-O`; `--optimization` came with 5.4.
  {
    name: 'optimization',
    long: '--optimization',
    short: '-O',
    value: 'PROFILE',
    values: ['default', 'fair'],
    type: 'choice',
    description:
      'Scheduling profile of the prefork pool. Since Celery 5.0.2 `default` is the fair strategy already (tasks go only to idle child processes), so `-O fair` changes nothing.',
  },
  { name: 'queues', long: '--queues', short: '-Q', value: 'QUEUES', description: 'Comma-separated queues to consume from.' },
  {
    name: 'excludeQueues',
    long: '--exclude-queues',
    short: '-X',
    value: 'QUEUES',
    description: 'Comma-separated queues not to consume from.',
  },
  { name: 'include', long: '--include', short: '-I', value: 'MODULES', description: 'Extra modules to import.' },
  {
    name: 'autoscale',
    long: '--autoscale',
    value: 'MAX,MIN',
    type: 'autoscale',
    description: 'Grow and shrink the pool between MIN and MAX processes with load.',
  },
  {
    name: 'timeLimit',
    long: '--time-limit',
    value: 'SECONDS',
    type: 'float',
    description:
      'Hard time limit per task: prefork kills the child running it, gevent interrupts the greenlet; eventlet, threads and solo do not enforce it.',
  },
  {
    name: 'softTimeLimit',
    long: '--soft-time-limit',
    value: 'SECONDS',
    type: 'float',
    description:
      'Soft time limit per task: the task gets a SoftTimeLimitExceeded exception it can handle. Only the prefork pool enforces it.',
  },
  { name: 'statedb', long: '--statedb', short: '-S', value: 'FILE', description: 'File keeping revoked task ids across restarts.' },
  {
    name: 'schedule',
    long: '--schedule-filename',
    aliases: ['--schedule'],
    short: '-s',
    value: 'FILE',
    description: 'Schedule database of the embedded beat (`-B`).',
  },
  { name: 'scheduler', long: '--scheduler', value: 'CLASS', description: 'Scheduler class of the embedded beat (`-B`).' },
  {
    name: 'heartbeatInterval',
    long: '--heartbeat-interval',
    value: 'SECONDS',
    type: 'int',
    description: 'Interval of the worker heartbeat events.',
  },
  ...CELERY_DAEMON_OPTIONS,
  { name: 'beat', long: '--beat', short: '-B', description: 'Also run the beat scheduler inside this worker (only ever in one worker).' },
  {
    name: 'taskEvents',
    long: '--task-events',
    aliases: ['--events'],
    short: '-E',
    description: 'Send task events for monitors such as Flower.',
  },
  { name: 'withoutGossip', long: '--without-gossip', description: "Do not subscribe to other workers' events (less broker traffic)." },
  { name: 'withoutMingle', long: '--without-mingle', description: 'Do not synchronise with other workers at start-up.' },
  { name: 'withoutHeartbeat', long: '--without-heartbeat', description: 'Do not send worker heartbeat events.' },
  {
    name: 'purge',
    long: '--purge',
    aliases: ['--discard'],
    description: 'Delete all waiting messages before starting: dangerous in production.',
  },
  {
    name: 'detach',
    long: '--detach',
    short: '-D',
    description: 'Run in the background. Never under supervisord: it would see the worker exit at once.',
  },
] as const satisfies readonly CeleryOptionSpec[];

/** Options of `celery beat` (`celery/bin/beat.py`: `beat`); unlike the worker's, its `--detach` has no `-D`. */
const BEAT_OPTIONS = [
  { name: 'schedule', long: '--schedule', short: '-s', value: 'FILE', description: 'Schedule database (default `celerybeat-schedule`).' },
  {
    name: 'scheduler',
    long: '--scheduler',
    short: '-S',
    value: 'CLASS',
    description: 'Scheduler class, e.g. `django_celery_beat.schedulers:DatabaseScheduler`.',
  },
  {
    name: 'maxInterval',
    long: '--max-interval',
    value: 'SECONDS',
    type: 'int',
    description: 'Longest sleep between two looks at the schedule.',
  },
  CELERY_LOG_LEVEL_OPTION,
  ...CELERY_DAEMON_OPTIONS,
  { name: 'detach', long: '--detach', description: 'Run in the background. Never under supervisord: it would see beat exit at once.' },
] as const satisfies readonly CeleryOptionSpec[];

export const CELERY_GLOBAL_OPTIONS: readonly CeleryOptionSpec[] = GLOBAL_OPTIONS;
export const CELERY_WORKER_OPTIONS: readonly CeleryOptionSpec[] = WORKER_OPTIONS;
export const CELERY_BEAT_OPTIONS: readonly CeleryOptionSpec[] = BEAT_OPTIONS;

/** The subcommands whose options we know, by name. */
export const CELERY_SUBCOMMAND_OPTIONS = { worker: CELERY_WORKER_OPTIONS, beat: CELERY_BEAT_OPTIONS } as const;
export type CeleryKnownSubcommand = keyof typeof CELERY_SUBCOMMAND_OPTIONS;

export const isKnownCelerySubcommand = (name: string | undefined): name is CeleryKnownSubcommand =>
  name !== undefined && Object.hasOwn(CELERY_SUBCOMMAND_OPTIONS, name);

/** The options of a subcommand; none for one we do not know. */
function celerySubcommandOptions(subcommand: string | undefined): readonly CeleryOptionSpec[] {
  return isKnownCelerySubcommand(subcommand) ? CELERY_SUBCOMMAND_OPTIONS[subcommand] : [];
}

/**
 * The options of the command that reads the words on one side of the subcommand: the `celery` group's before it, the
 * subcommand's own after it (none for one we do not know).
 */
export function celeryOptionsOn(placement: 'before' | 'after', subcommand: string | undefined): readonly CeleryOptionSpec[] {
  return placement === 'before' ? CELERY_GLOBAL_OPTIONS : celerySubcommandOptions(subcommand);
}

/**
 * The subcommands of the `celery` command in Celery 5.2 to 5.6 (`celery/bin/celery.py`: `add_command`, `report`), and
 * the one a widely used plugin adds through the `celery.commands` entry point (flower).
 */
export const CELERY_SUBCOMMANDS: readonly string[] = [
  'worker',
  'beat',
  'multi',
  'events',
  'inspect',
  'control',
  'status',
  'call',
  'result',
  'purge',
  'migrate',
  'list',
  'shell',
  'graph',
  'upgrade',
  'logtool',
  'amqp',
  'report',
];
export const CELERY_PLUGIN_SUBCOMMANDS: readonly string[] = ['flower'];

/**
 * Worker options Celery 4 also accepted under another name, which Celery 5 refuses (`No such option`), with the name
 * Celery 5 knows (Celery 4.4 `celery/bin/worker.py`: `add_arguments`).
 */
export const CELERY_4_WORKER_SPELLINGS: Readonly<Record<string, string>> = {
  '--maxtasksperchild': '--max-tasks-per-child',
  '--maxmemperchild': '--max-memory-per-child',
};

/** Every option name of the tables: what `get()` of a parsed Celery command accepts. */
export type CeleryOptionName = (typeof GLOBAL_OPTIONS | typeof WORKER_OPTIONS | typeof BEAT_OPTIONS)[number]['name'];

export interface MemmonOption extends CommandOption {
  /** The getopt name, without dashes. */
  name: string;
}

/** superlance memmon's options (its getopt short string is "hcp:g:a:s:m:n:u:"). */
export const MEMMON_OPTIONS: readonly MemmonOption[] = [
  {
    name: 'program',
    long: '--program',
    short: '-p',
    value: 'NAME=SIZE',
    description:
      'Restart every process named NAME (a process name as supervisorctl shows it after the `group:`, never `group:name` itself) when its resident memory exceeds SIZE: bytes, or a whole number with KB, MB or GB.',
  },
  {
    name: 'group',
    long: '--group',
    short: '-g',
    value: 'NAME=SIZE',
    description:
      'Restart any process of the supervisord group NAME whose resident memory exceeds SIZE: a `[group:x]` name, or the name of a program that no `[group:x]` lists.',
  },
  { name: 'any', long: '--any', short: '-a', value: 'SIZE', description: 'Restart any process whose resident memory exceeds SIZE.' },
  {
    name: 'cumulative',
    long: '--cumulative',
    short: '-c',
    description: "Count the memory of a process and all its children (e.g. Celery's prefork pool) against the limit.",
  },
  {
    name: 'uptime',
    long: '--uptime',
    short: '-u',
    value: 'SECONDS',
    description:
      'E-mail threshold only: with `-m`, mail about a restart only when the process had been up at most this long (seconds, or with s/m/h/d). Restarts are never held back by it.',
  },
  { name: 'email', long: '--email', short: '-m', value: 'ADDRESS', description: 'Mail this address when a process is restarted.' },
  {
    name: 'sendmail_program',
    long: '--sendmail_program',
    short: '-s',
    value: 'COMMAND',
    description: 'Command used to send mail (default `/usr/sbin/sendmail -t -i`).',
  },
  { name: 'name', long: '--name', short: '-n', value: 'NAME', description: 'Name of this memmon in the e-mails it sends.' },
  { name: 'help', long: '--help', short: '-h', description: 'Print usage and exit.' },
];
