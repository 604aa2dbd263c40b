// What a typed value means as supervisord reads it, for hover: a boolean's reading, a signal's name and number
// (and what it does to a Celery worker), an octal mode as permissions, an autorestart policy, where a program's log
// goes and how it is rotated.
import { parseByteSize } from '../analysis/byteSize';
import { readAcrossFiles, type ConfigModel, type Program } from '../analysis/model';
import { parsePythonInt } from '../analysis/pythonInt';
import { parseOctal, pythonBoolean, signalName } from '../analysis/valueCheck';
import { CELERY_STOP_SIGNALS, COMMON_SIGNAL_NUMBERS, keySchema, sectionSchema, type KeySchema } from '../schema';

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

/**
 * Where a program's stdout or stderr log goes, as supervisord reads `value`: no file, a file of its own in childlogdir,
 * or the file named, with how it is rotated (the stream's maxbytes and backups, as written in any copy of the section
 * in `readingOrder`, the configuration's files, or their defaults).
 */
export function logFileNote(readingOrder: readonly ConfigModel[], program: Program, key: KeySchema, value: string): string | undefined {
  const stream = key.name.slice(0, key.name.indexOf('_'));
  // As supervisord merges the section's copies in the configuration's files (an override file's maxbytes counts).
  const lookup = (key: string) => readAcrossFiles(readingOrder, program.section.name, key)?.entry;
  // As written, or the default the program's schema gives.
  const setting = (name: string) => {
    const key = `${stream}_logfile_${name}`;
    const entry = lookup(key);
    return entry ? entry.value.trim() : keySchema(sectionSchema(program.section.name)!, key)?.default;
  };
  if (stream === 'stderr' && pythonBoolean(lookup('redirect_stderr')?.value ?? '') === true)
    return '`redirect_stderr=true`: stderr goes into the stdout log, and supervisord ignores this file.';
  switch (value.toLowerCase()) {
    case 'none':
    case 'off':
      return `\`${value}\`: no log file, the ${stream} output is discarded (\`supervisorctl tail\` shows nothing).`;
    case 'syslog':
      return `\`${value}\` (deprecated): read as \`NONE\` with \`${stream}_syslog=true\`.`;
  }
  const maxBytes = setting('maxbytes');
  const backups = setting('backups');
  const bytes = maxBytes === undefined || maxBytes.includes('%') ? undefined : parseByteSize(maxBytes);
  const kept = backups === undefined || backups.includes('%') ? undefined : parsePythonInt(backups);
  const where =
    value.toLowerCase() === 'auto'
      ? `\`${value}\`: supervisord writes a file of its own in \`childlogdir\` (named \`${program.name}-${stream}---supervisor-….log\`) and deletes it when it starts again, unless \`nocleanup=true\`.`
      : `\`${value}\`: each process writes this file through a handler of its own.`;
  if (bytes === undefined) return where;
  if (bytes === 0) return `${where} Never rotated (\`${stream}_logfile_maxbytes=${maxBytes}\`).`;
  const rotation =
    kept === undefined
      ? ''
      : kept === 0
        ? ', no backup kept'
        : kept === 1
          ? ', 1 backup kept (`.1`)'
          : `, ${kept} backups kept (\`.1\` to \`.${kept}\`)`;
  return `${where} Rotated at ${maxBytes}${rotation}.`;
}
