// Every section and key supervisord 4.2.5 reads, as its loader (supervisor/options.py) reads them.
// Descriptions are ours; defaults, types and expansion names follow the loader's code.
import type { ExpansionName, KeySchema, SectionSchema } from './types';
import { COMMON_SIGNAL_NUMBERS, LOG_LEVELS } from './values';

const HERE_ENV: readonly ExpansionName[] = ['here', 'ENV'];
const ENV_ONLY: readonly ExpansionName[] = ['ENV'];
/** Keys a program section reads once, before it builds its processes. */
const PROGRAM: readonly ExpansionName[] = ['here', 'program_name', 'group_name', 'host_node_name', 'ENV'];
/** Keys read once per process: these also know the process number. */
const PROCESS: readonly ExpansionName[] = [...PROGRAM, 'process_num', 'numprocs'];
/** A plugin section's other keys: the loader reads each (get_plugins) and hands it to the factory. */
const PASSED_TO_FACTORY: Omit<KeySchema, 'name'> = {
  type: 'text',
  description: 'Passed to the factory as a keyword argument (as is every [DEFAULT] key).',
  since: '3.0',
  expansions: ENV_ONLY,
};

const BOOLEAN_WORDS = ['true', 'false'];

function logKeys(stream: 'stdout' | 'stderr'): KeySchema[] {
  const other = stream === 'stdout' ? 'stderr' : 'stdout';
  return [
    {
      name: `${stream}_logfile`,
      type: 'logfile',
      description: `Where the process's ${stream} is written. \`AUTO\` lets supervisord pick a file in \`childlogdir\` (removed at restart), \`NONE\` discards it; otherwise a file path whose directory must exist. supervisord expands this value twice: write a literal \`%\` as \`%%%%\`.`,
      default: 'AUTO',
      values: ['AUTO', 'NONE'],
      since: '3.0',
      expansions: PROCESS,
      expandedTwice: true,
    },
    {
      name: `${stream}_logfile_maxbytes`,
      type: 'byte-size',
      description: `Size at which the ${stream} log is rotated (\`KB\`, \`MB\`, \`GB\` suffixes); \`0\` never rotates.`,
      default: '50MB',
      since: '3.0',
      expansions: PROCESS,
    },
    {
      name: `${stream}_logfile_backups`,
      type: 'integer',
      description: `How many rotated ${stream} logs to keep; \`0\` keeps none.`,
      default: '10',
      since: '3.0',
      expansions: PROCESS,
    },
    {
      name: `${stream}_capture_maxbytes`,
      type: 'byte-size',
      description: `Buffer size for capture mode, where ${stream} output between the PROCESS_COMMUNICATION tokens becomes an event; \`0\` turns capture mode off.`,
      default: '0',
      since: '3.0',
      expansions: PROGRAM,
    },
    {
      name: `${stream}_events_enabled`,
      type: 'boolean',
      description: `Emit a PROCESS_LOG_${stream.toUpperCase()} event for every chunk the process writes to ${stream}.`,
      default: 'false',
      values: BOOLEAN_WORDS,
      since: '3.0a7',
      expansions: PROGRAM,
    },
    {
      name: `${stream}_syslog`,
      type: 'boolean',
      description: `Also send ${stream} to syslog, each line prefixed with the process name (the ${other} stream has its own switch).`,
      default: 'false',
      values: BOOLEAN_WORDS,
      since: '4.0.0',
      expansions: PROCESS,
    },
  ];
}

