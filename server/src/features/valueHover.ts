// What a typed value means as supervisord reads it, for hover: a boolean's reading, a signal's name and number
// (and what it does to a Celery worker), an octal mode as permissions, an autorestart policy.
import type { Program } from '../analysis/model';
import { parsePythonInt } from '../analysis/pythonInt';
import { pythonBoolean } from '../analysis/valueCheck';
import type { KeySchema } from '../schema';

/** Linux numbers of the signals stop signals are usually chosen from. */
const SIGNAL_NUMBER: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15 };

/** How a Celery worker's main process reacts to a stop signal. */
const CELERY_ON_SIGNAL: Record<string, string> = {
  TERM: 'warm shutdown: the worker takes no new tasks and finishes the running ones (give it `stopwaitsecs` for that)',
  INT: 'warm shutdown, as for TERM',
  QUIT: 'cold shutdown: running tasks are abandoned at once',
  KILL: 'killed outright: running tasks are lost and the pool children may be left behind',
  HUP: 'the worker re-executes itself in place and does not exit, so supervisord waits `stopwaitsecs` and then sends SIGKILL',
};

const AUTORESTART: Record<string, string> = {
  true: 'restarted whenever it exits',
  false: 'never restarted automatically',
  unexpected: 'restarted only when its exit code is not listed in `exitcodes`',
};

function permissions(mode: number): string {
  return [6, 3, 0].map((shift) => ['r', 'w', 'x'].map((c, i) => ((mode >> shift) & (4 >> i) ? c : '-')).join('')).join('');
}

function signalNote(value: string, program: Program | undefined): string | undefined {
  const number = parsePythonInt(value);
  const name = number !== undefined ? Object.keys(SIGNAL_NUMBER).find((n) => SIGNAL_NUMBER[n] === number) : value.trim().toUpperCase().replace(/^SIG/, '');
  if (!name) return undefined;
  const known = SIGNAL_NUMBER[name];
  const lines = [`\`${value}\` is SIG${name}${known === undefined ? '' : ` (${known} on Linux)`}.`];
  if (program?.command?.celery && CELERY_ON_SIGNAL[name]) lines.push(`For this Celery worker: ${CELERY_ON_SIGNAL[name]}.`);
  return lines.join(' ');
}

function octalNote(key: KeySchema, value: string): string | undefined {
  if (!/^0?o?[0-7]+$/i.test(value.trim())) return undefined;
  const mode = parseInt(value.trim().replace(/^0o/i, ''), 8);
  if (key.name === 'umask') return `\`${value}\`: new files get ${permissions(0o666 & ~mode)}, new directories ${permissions(0o777 & ~mode)}.`;
  return `\`${value}\` = ${permissions(mode)}.`;
}

/** A line on what this value means, or undefined when the type has nothing to add. */
export function valueNote(key: KeySchema, value: string, program: Program | undefined): string | undefined {
  switch (key.type) {
    case 'boolean': {
      const reading = pythonBoolean(value);
      return reading === undefined ? undefined : `\`${value}\` reads as **${reading}**.`;
    }
    case 'signal':
      return signalNote(value, program);
    case 'octal':
      return octalNote(key, value);
    case 'autorestart': {
      const reading = pythonBoolean(value);
      const policy = value.toLowerCase() === 'unexpected' ? 'unexpected' : reading === undefined ? undefined : String(reading);
      return policy && `\`${value}\`: the process is ${AUTORESTART[policy]}.`;
    }
    default:
      return undefined;
  }
}
