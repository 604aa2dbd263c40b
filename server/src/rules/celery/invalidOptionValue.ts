import type { CeleryOption } from '../../analysis/celery';
import type { CeleryOptionSpec } from '../../schema';
import { parseByteSize } from '../../analysis/byteSize';
import type { CommandLine } from '../../analysis/commandLine';
import type { ShellWord } from '../../analysis/shellWords';
import { isPythonFloat } from '../../analysis/pythonFloat';
import { parsePythonInt } from '../../analysis/pythonInt';
import type { Range } from '../../parser';
import { defineRule } from '../define';
import type { Finding, FixMaker } from '../types';
import { celeryPrograms, replaceOptionValue } from './pools';

/** Why Celery refuses a value (click's message, in short) and, when it is not click's message, how it stops. */
interface Complaint {
  problem: string;
  stops?: string;
}

/** What click says about the value, or undefined when Celery accepts it. */
function complaint(option: CeleryOption, value: string): Complaint | undefined {
  const { spec } = option;
  if (spec.type === 'int' && parsePythonInt(value) === undefined) return { problem: `"${value}" is not a valid integer` };
  if (spec.type === 'autoscale') return autoscaleComplaint(value);
  if (spec.type === 'float' && !isPythonFloat(value)) return { problem: `"${value}" is not a valid number of seconds` };
  // Pools have their own rule, celery/unknown-pool.
  if (spec.type !== 'choice' || option.name === 'pool') return undefined;
  if (acceptedValues(spec).has(spec.ignoreCase ? value.toUpperCase() : value)) return undefined;
  const listed = [...acceptedValues(spec)].join(', ');
  return { problem: `"${value}" is not one of ${listed}${spec.ignoreCase ? ' (in any case)' : ''}` };
}

/**
 * `--autoscale`: one integer (the most processes) or two separated by a comma, in either order (Celery's `Autoscale`).
 * Two parts that are not both integers break Celery's own error message (it calls `join` on a list).
 */
function autoscaleComplaint(value: string): Complaint | undefined {
  const parts = value.split(',');
  if (parts.length > 2) return { problem: `"${value}" has ${parts.length} comma-separated parts where Celery takes one or two integers` };
  if (parts.every((part) => parsePythonInt(part) !== undefined)) return undefined;
  if (parts.length === 1) return { problem: `"${value}" is not an integer` };
  return {
    problem: `"${value}" is not two integers`,
    stops: 'with an AttributeError traceback from its own error message (exit status 1)',
  };
}

const accepted = new Map<CeleryOptionSpec, ReadonlySet<string>>();

/** The values a choice option accepts, upper-cased when Celery ignores their case: made once per option, not per value checked. */
function acceptedValues(spec: CeleryOptionSpec): ReadonlySet<string> {
  let values = accepted.get(spec);
  if (!values) {
    const choices = spec.values ?? [];
    accepted.set(spec, (values = new Set(spec.ignoreCase ? choices.map((c) => c.toUpperCase()) : choices)));
  }
  return values;
}

/** `--max-memory-per-child=512MB`: the size in KiB, when the value reads as one. */
function kibOf(option: CeleryOption, value: string): number | undefined {
  if (option.name !== 'maxMemoryPerChild') return undefined;
  const bytes = parseByteSize(value.trim());
  return bytes !== undefined && bytes >= 1024 ? Math.floor(bytes / 1024) : undefined;
}

/**
 * How click names an option in "Invalid value for ...": every flag the option was declared with, quoted and joined by
 * " / " (`'-c' / '--concurrency'`), whichever one was written. Celery declares the short flag first in every option
 * with a typed value.
 */
function clickHint(spec: CeleryOptionSpec): string {
  return [spec.short, spec.long, ...(spec.aliases ?? [])]
    .filter((flag) => flag !== undefined)
    .map((flag) => `'${flag}'`)
    .join(' / ');
}

function valueFinding(
  command: CommandLine,
  words: readonly ShellWord[],
  option: CeleryOption,
  value: string,
  { problem, stops }: Complaint,
  kib: FixMaker,
): Finding {
  const range: Range = command.rangeOf(option.valueStart!, option.valueEnd!);
  const size = kibOf(option, value);
  const edit = size === undefined ? undefined : replaceOptionValue(command, words, option, String(size));
  const inKib = size === undefined ? '' : ` The value counts KiB: ${value} is ${size}.`;
  return {
    range,
    message: `${option.flag} ${value}: ${problem}, so Celery stops ${stops ?? `at once with "Invalid value for ${clickHint(option.spec)}" (exit status 2)`}.${inKib}`,
    fixes: edit ? [kib([edit], { title: `Write ${size} (KiB)`, preferred: true })] : [],
  };
}

