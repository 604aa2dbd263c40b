// Hover from the schema and the model: sections, keys, values (sizes in MB, what `%(name)s` expands to), and the
// Celery and memmon options of a `command=` line.
import type { Hover, Position } from 'vscode-languageserver';
import { MarkupKind } from '../lsp';
import type { CommandLine } from '../analysis/commandLine';
import { locate } from '../analysis/locate';
import { programAsRun, readAcrossFiles, type ConfigModel, type ConfigSection, type Program } from '../analysis/model';
import { expansionRefs } from '../analysis/expand';
import { directoryOf } from '../analysis/resolveValue';
import { parsePythonInt } from '../analysis/pythonInt';
import { parseByteSize } from '../analysis/byteSize';
import { configuredVariable } from '../analysis/sectionValues';
import type { ShellWord } from '../analysis/shellWords';
import { workerMemory } from '../analysis/workerMemory';
import type { Modelled } from '../lint';
import { valueRange, type Entry, type Range } from '../parser';
import { findOption, keySchema, MEMMON_OPTIONS, passedOnKeySchema, sectionSchema, type CommandOption } from '../schema';
import { keyDocs, sectionDocs } from './docs';
import { logFileNote, valueNote } from './valueHover';
import { formatNumber } from '../util/formatNumber';

const markdown = (value: string, range?: Range): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });
const mb = (bytes: number) => `${formatNumber(bytes / 1024 / 1024, 1)} MB`;

/** Process names a program's hover lists before an ellipsis. */
const MAX_HOVER_NAMES = 20;

/** `run`: what supervisord runs of it, its copies in other files merged (the same program when it has none). */
function programHover(program: Program, run: Program): string {
  const names = run.processNames;
  const processes = names
    ? names
        .first(MAX_HOVER_NAMES)
        .map((n) => `\`${n}\``)
        .join(', ') + (names.count > MAX_HOVER_NAMES ? ', …' : '')
    : 'names depend on the server';
  const lines = [
    `**[${program.section.name}]**: ${run.numprocs} process${run.numprocs === 1 ? '' : 'es'} (${processes}) in group \`${run.groupName}\`.`,
  ];
  if (program.command) lines.push('```sh\n' + program.command.entry.value + '\n```');
  return lines.join('\n\n');
}

/** What `%(ENV_X)s` stands for: the value an environment= of this file gives it there, or the server's. */
function environmentMeaning(model: ConfigModel, section: ConfigSection | undefined, key: string, name: string): string {
  const configured = section && configuredVariable(model, section, key, name);
  return configured === undefined
    ? `the environment variable \`${name}\` as supervisord sees it`
    : `\`${configured.value}\`, which [${configured.setBy}]'s environment= sets`;
}

/** `program`: the section's program as supervisord runs it; `readingOrder`: the configuration's files. */
function expansionHover(
  model: ConfigModel,
  section: ConfigSection | undefined,
  entry: Entry,
  offset: number,
  program: Program | undefined,
  readingOrder: readonly ConfigModel[],
): Hover | undefined {
  const ref = expansionRefs(entry.value).find((r) => r.start <= offset && offset < r.end);
  if (!ref) return undefined;
  let meaning: string;
  switch (ref.name) {
    case 'program_name':
      meaning = program ? `\`${program.name}\`` : 'the program name';
      break;
    case 'group_name':
      meaning = program ? `\`${program.groupName}\`` : 'the group name';
      break;
    case 'process_num': {
      const start =
        parsePythonInt((program && readAcrossFiles(readingOrder, program.section.name, 'numprocs_start')?.entry.value) ?? '0') ?? 0;
      meaning = program
        ? `the process number: ${Array.from({ length: Math.min(program.numprocs, 10) }, (_, i) => start + i).join(', ')}${program.numprocs > 10 ? ', …' : ''}`
        : 'the process number';
      break;
    }
    case 'numprocs':
      meaning = program ? `\`${program.numprocs}\`` : 'the number of processes';
      break;
    case 'here':
      meaning = model.path ? `\`${directoryOf(model.path)}\` (the directory of this file)` : 'the directory of this file';
      break;
    case 'host_node_name':
      meaning = "the server's host name (`platform.node()`)";
      break;
    default:
      meaning = ref.name.startsWith('ENV_')
        ? environmentMeaning(model, section, entry.key, ref.name.slice(4))
        : 'nothing: supervisord cannot expand this name here';
  }
  return markdown(`\`%(${ref.name})${ref.conversion}\` expands to ${meaning}.`, valueRange(entry, ref.start, ref.end));
}

