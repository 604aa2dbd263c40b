// Converts a (fully expanded) value the way the loader's converter for its type does, and says why the loader
// would refuse it. Types whose check depends on the server (users, existing directories, importable modules)
// are not judged here.
import {
  BOOLEAN_FALSE,
  BOOLEAN_TRUE,
  COMMON_SIGNAL_NUMBERS,
  EVENT_NAMES,
  LOG_LEVELS,
  SIGNAL_NAMES,
  SIGNAL_NUMBERS,
  type ValueType,
} from '../schema';
import type { Entry } from '../parser';
import { entryEnvironmentPairs, parseEnvironmentPairs, type EnvironmentParse } from './environmentPairs';
import { parseByteSize } from './byteSize';
import { asciiDigits, parsePythonInt } from './pythonInt';
import { expand, mayHavePositionalSpec, type ExpansionValue } from './expand';

export interface ValueProblem {
  message: string;
  /** Offsets in the value of the part at fault, when it is not the whole value. */
  start?: number;
  end?: number;
}

const quote = (text: string) => `'${text}'`;

/** A signal name as the loader looks it up: upper case, without the `SIG` it adds itself. */
const bareSignalName = (value: string) => value.trim().toUpperCase().replace(/^SIG/, '');

/** Python's int(text, 8): optional sign, optional 0o prefix, octal digits (of any script) with single '_' between. */
export function parseOctal(value: string): number | undefined {
  const match = /^\s*([+-]?)(?:0[oO]_?)?(\p{Nd}+(?:_\p{Nd}+)*)\s*$/u.exec(value);
  const digits = match && asciiDigits(match[2].replace(/_/g, ''));
  if (!digits || !/^[0-7]+$/.test(digits)) return undefined;
  const n = parseInt(digits, 8);
  return match[1] === '-' ? -n : n;
}

function checkSignal(value: string): ValueProblem | undefined {
  const number = parsePythonInt(value);
  if (number !== undefined) {
    return SIGNAL_NUMBERS.has(number) ? undefined : { message: `value ${quote(value)} is not a valid signal number` };
  }
  return SIGNAL_NAMES.includes(bareSignalName(value))
    ? undefined
    : { message: `value ${quote(value)} is not a valid signal name (use TERM, HUP, INT, QUIT, KILL, USR1, USR2, …)` };
}

function checkExitCodes(value: string): ValueProblem | undefined {
  if (value === '') return undefined;
  let offset = 0;
  for (const item of value.split(',')) {
    const code = parsePythonInt(item);
    if (code === undefined || code < 0 || code > 255) {
      return {
        message: `not a valid list of exit codes: ${quote(value)} (${quote(item.trim())} is not a number from 0 to 255)`,
        start: offset,
        end: offset + item.length,
      };
    }
    offset += item.length + 1;
  }
  return undefined;
}

/** datatypes.inet_address: `port`, `host:port` or `*:port`, port 1–65535. */
function checkPort(value: string): ValueProblem | undefined {
  const colon = value.lastIndexOf(':');
  const port = colon === -1 ? value : value.slice(colon + 1);
  if (colon !== -1 && port === '') return { message: `no port number specified in ${quote(value)}` };
  const number = parsePythonInt(port);
  if (number === undefined || number < 1 || number > 65535) return { message: `not a valid port number: ${quote(port)} (1–65535)` };
  return undefined;
}

function checkEvents(value: string): ValueProblem | undefined {
  let offset = 0;
  for (const item of value.split(',')) {
    const name = item.trim().toUpperCase();
    if (!EVENT_NAMES.includes(name)) {
      const start = offset + item.length - item.trimStart().length;
      return {
        message: name ? `Unknown event type ${name}` : 'Empty event type name (a stray comma?)',
        start,
        end: start + item.trim().length,
      };
    }
    offset += item.length + 1;
  }
  return undefined;
}

