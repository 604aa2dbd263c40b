// Options of the commands our rules read inside `command=`: Celery's worker (celery 5) and superlance's memmon.
// Descriptions are ours; they drive completion and hover, and the parsers take their flag tables from here.

export interface CommandOption {
  long: string;
  short?: string;
  /** Placeholder for the option's value; undefined for a switch that takes none. */
  value?: string;
  description: string;
  /** Values offered for completion. */
  values?: readonly string[];
}

/** The option a flag names exactly (`--pool` or `-P`), in a list of command options. */
export function findOption<T extends CommandOption>(list: readonly T[], flag: string): T | undefined {
  return list.find((o) => o.long === flag || o.short === flag);
}

export const CELERY_POOLS: readonly string[] = ['prefork', 'threads', 'gevent', 'eventlet', 'solo', 'processes', 'custom'];
/**
 * How a Celery worker's main process takes each stop signal; `warm` ones let running tasks finish. Prefork pool children
 * get SIGKILL from the kernel when the main process dies (PDEATHSIG, since Celery 5.2).
 */
export const CELERY_STOP_SIGNALS: Readonly<Record<string, { warm: boolean; effect: string }>> = {
  TERM: { warm: true, effect: 'warm shutdown: the worker takes no new tasks and finishes the running ones (give it `stopwaitsecs` for that)' },
  INT: { warm: true, effect: 'warm shutdown, as for TERM' },
  QUIT: { warm: false, effect: 'cold shutdown: the worker stops its pool without waiting, and the running tasks are abandoned' },
  KILL: {
    warm: false,
    effect: 'killed outright, with no shutdown: the running tasks die with it (since Celery 5.2 the kernel kills the prefork children too; older versions leave them running without a parent)',
  },
  HUP: {
    warm: false,
    effect: 'a warm stop followed by a restart in place: the worker re-executes itself in the same process and takes new tasks, so it never exits and supervisord kills it with SIGKILL after `stopwaitsecs`',
  },
  USR1: { warm: false, effect: 'the worker only logs the stack traces of its threads and keeps running, so every stop ends in SIGKILL after `stopwaitsecs`' },
  USR2: {
    warm: false,
    effect: 'the worker has no handler for it (unless `CELERY_RDBSIG` is set, which opens a remote debugger instead), so the signal kills it at once, with no shutdown',
  },
};

export const CELERY_LOG_LEVELS: readonly string[] = ['info', 'warning', 'error', 'critical', 'debug', 'fatal'];

