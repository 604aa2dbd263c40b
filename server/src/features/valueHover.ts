// What a typed value means as supervisord reads it, for hover: a boolean's reading, a signal's name and number
// (and what it does to a Celery worker), an octal mode as permissions, an autorestart policy.
import type { Program } from '../analysis/model';
import { parseOctal, pythonBoolean, signalName } from '../analysis/valueCheck';
import { CELERY_STOP_SIGNALS, COMMON_SIGNAL_NUMBERS, type KeySchema } from '../schema';

const AUTORESTART: Record<string, string> = {
  true: 'restarted whenever it exits',
  false: 'never restarted automatically',
  unexpected: 'restarted only when its exit code is not listed in `exitcodes`',
};

function permissions(mode: number): string {
  return [6, 3, 0].map((shift) => ['r', 'w', 'x'].map((c, i) => ((mode >> shift) & (4 >> i) ? c : '-')).join('')).join('');
}

function signalNote(value: string, program: Program | undefined): string | undefined {
  const name = signalName(value);
  if (!name) return undefined;
  const number = COMMON_SIGNAL_NUMBERS[name];
  const lines = [`\`${value}\` is SIG${name}${number === undefined ? '' : ` (${number} on Linux)`}.`];
  const celery = CELERY_STOP_SIGNALS[name];
  if (program?.command?.celery && celery) lines.push(`For this Celery worker: ${celery.effect}.`);
  return lines.join(' ');
}

function octalNote(key: KeySchema, value: string): string | undefined {
  const mode = parseOctal(value);
  if (mode === undefined || mode < 0) return undefined;
  if (key.name === 'umask')
    return `\`${value}\`: new files get ${permissions(0o666 & ~mode)}, new directories ${permissions(0o777 & ~mode)}.`;
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
