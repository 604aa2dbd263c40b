// The shape of the schema: facts about supervisord's sections and keys, kept as data.

/** How the loader converts a value (each maps to one converter in supervisor/datatypes.py or options.py). */
export type ValueType =
  | 'text'
  | 'boolean'
  | 'integer'
  | 'byte-size'
  | 'octal'
  | 'signal'
  | 'log-level'
  | 'autorestart'
  | 'exit-codes'
  | 'environment'
  | 'user'
  | 'user-group'
  | 'port'
  | 'existing-directory'
  | 'file-path'
  | 'path'
  | 'logfile'
  | 'command'
  | 'event-names'
  | 'program-list'
  | 'glob-list'
  | 'fcgi-socket'
  | 'socket-backlog'
  | 'import-spec'
  | 'process-name'
  | 'server-url';

/**
 * Names a `%(name)s` expansion may use in a key. `ENV` stands for every `ENV_X`: the environment supervisord starts
 * in, plus [supervisord]'s `environment=` entries for the sections read after it (a program's own entries reach only
 * the keys read for each of its processes).
 */
export type ExpansionName = 'here' | 'program_name' | 'group_name' | 'process_num' | 'numprocs' | 'host_node_name' | 'ENV';

export interface KeySchema {
  name: string;
  type: ValueType;
  /** Short description in our own words, shown on hover and completion. */
  description: string;
  /** The loader's default as it would be written in the file; undefined when there is none. */
  default?: string;
  /** Words the value may take (for completion); validation goes by `type`. */
  values?: readonly string[];
  /** The loader refuses a section without this key. */
  required?: boolean;
  /** Supervisor version that introduced the key ('3.0' stands for "3.0 or older"). */
  since: string;
  /** Names `%(...)s` may use here; undefined when the loader does not expand the value (so `%` is literal). */
  expansions?: readonly ExpansionName[];
  /** The loader expands the value a second time (so a literal `%` is written `%%%%`). */
  expandedTwice?: true;
  /** The names that second expansion may use, when they are not the first's. */
  secondExpansions?: readonly ExpansionName[];
  /**
   * The loader checks the value as written once, before the processes, and expands it for each process only (so not
   * at all with numprocs <= 0): process_name.
   */
  checkedAsWritten?: true;
}

export type SectionKind =
  | 'supervisord'
  | 'supervisorctl'
  | 'unix_http_server'
  | 'inet_http_server'
  | 'include'
  | 'program'
  | 'fcgi-program'
  | 'eventlistener'
  | 'group'
  | 'rpcinterface'
  | 'ctlplugin';

export interface SectionSchema {
  kind: SectionKind;
  /** `[kind:name]` (true) or `[kind]` (false). */
  named: boolean;
  description: string;
  /** Who reads it: supervisord at start-up, or only supervisorctl. */
  readBy: 'supervisord' | 'supervisorctl';
  /**
   * Read only from the config the program is started with, never from a file that config includes: supervisord follows
   * the [include] of its own config alone, and supervisorctl reads no included file at all.
   */
  mainConfigOnly?: true;
  since: string;
  keys: readonly KeySchema[];
  /**
   * The keys the section does not list, its own and every [DEFAULT] key alike, are passed on to its factory as keyword
   * arguments (rpcinterface, ctlplugin), each read as this says: none is unknown.
   */
  passedOn?: Omit<KeySchema, 'name'>;
}