/** What [program:x], [fcgi-program:x] and [eventlistener:x] share. */
function processKeys(overrides: Partial<Record<string, Partial<KeySchema>>> = {}): KeySchema[] {
  const keys: KeySchema[] = [
    {
      name: 'command',
      type: 'command',
      description:
        'The command line to run, split like a shell would (quotes, no pipes or redirections). Must stay in the foreground; a daemonising program looks like it exited.',
      required: true,
      since: '3.0',
      expansions: PROCESS,
    },
    {
      name: 'process_name',
      type: 'process-name',
      description:
        'Name of each process, an expansion template. With `numprocs` above 1 it must use `%(process_num)` (in any format, such as `%(process_num)02d`) so the names differ.',
      default: '%(program_name)s',
      since: '3.0',
      expansions: PROCESS,
      checkedAsWritten: true,
    },
    {
      name: 'numprocs',
      type: 'integer',
      description: 'How many copies of the process to start.',
      default: '1',
      since: '3.0',
      expansions: PROGRAM,
    },
    {
      name: 'numprocs_start',
      type: 'integer',
      description: 'First value of `process_num` (the copies are numbered from here).',
      default: '0',
      since: '3.0a4',
      expansions: PROGRAM,
    },
    {
      name: 'priority',
      type: 'integer',
      description: 'Start order: lower starts first and stops last.',
      default: '999',
      since: '3.0',
      expansions: HERE_ENV,
    },
    {
      name: 'autostart',
      type: 'boolean',
      description: 'Start the process when supervisord starts.',
      default: 'true',
      values: BOOLEAN_WORDS,
      since: '3.0',
      expansions: PROGRAM,
    },
    {
      name: 'autorestart',
      type: 'autorestart',
      description:
        'Restart after the process exits: `true` always, `false` never, `unexpected` only when its exit code is not in `exitcodes`.',
      default: 'unexpected',
      values: ['unexpected', 'true', 'false'],
      since: '3.0',
      expansions: PROGRAM,
    },
    {
      name: 'startsecs',
      type: 'integer',
      description: 'Seconds the process must stay up to count as started (RUNNING); `0` counts it at once.',
      default: '1',
      since: '3.0',
      expansions: PROGRAM,
    },
    {
      name: 'startretries',
      type: 'integer',
      description: 'Failed start attempts before the process is given up as FATAL.',
      default: '3',
      since: '3.0',
      expansions: PROGRAM,
    },
    {
      name: 'exitcodes',
      type: 'exit-codes',
      description: 'Comma-separated exit codes (0–255) that count as expected for `autorestart=unexpected`.',
      default: '0',
      since: '3.0',
      expansions: PROGRAM,
    },
    {
      name: 'stopsignal',
      type: 'signal',
      description: 'Signal sent to stop the process (a name, with or without `SIG`, or a number).',
      default: 'TERM',
      values: Object.keys(COMMON_SIGNAL_NUMBERS),
      since: '3.0',
      expansions: PROGRAM,
    },
    {
      name: 'stopwaitsecs',
      type: 'integer',
      description:
        'Seconds to wait after `stopsignal` before sending SIGKILL. For a Celery worker, make this longer than your longest task so a stop is graceful.',
      default: '10',
      since: '3.0',
      expansions: PROGRAM,
    },
    {
      name: 'stopasgroup',
      type: 'boolean',
      description:
        'Send the stop signal to the whole process group, not just the main process. Implies `killasgroup`. Not for a Celery prefork worker: its pool children die at once on TERM, in the middle of their tasks; use `killasgroup` alone.',
      default: 'false',
      values: BOOLEAN_WORDS,
      since: '3.0b1',
      expansions: PROGRAM,
    },
    {
      name: 'killasgroup',
      type: 'boolean',
      description:
        'Send the final SIGKILL to the whole process group, so no orphaned children survive (for a Celery worker: its pool children). Defaults to the value of `stopasgroup`.',
      default: 'false',
      values: BOOLEAN_WORDS,
      since: '3.0a11',
      expansions: PROGRAM,
    },
    {
      name: 'user',
      type: 'user',
      description: 'Run the process as this user (name or uid). supervisord must run as root, unless this is its own user.',
      since: '3.0',
      expansions: PROGRAM,
    },
    {
      name: 'redirect_stderr',
      type: 'boolean',
      description: "Send the process's stderr into its stdout log.",
      default: 'false',
      values: BOOLEAN_WORDS,
      since: '3.0',
      expansions: PROGRAM,
    },
    ...logKeys('stdout'),
    ...logKeys('stderr'),
    {
      name: 'environment',
      type: 'environment',
      description:
        'Extra environment variables: `KEY="value",KEY2="value2"`. Quote every value with characters other than letters, digits and `_/.+-():`: unquoted, supervisord cuts it short or refuses the line.',
      since: '3.0',
      expansions: PROCESS,
    },
    {
      name: 'directory',
      type: 'path',
      description: 'Directory to change into before the process starts.',
      since: '3.0',
      expansions: PROCESS,
    },
    {
      name: 'umask',
      type: 'octal',
      description: "File mode creation mask of the process, in octal (e.g. `022`); by default it inherits supervisord's.",
      since: '3.0a3',
      expansions: PROGRAM,
    },
    {
      name: 'serverurl',
      type: 'server-url',
      description: "URL of supervisord's HTTP server passed to the process as SUPERVISOR_SERVER_URL; `AUTO` picks the configured one.",
      default: 'AUTO',
      values: ['AUTO'],
      since: '3.0',
      expansions: PROGRAM,
    },
  ];
  return keys.map((key) => ({ ...key, ...overrides[key.name] }));
}