function optionDocs(option: CommandOption): string {
  const flags = [option.short, option.long].filter(Boolean).join(', ');
  return `**${flags}**${option.value ? ` \`${option.value}\`` : ''}\n\n${option.description}`;
}

/**
 * What a --max-memory-per-child value means for this worker: its size, and what it adds up to over all prefork
 * children of the `numprocs` processes supervisord runs.
 */
function memoryLimitNote(program: Program, numprocs: number, value: string): string | undefined {
  const memory = workerMemory(program, numprocs);
  const pool = program.command!.celery!.pool();
  if (!memory) {
    const kib = parsePythonInt(value);
    const size = kib === undefined ? undefined : `${formatNumber(kib)} KiB = ${mb(kib * 1024)}.`;
    if (pool === 'prefork') return size;
    return [size, `⚠ The \`${pool}\` pool ignores this limit: it runs its tasks without child processes to replace.`]
      .filter(Boolean)
      .join(' ');
  }
  const perChild = mb(memory.perChildKiB * 1024);
  const children =
    memory.children === undefined
      ? 'one child per CPU (unless the app sets worker_concurrency)'
      : `${memory.children}${memory.autoscaled ? ' (the --autoscale maximum)' : ''} child${memory.children === 1 ? '' : 'ren'}`;
  const total = memory.totalKiB === undefined ? '' : ` = ${mb(memory.totalKiB * 1024)}`;
  const processes = `${memory.processes} process${memory.processes === 1 ? '' : 'es'}`;
  return `${formatNumber(memory.perChildKiB)} KiB = ${perChild} per child: a child whose peak memory has gone above it is replaced after its task. ${perChild} × ${children} × ${processes}${total} in all. Not a cap: a child can grow past it during a task, and each worker's main process comes on top.`;
}

/** What a wrapped command really runs, e.g. through `bash -c` → `exec` → `uv run`. */
function serviceHover(command: CommandLine, range: Range): Hover {
  const { words, wrappers } = command.service;
  const runs = words.length ? words.map((w) => w.value).join(' ') : '(nothing)';
  return markdown(`Runs through ${wrappers.map((w) => `\`${w}\``).join(' → ')}:\n\n\`\`\`sh\n${runs}\n\`\`\``, range);
}