/** Whether an fcgi-program `socket=` value is known to be a TCP socket, on which socket_owner/socket_mode are refused. */
export function isTcpFcgiSocket(value: string): boolean {
  return !value.startsWith('unix://') && !value.includes('%(');
}

function checkFcgiSocket(value: string): ValueProblem | undefined {
  if (value.startsWith('unix://')) {
    return value.slice(7).startsWith('/') ? undefined : { message: `Unix socket path ${value.slice(7)} is not an absolute path` };
  }
  // Python's \d takes the digits of every script.
  const tcp = /^tcp:\/\/[^\s:]+:(\p{Nd}+)$/u.exec(value);
  if (!tcp) return { message: `Bad socket format ${value} (use unix:///absolute/path or tcp://host:port)` };
  // As the loader's port_number: an integer from 1 to 65535 (its message prints the number, not the digits written).
  const port = BigInt(asciiDigits(tcp[1]));
  if (port < 1n) return { message: `${port} is below lower bound (1)` };
  return port > 65535n ? { message: `${port} is above upper bound (65535)` } : undefined;
}

/**
 * pkg_resources.EntryPoint syntax: `module:attribute`, a module of dotted names (no empty one: its "Invalid module
 * name") and an attribute of dots and word characters, which for Python are letters and numbers of every script.
 */