/** Options of `celery [global options] worker [worker options]`. */
export const CELERY_WORKER_OPTIONS: readonly CommandOption[] = [
  { long: '--app', short: '-A', value: 'APP', description: 'The Celery application, as `module` or `module:attribute`.' },
  { long: '--broker', short: '-b', value: 'URL', description: 'Broker URL, overriding the app configuration.' },
  { long: '--result-backend', value: 'URL', description: 'Result backend URL, overriding the app configuration.' },
  { long: '--loader', value: 'LOADER', description: 'Name of the Celery loader class.' },
  { long: '--config', value: 'MODULE', description: 'Module to read the configuration from.' },
  { long: '--workdir', value: 'DIR', description: 'Directory to change into before the app is loaded.' },
  { long: '--hostname', short: '-n', value: 'NAME', description: 'Node name of this worker, e.g. `worker1@%h`; must be unique per host when several workers run.' },
  {
    long: '--pool',
    short: '-P',
    value: 'POOL',
    values: CELERY_POOLS,
    description: 'Execution pool. `prefork` (the default) runs tasks in child processes; `gevent`/`eventlet` run many green threads in one process for I/O-bound tasks; `threads` uses OS threads; `solo` runs one task at a time.',
  },
  {
    long: '--concurrency',
    short: '-c',
    value: 'N',
    description: 'Number of child processes or threads. Defaults to the number of CPUs, which is far too low for gevent/eventlet pools (use tens or hundreds there).',
  },
  {
    long: '--loglevel',
    short: '-l',
    value: 'LEVEL',
    values: CELERY_LOG_LEVELS,
    description: 'Log level. Without it the worker logs only warnings, so task start/finish lines never reach the log: use `-l info` in production.',
  },
  {
    long: '--max-memory-per-child',
    value: 'KiB',
    description: 'Resident memory (in KiB) after which a prefork child is replaced once its current task ends. Only process pools enforce it; gevent, eventlet, threads and solo ignore it.',
  },
  { long: '--max-tasks-per-child', value: 'N', description: 'Tasks a prefork child runs before it is replaced: a blunt but reliable cure for slow leaks.' },
  { long: '--prefetch-multiplier', value: 'N', description: 'Messages each process reserves ahead; 1 gives the fairest distribution of long tasks.' },
  { long: '--optimization', short: '-O', value: 'PROFILE', values: ['default', 'fair'], description: 'Scheduling profile; `fair` hands tasks only to idle child processes.' },
  { long: '--queues', short: '-Q', value: 'QUEUES', description: 'Comma-separated queues to consume from.' },
  { long: '--exclude-queues', short: '-X', value: 'QUEUES', description: 'Comma-separated queues not to consume from.' },
  { long: '--include', short: '-I', value: 'MODULES', description: 'Extra modules to import.' },
  { long: '--autoscale', value: 'MAX,MIN', description: 'Grow and shrink the pool between MIN and MAX processes with load.' },
  { long: '--time-limit', value: 'SECONDS', description: 'Hard time limit per task: the process running it is killed.' },
  { long: '--soft-time-limit', value: 'SECONDS', description: 'Soft time limit per task: the task gets a SoftTimeLimitExceeded exception it can handle.' },
  { long: '--logfile', short: '-f', value: 'FILE', description: 'Log to this file instead of stderr (under supervisord, stderr usually goes to stdout_logfile already).' },
  { long: '--pidfile', value: 'FILE', description: 'Write the process id here; not needed under supervisord.' },
  { long: '--statedb', short: '-S', value: 'FILE', description: 'File keeping revoked task ids across restarts.' },
  { long: '--schedule', short: '-s', value: 'FILE', description: 'Schedule database of the embedded beat (`-B`).' },
  { long: '--scheduler', value: 'CLASS', description: 'Scheduler class of the embedded beat (`-B`).' },
  { long: '--heartbeat-interval', value: 'SECONDS', description: 'Interval of the worker heartbeat events.' },
  { long: '--uid', value: 'USER', description: 'Drop privileges to this user (prefer supervisord\'s `user=`).' },
  { long: '--gid', value: 'GROUP', description: 'Drop privileges to this group.' },
  { long: '--umask', value: 'MASK', description: 'File mode creation mask of the worker.' },
  { long: '--executable', value: 'PATH', description: 'Python executable for child processes.' },
  { long: '--beat', short: '-B', description: 'Also run the beat scheduler inside this worker (only ever in one worker).' },
  { long: '--task-events', short: '-E', description: 'Send task events for monitors such as Flower.' },
  { long: '--without-gossip', description: 'Do not subscribe to other workers\' events (less broker traffic).' },
  { long: '--without-mingle', description: 'Do not synchronise with other workers at start-up.' },
  { long: '--without-heartbeat', description: 'Do not send worker heartbeat events.' },
  { long: '--purge', description: 'Delete all waiting messages before starting: dangerous in production.' },
  { long: '--detach', short: '-D', description: 'Run in the background. Never under supervisord: it would see the worker exit at once.' },
];

export interface MemmonOption extends CommandOption {
  /** The getopt name, without dashes. */
  name: string;
}

/** superlance memmon's options (its getopt short string is "hcp:g:a:s:m:n:u:"). */
export const MEMMON_OPTIONS: readonly MemmonOption[] = [
  { name: 'program', long: '--program', short: '-p', value: 'NAME=SIZE', description: 'Restart every process named NAME (a process name as supervisorctl shows it after the `group:`, never `group:name` itself) when its resident memory exceeds SIZE: bytes, or a whole number with KB, MB or GB.' },
  { name: 'group', long: '--group', short: '-g', value: 'NAME=SIZE', description: 'Restart any process of the supervisord group NAME whose resident memory exceeds SIZE: a `[group:x]` name, or the name of a program that no `[group:x]` lists.' },
  { name: 'any', long: '--any', short: '-a', value: 'SIZE', description: 'Restart any process whose resident memory exceeds SIZE.' },
  { name: 'cumulative', long: '--cumulative', short: '-c', description: 'Count the memory of a process and all its children (e.g. Celery\'s prefork pool) against the limit.' },
  { name: 'uptime', long: '--uptime', short: '-u', value: 'SECONDS', description: 'E-mail threshold only: with `-m`, mail about a restart only when the process had been up at most this long (seconds, or with s/m/h/d). Restarts are never held back by it.' },
  { name: 'email', long: '--email', short: '-m', value: 'ADDRESS', description: 'Mail this address when a process is restarted.' },
  { name: 'sendmail_program', long: '--sendmail_program', short: '-s', value: 'COMMAND', description: 'Command used to send mail (default `/usr/sbin/sendmail -t -i`).' },
  { name: 'name', long: '--name', short: '-n', value: 'NAME', description: 'Name of this memmon in the e-mails it sends.' },
  { name: 'help', long: '--help', short: '-h', description: 'Print usage and exit.' },
];