function commandHover(program: Program, numprocs: number, offset: number): Hover | undefined {
  const command = program.command!;
  const at = (w: ShellWord) => w.start <= offset && offset < w.end;
  // The service's words first: inside a `-c` script they lie within a word of the command line.
  const serviceIndex = command.service.words.findIndex(at);
  const word = command.service.words[serviceIndex] ?? command.split.words.find(at);
  if (!word) return undefined;
  const range = command.rangeOf(word.start, word.end);
  // On a wrapper (or on the program found behind them): what really runs.
  if (command.service.wrappers.length > 0 && serviceIndex <= 0) return serviceHover(command, range);
  const celery = command.celeryCommand;
  if (celery) {
    const inside = (start: number | undefined, end: number | undefined) => start !== undefined && start <= offset && offset < end!;
    // Several options can share a word (`-EPgevent`): the one under the cursor, else the word's first.
    const candidates = celery.options.filter((o) => o.firstWord === serviceIndex || inside(o.valueStart, o.valueEnd));
    const option = candidates.find((o) => inside(o.flagStart, o.flagEnd) || inside(o.valueStart, o.valueEnd)) ?? candidates[0];
    if (!option) return undefined;
    const docs = [optionDocs(option.spec)];
    if (option.placement === 'after' && option.scope === 'global')
      docs.push('⚠ A global option: Celery accepts it only before the subcommand.');
    if (option.placement === 'before' && option.scope !== 'global')
      docs.push(`⚠ A ${option.scope} option: Celery accepts it only after the subcommand.`);
    const note = command.celery && option.name === 'maxMemoryPerChild' ? memoryLimitNote(program, numprocs, option.value ?? '') : undefined;
    if (note) docs.push(note);
    return markdown(docs.join('\n\n'), range);
  }
  const memmon = command.memmon;
  if (memmon) {
    const limit = memmon.limits.find((l) => (l.nameStart ?? l.sizeStart) <= offset && offset < l.sizeEnd);
    const flag = word.value.startsWith('--') ? word.value.split('=')[0] : word.value.slice(0, 2);
    const option = findOption(MEMMON_OPTIONS, flag);
    const docs = option ? [optionDocs(option)] : [];
    if (limit) {
      const bytes = parseByteSize(limit.size);
      const target =
        limit.kind === 'any'
          ? 'any process'
          : limit.kind === 'group'
            ? `the processes of group \`${limit.name}\``
            : `every process named \`${limit.name}\``;
      if (bytes === undefined) docs.push(`\`${limit.size}\` is not a size memmon can read.`);
      else if (limit.kind === 'program' && limit.name?.includes(':'))
        docs.push('memmon cannot use `group:name` here: it looks the size up under the bare name and dies with a KeyError.');
      else docs.push(`Restarts ${target} above ${mb(bytes)} of resident memory.`);
      if (!option) docs.unshift(optionDocs(MEMMON_OPTIONS.find((o) => o.name === limit.kind)!));
    }
    return docs.length ? markdown(docs.join('\n\n'), range) : undefined;
  }
  return undefined;
}

export function hover(analysis: Modelled, position: Position): Hover | undefined {
  const model = analysis.model;
  const spot = locate(model, position);
  if (spot.kind === 'outside' || spot.kind === 'line') return undefined;
  const schema = sectionSchema(spot.node.name);
  const section = model.section(spot.node.name);
  const program = section && model.programOf(section);
  // A program copied in other files (a conf.d override file) runs as supervisord merges the copies.
  const readingOrder = program ? analysis.context.readingOrder : [model];
  const run = program && programAsRun(readingOrder, program);
  if (spot.kind === 'header') {
    if (spot.part === 'name' && program) return markdown(programHover(program, run!), spot.node.argRange);
    if (spot.part === 'name') {
      const group = model.groups.find((g) => g.section === section);
      if (group)
        return markdown(
          `**[${group.section.name}]**: ${group.members.map((m) => `\`${m.written}\``).join(', ') || 'no programs'}.`,
          spot.node.argRange,
        );
    }
    return schema ? markdown(sectionDocs(schema), spot.node.headerRange) : undefined;
  }
  const key = schema && (keySchema(schema, spot.entry.key) ?? passedOnKeySchema(schema, spot.entry.key));
  if (spot.kind === 'key') return key ? markdown(keyDocs(key), spot.entry.keyRange) : undefined;
  const expansion = expansionHover(model, section, spot.entry, spot.offset, run, readingOrder);
  if (expansion) return expansion;
  if (key?.type === 'command' && program?.command?.entry === spot.entry) {
    const commandInfo = commandHover(program, run!.numprocs, spot.offset);
    if (commandInfo) return commandInfo;
  }
  if (key?.type === 'byte-size') {
    const bytes = parseByteSize(spot.entry.value);
    if (bytes !== undefined)
      return markdown(`\`${spot.entry.value}\` = ${formatNumber(bytes)} bytes (${mb(bytes)}).\n\n${keyDocs(key)}`, spot.entry.range);
  }
  if (!key) return undefined;
  const note =
    key.type === 'logfile' && program && !spot.entry.value.includes('%')
      ? logFileNote(readingOrder, program, key, spot.entry.value.trim())
      : valueNote(key, spot.entry.value, program);
  return markdown(note ? `${note}\n\n${keyDocs(key)}` : keyDocs(key), spot.entry.range);
}