/** The login of an HTTP server, or (`client`) the one supervisorctl sends, which must be the clear text. */
function authKeys(expansions: readonly ExpansionName[], client = false): KeySchema[] {
  return [
    {
      name: 'username',
      type: 'text',
      description: 'User name for HTTP basic authentication; needs `password` too.',
      since: '3.0',
      expansions,
    },
    {
      name: 'password',
      type: 'text',
      description: client
        ? 'Password supervisorctl sends, in clear text (the server may store it as `{SHA}` and a digest; this side never).'
        : 'Password for HTTP basic authentication, in clear text or as `{SHA}` followed by the SHA-1 hex digest; needs `username` too.',
      since: '3.0',
      expansions,
    },
  ];
}

export const SECTIONS: readonly SectionSchema[] = [
  {
    kind: 'supervisord',
    named: false,
    description: 'Settings of the supervisord daemon itself. A main config must have this section.',
    readBy: 'supervisord',
    since: '3.0',
    keys: [
      {
        name: 'logfile',
        type: 'file-path',
        description: "supervisord's own activity log; its directory must exist. `syslog` sends it to the system log instead.",
        default: 'supervisord.log',
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'logfile_maxbytes',
        type: 'byte-size',
        description: 'Size at which the activity log is rotated; `0` never rotates.',
        default: '50MB',
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'logfile_backups',
        type: 'integer',
        description: 'How many rotated activity logs to keep.',
        default: '10',
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'loglevel',
        type: 'log-level',
        description: 'How much supervisord logs about itself.',
        default: 'info',
        values: LOG_LEVELS,
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'pidfile',
        type: 'file-path',
        description: 'Where supervisord writes its process id; its directory must exist.',
        default: 'supervisord.pid',
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'umask',
        type: 'octal',
        description:
          "supervisord's file mode creation mask, in octal. Set when supervisord daemonizes: with `nodaemon=true` it keeps the umask it was started with.",
        default: '022',
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'nodaemon',
        type: 'boolean',
        description: 'Stay in the foreground (needed under systemd `Type=simple` or in containers).',
        default: 'false',
        values: BOOLEAN_WORDS,
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'silent',
        type: 'boolean',
        description: 'In the foreground, do not copy the activity log to stdout.',
        default: 'false',
        values: BOOLEAN_WORDS,
        since: '4.2.0',
        expansions: HERE_ENV,
      },
      {
        name: 'minfds',
        type: 'integer',
        description: 'File descriptors supervisord needs before it starts; it raises its soft limit to this if it can.',
        default: '1024',
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'minprocs',
        type: 'integer',
        description: 'Process slots supervisord needs before it starts; it raises its soft limit to this if it can.',
        default: '200',
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'nocleanup',
        type: 'boolean',
        description: 'Keep old AUTO child logs at start-up instead of deleting them.',
        default: 'false',
        values: BOOLEAN_WORDS,
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'childlogdir',
        type: 'existing-directory',
        description: 'Directory for AUTO child logs; it must exist.',
        default: '(the system temp directory)',
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'user',
        type: 'user',
        description:
          'Switch to this user as supervisord starts, before it opens its log, sockets and pidfile; unless started as root, it must be its own user.',
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'directory',
        type: 'existing-directory',
        description: 'Directory supervisord changes into when it daemonises; it must exist.',
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'strip_ansi',
        type: 'boolean',
        description: 'Remove ANSI escape sequences from child logs.',
        default: 'false',
        values: BOOLEAN_WORDS,
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'environment',
        type: 'environment',
        description:
          'Environment variables for every child process: `KEY="value",KEY2="value2"`. They also become `%(ENV_KEY)s` expansions. supervisord expands this value twice: write a literal `%` as `%%%%`.',
        since: '3.0',
        expansions: HERE_ENV,
        expandedTwice: true,
        // read_config expands it again with its own dictionary, which has the host name too.
        secondExpansions: ['here', 'host_node_name', 'ENV'],
      },
      {
        name: 'identifier',
        type: 'text',
        description: 'Name this supervisord reports over XML-RPC.',
        default: 'supervisor',
        since: '3.0',
        expansions: HERE_ENV,
      },
    ],
  },
  {
    kind: 'unix_http_server',
    named: false,
    description: 'The UNIX socket supervisorctl and XML-RPC clients talk to.',
    readBy: 'supervisord',
    since: '3.0',
    keys: [
      { name: 'file', type: 'path', description: 'Path of the UNIX socket.', required: true, since: '3.0', expansions: HERE_ENV },
      {
        name: 'chmod',
        type: 'octal',
        description: 'Permissions of the socket file, in octal.',
        default: '0700',
        since: '3.0',
        expansions: ENV_ONLY,
      },
      {
        name: 'chown',
        type: 'user-group',
        description: 'Owner of the socket file, `user` or `user:group`.',
        since: '3.0',
        expansions: ENV_ONLY,
      },
      ...authKeys(ENV_ONLY),
    ],
  },
  {
    kind: 'inet_http_server',
    named: false,
    description:
      'A TCP HTTP server for supervisorctl, XML-RPC clients and the web interface. Without authentication anyone who reaches the port controls your processes.',
    readBy: 'supervisord',
    since: '3.0',
    keys: [
      {
        name: 'port',
        type: 'port',
        description: 'Address to listen on: `host:port`, `*:port` or `port` (all interfaces).',
        required: true,
        since: '3.0',
        expansions: ENV_ONLY,
      },
      ...authKeys(ENV_ONLY),
    ],
  },
  {
    kind: 'supervisorctl',
    named: false,
    description: 'Settings for the supervisorctl client (supervisord itself ignores them).',
    readBy: 'supervisorctl',
    mainConfigOnly: true,
    since: '3.0',
    keys: [
      {
        name: 'serverurl',
        type: 'server-url',
        description:
          'How supervisorctl reaches supervisord: `unix:///path/to.sock` or `http://host:port`; it must match a `[unix_http_server]` or `[inet_http_server]`.',
        default: 'http://localhost:9001',
        since: '3.0',
        expansions: HERE_ENV,
      },
      ...authKeys(ENV_ONLY, true),
      {
        name: 'prompt',
        type: 'text',
        description: 'Prompt of the interactive shell.',
        default: 'supervisor',
        since: '3.0',
        expansions: ENV_ONLY,
      },
      {
        name: 'history_file',
        type: 'path',
        description: 'Where the interactive shell keeps its command history.',
        since: '3.0a5',
        expansions: HERE_ENV,
      },
    ],
  },
  {
    kind: 'include',
    named: false,
    description: 'More config files to read, e.g. `conf.d/*.conf`.',
    readBy: 'supervisord',
    mainConfigOnly: true,
    since: '3.0a4',
    keys: [
      {
        name: 'files',
        type: 'glob-list',
        description:
          'Space-separated file globs, relative to the directory of this file. Files are read in sorted order; a glob matching nothing is only a warning.',
        required: true,
        since: '3.0a4',
        expansions: ['here', 'host_node_name', 'ENV'],
      },
    ],
  },
  {
    kind: 'program',
    named: true,
    description: 'A program supervisord starts and watches (one or more processes, a group of its own unless a `[group:x]` lists it).',
    readBy: 'supervisord',
    since: '3.0',
    keys: processKeys(),
  },
  {
    kind: 'fcgi-program',
    named: true,
    description: 'A FastCGI program: supervisord opens the socket and hands it to every process.',
    readBy: 'supervisord',
    since: '3.0',
    keys: [
      ...processKeys({ user: { expansions: HERE_ENV } }),
      {
        name: 'socket',
        type: 'fcgi-socket',
        description: 'The FastCGI socket: `unix:///absolute/path` or `tcp://host:port`.',
        required: true,
        since: '3.0',
        expansions: ['here', 'program_name', 'ENV'],
      },
      {
        name: 'socket_backlog',
        type: 'socket-backlog',
        description: 'Listen backlog of the socket (1–65535).',
        since: '3.4.0',
        expansions: HERE_ENV,
      },
      {
        name: 'socket_owner',
        type: 'user-group',
        description: 'Owner of a UNIX socket, `user` or `user:group`.',
        since: '3.0a8',
        expansions: HERE_ENV,
      },
      {
        name: 'socket_mode',
        type: 'octal',
        description: 'Permissions of a UNIX socket, in octal.',
        default: '0700',
        since: '3.0a8',
        expansions: HERE_ENV,
      },
    ],
  },
  {
    kind: 'eventlistener',
    named: true,
    description: "A pool of event listeners (such as superlance's memmon): processes that receive supervisord events on stdin.",
    readBy: 'supervisord',
    since: '3.0a1',
    keys: [
      ...processKeys({
        priority: {
          default: '-1',
          description:
            'Start order: lower starts first and stops last. Listeners default to -1 so they run before the programs they watch.',
        },
        redirect_stderr: {
          expansions: HERE_ENV,
          description: 'Must stay false: stderr mixed into stdout would corrupt the event listener protocol.',
        },
      }),
      {
        name: 'events',
        type: 'event-names',
        description: 'Comma-separated event types the listener subscribes to (e.g. `TICK_60`, `PROCESS_STATE`).',
        required: true,
        since: '3.0a1',
        expansions: HERE_ENV,
      },
      {
        name: 'buffer_size',
        type: 'integer',
        description: 'Events queued for the pool before the oldest are dropped (at least 1).',
        default: '10',
        since: '3.0a1',
        expansions: HERE_ENV,
      },
      {
        name: 'result_handler',
        type: 'import-spec',
        description: "Python callable (`module:attribute`) that interprets the listener's results.",
        default: 'supervisor.dispatchers:default_handler',
        since: '3.0a4',
        expansions: HERE_ENV,
      },
    ],
  },
  {
    kind: 'group',
    named: true,
    description: 'Puts programs into one named group, so they are controlled together as `group:*`.',
    readBy: 'supervisord',
    since: '3.0',
    keys: [
      {
        name: 'programs',
        type: 'program-list',
        description: 'Comma-separated names of `[program:x]` or `[fcgi-program:x]` sections.',
        since: '3.0',
        expansions: HERE_ENV,
      },
      {
        name: 'priority',
        type: 'integer',
        description: 'Start order of the group: lower starts first and stops last.',
        default: '999',
        since: '3.0',
        expansions: HERE_ENV,
      },
    ],
  },
  {
    kind: 'rpcinterface',
    named: true,
    description:
      'An XML-RPC interface. `[rpcinterface:supervisor]` with `supervisor.rpcinterface:make_main_rpcinterface` is what supervisorctl needs.',
    readBy: 'supervisord',
    since: '3.0',
    passedOn: PASSED_TO_FACTORY,
    keys: [
      {
        name: 'supervisor.rpcinterface_factory',
        type: 'import-spec',
        description: 'Python callable (`module:attribute`) that builds the interface; other keys of the section are passed to it.',
        values: ['supervisor.rpcinterface:make_main_rpcinterface'],
        required: true,
        since: '3.0',
        expansions: ENV_ONLY,
      },
    ],
  },
  {
    kind: 'ctlplugin',
    named: true,
    description: 'A supervisorctl plugin adding commands (read only by supervisorctl).',
    readBy: 'supervisorctl',
    mainConfigOnly: true,
    since: '3.0',
    passedOn: PASSED_TO_FACTORY,
    keys: [
      {
        name: 'supervisor.ctl_factory',
        type: 'import-spec',
        description: 'Python callable (`module:attribute`) that builds the plugin; other keys of the section are passed to it.',
        required: true,
        since: '3.0',
        expansions: ENV_ONLY,
      },
    ],
  },
];