function checkImportSpec(value: string): ValueProblem | undefined {
  // Each run of spaces is matched by one \s* only (adjacent \s* before an absent part would backtrack cubically).
  return /^\s*[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*\s*(?::\s*[\p{L}\p{N}_.]+\s*)?(?:\[.*\]\s*)?$/u.test(value)
    ? undefined
    : {
        message: `${quote(value)} is not a Python callable spec: use module:attribute, e.g. supervisor.rpcinterface:make_main_rpcinterface`,
      };
}

/** The characters a process or group name may not hold, in the order the loader looks for them. */
const NAME_REFUSES = [' ', ':', '/'];

/** datatypes.process_or_group_name: no space, colon or slash once stripped. */
export function checkProcessName(value: string): ValueProblem | undefined {
  const name = value.trim();
  for (let i = 0; i < NAME_REFUSES.length; i++) {
    if (name.includes(NAME_REFUSES[i])) return { message: `Invalid name: ${quote(name)} because of character: ${quote(NAME_REFUSES[i])}` };
  }
  return undefined;
}

function environmentProblem(result: EnvironmentParse): ValueProblem | undefined {
  return result.ok ? undefined : { message: `${result.message}: write KEY="value" pairs separated by commas` };
}

type Check = (value: string) => ValueProblem | undefined;

// A Map, not an object looked up by a variable key: every value of a file passes through here.
const CHECKS: ReadonlyMap<ValueType, Check> = new Map(
  Object.entries({
    boolean: (v) =>
      pythonBoolean(v) !== undefined
        ? undefined
        : { message: `not a valid boolean value: ${quote(v)} (use true/false, yes/no, on/off or 1/0)` },
    integer: (v) => (parsePythonInt(v) !== undefined ? undefined : { message: `${quote(v)} is not an integer` }),
    'byte-size': (v) =>
      parseByteSize(v) !== undefined
        ? undefined
        : { message: `${quote(v)} is not a byte size: a whole number with an optional KB, MB or GB suffix` },
    octal: (v) => (parseOctal(v) !== undefined ? undefined : { message: `${v} can not be converted to an octal type` }),
    signal: checkSignal,
    'log-level': (v) =>
      LOG_LEVELS.includes(v.toLowerCase()) ? undefined : { message: `bad logging level name ${quote(v)} (use ${LOG_LEVELS.join(', ')})` },
    autorestart: (v) =>
      pythonBoolean(v) !== undefined || v.toLowerCase() === 'unexpected'
        ? undefined
        : { message: `invalid 'autorestart' value ${quote(v.toLowerCase())} (use true, false or unexpected)` },
    'exit-codes': checkExitCodes,
    environment: (v) => environmentProblem(parseEnvironmentPairs(v)),
    port: checkPort,
    'event-names': checkEvents,
    'fcgi-socket': checkFcgiSocket,
    'socket-backlog': (v) => {
      const n = parsePythonInt(v);
      return n !== undefined && n >= 1 && n <= 65535 ? undefined : { message: `Invalid socket_backlog value ${v} (1–65535)` };
    },
    'import-spec': checkImportSpec,
    // Whether a user exists depends on the server; an empty name fails everywhere.
    user: (v) => (v.trim() === '' ? { message: "Invalid user name '': name a user (or remove the line)" } : undefined),
    'user-group': (v) => {
      const colon = v.indexOf(':');
      const parts = colon === -1 ? [v] : [v.slice(0, colon), v.slice(colon + 1)];
      return parts.some((part) => part.trim() === '') ? { message: `Invalid user:group definition ${v}` } : undefined;
    },
    'process-name': checkProcessName,
  } satisfies Partial<Record<ValueType, Check>>) as [ValueType, Check][],
);

/**
 * The last short value accepted, by type: programs write the same `autostart=true` or `numprocs=2` over and over (the
 * parser gives a short value repeated in the same place one string), so a repeat is accepted by one comparison. Only
 * values under 13 characters are kept, which V8 copies rather than cut from their file's text: no text outlives its
 * file.
 */
const accepted = new Map<ValueType, string>();

/** Why the loader would refuse this value for this type, or undefined when it accepts it. */
export function checkValue(type: ValueType, value: string): ValueProblem | undefined {
  const check = CHECKS.get(type);
  if (check === undefined || accepted.get(type) === value) return undefined;
  const problem = check(value);
  if (problem === undefined && value.length < 13) accepted.set(type, value);
  return problem;
}

/** checkValue of a value read from `entry`: an environment= line read as written is parsed once for every rule. */
export function checkEntryValue(type: ValueType, value: string, entry: Entry): ValueProblem | undefined {
  return type === 'environment' && value === entry.value ? environmentProblem(entryEnvironmentPairs(entry)) : checkValue(type, value);
}

/** The bare name (`TERM`) of a stopsignal value: a name with or without SIG in any case, or a common signal's number. */
export function signalName(value: string): string | undefined {
  const number = parsePythonInt(value);
  if (number === undefined) return bareSignalName(value);
  return Object.keys(COMMON_SIGNAL_NUMBERS).find((name) => COMMON_SIGNAL_NUMBERS[name] === number);
}

/** datatypes.boolean: true or false, undefined when the loader would refuse the word. */
export function pythonBoolean(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  if (BOOLEAN_TRUE.includes(lower)) return true;
  if (BOOLEAN_FALSE.includes(lower)) return false;
  return undefined;
}

/**
 * The dictionary the loader expands a program's values with, in its order, with a typical server's values: what a
 * positional `%s` prints (its keys, quotes, colons and commas are the same on every server).
 */
const TYPICAL_NAMES = new Map<string, ExpansionValue>([
  ['here', '/etc/supervisor'],
  ['program_name', 'worker'],
  ['host_node_name', 'server'],
  ['group_name', 'worker'],
  ['process_num', 0],
  ['numprocs', 1],
  ['ENV_PATH', '/usr/bin:/bin'],
]);

/**
 * Why the loader refuses an environment= value once a positional `%s` in it has printed the dictionary of names
 * (unquoted, its text is no KEY=value pairs); undefined when it has none or the pairs survive (`A="%s"`).
 */
export function insertedNamesProblem(raw: string): ValueProblem | undefined {
  if (!mayHavePositionalSpec(raw)) return undefined;
  const expanded = expand(raw, TYPICAL_NAMES);
  return expanded.ok ? checkValue('environment', expanded.value) : undefined;
}