export const invalidOptionValue = defineRule({
  id: 'celery/invalid-option-value',
  severity: 'error',
  scope: 'section',
  summary:
    'A Celery option value its command line refuses (not an integer, not a number, an unknown log level) or a missing value: Celery does not start.',
  docs: {
    what: `A value Celery's command line does not accept:
- an integer option (\`-c/--concurrency\`, \`--max-tasks-per-child\`, \`--max-memory-per-child\`, \`--prefetch-multiplier\`,
  \`--heartbeat-interval\`, beat's \`--max-interval\`) given anything but a whole number, such as \`512MB\` or \`ten\`;
- \`--time-limit\` or \`--soft-time-limit\` given something that is not a number (\`300s\`);
- \`-l/--loglevel\` other than DEBUG, INFO, WARNING, ERROR, CRITICAL or FATAL (any case since Celery 5.0.1; \`WARN\` and
  numbers are refused);
- \`-O/--optimization\` other than \`default\` or \`fair\` (exact case);
- \`--autoscale\` other than one integer or two separated by a comma (\`10,3\`);
- an option that takes a value written last, with nothing after it.

An option written twice is judged by its last value, the only one Celery converts.

Pool names (\`-P\`) are checked by [celery/unknown-pool](unknown-pool.md).`,
    why: `Celery reads its command line with click, which converts each value before the worker or beat starts: a value
it cannot convert stops Celery with \`Error: Invalid value for '--max-memory-per-child': '512MB' is not a valid
integer.\` (or \`Option '-l' requires an argument.\`) and exit status 2. An exit within \`startsecs\` counts as a failed
start, and after \`startretries\` attempts supervisord leaves the program FATAL; a later exit (Celery may take a while to
load the app first) is unexpected and restarted over and over.`,
    fix: `Write the value as Celery reads it: \`--max-memory-per-child\` counts **KiB** without a unit
(\`--max-memory-per-child=524288\` for 512 MB), time limits are seconds (\`--time-limit=300\`), log levels are names
(\`-l info\`, \`-l warning\`).`,
    references: [
      'Celery 5.4 `celery/bin/worker.py`: `worker()` options (`type=int`, `type=float`, `click.Choice` for `-O`), `Autoscale`',
      'Celery 5.4 `celery/bin/base.py`: `LogLevel` (upper-cases, then a click `Choice`)',
      'Celery 5.4 `celery/bin/beat.py`: `beat()` options',
      'click 8 `click/types.py`: `IntParamType`, `FloatParamType`, `Choice` (case-sensitive by default)',
    ],
  },
  examples: [
    {
      title: 'A value supervisord fills in from its environment is only known on the server',
      config: '[program:worker]\ncommand=celery -A proj worker -l info -c %(ENV_WEB_CONCURRENCY)s\nstopwaitsecs=600\n',
    },
    {
      title: 'A size where Celery wants KiB',
      config: '[program:worker]\ncommand=celery -A proj worker -l info --max-memory-per-child=«512MB»\nstopwaitsecs=600\n',
      fixed: '[program:worker]\ncommand=celery -A proj worker -l info --max-memory-per-child=524288\nstopwaitsecs=600\n',
    },
    {
      config: '[program:worker]\ncommand=celery -A proj worker -l info -c «ten» --time-limit «300s»\nstopwaitsecs=600\n',
    },
    {
      title: 'Only the last -l counts; --autoscale takes one or two integers',
      config: '[program:worker]\ncommand=celery -A proj worker -l warn -l info --autoscale «10-3»\nstopwaitsecs=600\n',
    },
    {
      title: "WARN is not one of Celery's level names",
      config: '[program:beat]\ncommand=celery -A proj beat -l «WARN»\n',
    },
    {
      title: 'An option without its value',
      config: '[program:worker]\ncommand=celery -A proj worker «--loglevel»\nstopwaitsecs=600\n',
    },
    {
      config:
        '[program:worker]\ncommand=celery -A proj worker -l INFO -O fair -c 4 --time-limit=1.5e3 --max-memory-per-child=524288\nstopwaitsecs=600\n',
    },
  ],
  fixes: { kib: { title: 'Write the size as KiB', safe: true } },
  check(context, fix) {
    const findings: Finding[] = [];
    const programs = celeryPrograms(context);
    for (let i = 0; i < programs.length; i++) {
      const { command, celery } = programs[i];
      for (let j = 0; j < celery.options.length; j++) {
        const option = celery.options[j];
        if (option.spec.value === undefined) continue;
        if (option.value === undefined) {
          findings.push({
            range: command.rangeOf(option.flagStart, option.flagEnd),
            message: `${option.flag} needs a value (${option.spec.value}) but nothing follows it: Celery stops with "Option '${option.flag}' requires an argument" (exit status 2).`,
          });
          continue;
        }
        // click converts only the value of an option's last occurrence: an earlier one, however wrong, is never read.
        if (celery.get(option.name) !== option) continue;
        const problem = option.valueFromServer ? undefined : complaint(option, option.value);
        if (problem) findings.push(valueFinding(command, celery.words, option, option.value, problem, fix.kib));
      }
    }
    return findings;
  },
});
