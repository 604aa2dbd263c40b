// Words and numbers the loader accepts for the typed values (supervisor/datatypes.py, supervisor/events.py, on Linux).
import type { ValueType } from './types';

export const BOOLEAN_TRUE: readonly string[] = ['yes', 'true', 'on', '1'];
export const BOOLEAN_FALSE: readonly string[] = ['no', 'false', 'off', '0'];

export const LOG_LEVELS: readonly string[] = ['critical', 'error', 'warn', 'info', 'debug', 'trace', 'blather'];

/** Names `stopsignal` accepts after `SIG` is prefixed (Python's `signal` module on Linux). */
export const SIGNAL_NAMES: readonly string[] = [
  'ABRT',
  'ALRM',
  'BUS',
  'CHLD',
  'CLD',
  'CONT',
  'FPE',
  'HUP',
  'ILL',
  'INT',
  'IO',
  'IOT',
  'KILL',
  'PIPE',
  'POLL',
  'PROF',
  'PWR',
  'QUIT',
  'RTMAX',
  'RTMIN',
  'SEGV',
  'STKFLT',
  'STOP',
  'SYS',
  'TERM',
  'TRAP',
  'TSTP',
  'TTIN',
  'TTOU',
  'URG',
  'USR1',
  'USR2',
  'VTALRM',
  'WINCH',
  'XCPU',
  'XFSZ',
  '_BLOCK',
  '_DFL',
  '_IGN',
  '_SETMASK',
  '_UNBLOCK',
];

/** Linux numbers of the signals stop signals are usually chosen from. */
export const COMMON_SIGNAL_NUMBERS: Readonly<Record<string, number>> = { TERM: 15, HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12 };

/** Numbers `stopsignal` accepts: 0–31 and the real-time bounds 34 and 64. */
export const SIGNAL_NUMBERS: ReadonlySet<number> = new Set([...Array.from({ length: 32 }, (_, i) => i), 34, 64]);

export const EVENT_NAMES: readonly string[] = [
  'EVENT',
  'PROCESS_COMMUNICATION',
  'PROCESS_COMMUNICATION_STDERR',
  'PROCESS_COMMUNICATION_STDOUT',
  'PROCESS_GROUP',
  'PROCESS_GROUP_ADDED',
  'PROCESS_GROUP_REMOVED',
  'PROCESS_LOG',
  'PROCESS_LOG_STDERR',
  'PROCESS_LOG_STDOUT',
  'PROCESS_STATE',
  'PROCESS_STATE_BACKOFF',
  'PROCESS_STATE_EXITED',
  'PROCESS_STATE_FATAL',
  'PROCESS_STATE_RUNNING',
  'PROCESS_STATE_STARTING',
  'PROCESS_STATE_STOPPED',
  'PROCESS_STATE_STOPPING',
  'PROCESS_STATE_UNKNOWN',
  'REMOTE_COMMUNICATION',
  'SUPERVISOR_STATE_CHANGE',
  'SUPERVISOR_STATE_CHANGE_RUNNING',
  'SUPERVISOR_STATE_CHANGE_STOPPING',
  'TICK',
  'TICK_3600',
  'TICK_5',
  'TICK_60',
];

/** What each value type accepts, in a user's words (hover and messages). */
export const VALUE_TYPE_DOCS: Record<ValueType, string> = {
  text: 'text',
  boolean: 'true/false, yes/no, on/off or 1/0 (any case)',
  integer: 'a whole number',
  'byte-size': 'a whole number of bytes, optionally with a KB, MB or GB suffix',
  octal: 'an octal number such as 022',
  signal: 'a signal name (TERM, SIGTERM, …) or number',
  'log-level': LOG_LEVELS.join(', '),
  autorestart: 'true, false or unexpected',
  'exit-codes': 'comma-separated exit codes from 0 to 255',
  environment: 'KEY="value" pairs separated by commas',
  user: 'a user name or uid that exists on the server',
  'user-group': 'user or user:group, existing on the server',
  port: 'port, host:port or *:port',
  'existing-directory': 'a directory that exists on the server',
  'file-path': 'a file path whose directory exists on the server',
  path: 'a path',
  logfile: 'a file path, AUTO, NONE or OFF (in any case), or syslog (deprecated: set the matching *_syslog=true)',
  command: 'a command line',
  'event-names': 'comma-separated event type names',
  'program-list': 'comma-separated program names',
  'glob-list': 'space-separated file globs',
  'fcgi-socket': 'unix:///absolute/path or tcp://host:port',
  'socket-backlog': 'a whole number from 1 to 65535',
  'import-spec': 'a Python callable as module:attribute',
  'process-name': 'a name template without spaces, colons or slashes',
  'server-url': 'unix:///path/to.sock or http://host:port',
};
