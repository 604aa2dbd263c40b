// Hover from the schema and the model: sections, keys, values (sizes in MB, what `%(name)s` expands to), and the
// Celery and memmon options of a `command=` line.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { locate } from '../analysis/locate';
import type { ConfigModel, Program } from '../analysis/model';
import { expansionRefs } from '../analysis/expand';
import { parsePythonInt } from '../analysis/pythonInt';
import { parseByteSize } from '../analysis/byteSize';
import { workerMemory } from '../analysis/workerMemory';
import type { Analysis } from '../lint';
import { valueRange, type Entry, type Range } from '../parser';
import { findOption, keySchema, MEMMON_OPTIONS, sectionSchema, type CommandOption } from '../schema';
import { keyDocs, sectionDocs } from './docs';
import { valueNote } from './valueHover';

const markdown = (value: string, range?: Range): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;

function programHover(program: Program): string {
  const names = program.processNames;
  const processes = names ? names.map((n) => `\`${n}\``).join(', ') : 'names depend on the server';
  const lines = [`**[${program.section.name}]**: ${program.numprocs} process${program.numprocs === 1 ? '' : 'es'} (${processes}) in group \`${program.groupName}\`.`];
  if (program.command) lines.push('```sh\n' + program.command.entry.value + '\n```');
  return lines.join('\n\n');
}

function expansionHover(model: ConfigModel, entry: Entry, offset: number, program: Program | undefined): Hover | undefined {
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
      const start = parsePythonInt((program && model.lookup(program.section, 'numprocs_start')?.value) ?? '0') ?? 0;
      meaning = program ? `the process number: ${Array.from({ length: Math.min(program.numprocs, 10) }, (_, i) => start + i).join(', ')}${program.numprocs > 10 ? ', …' : ''}` : 'the process number';
      break;
    }
    case 'numprocs':
      meaning = program ? `\`${program.numprocs}\`` : 'the number of processes';
      break;
    case 'here':
      meaning = model.path ? `\`${model.path.replace(/\/[^/]*$/, '') || '/'}\` (the directory of this file)` : 'the directory of this file';
      break;
    case 'host_node_name':
      meaning = "the server's host name (`platform.node()`)";
      break;
    default:
      meaning = ref.name.startsWith('ENV_') ? `the environment variable \`${ref.name.slice(4)}\` as supervisord sees it` : 'nothing: supervisord cannot expand this name here';
  }
  return markdown(`\`%(${ref.name})${ref.conversion}\` expands to ${meaning}.`, valueRange(entry, ref.start, ref.end));
}

function optionDocs(option: CommandOption): string {
  const flags = [option.short, option.long].filter(Boolean).join(', ');
  return `**${flags}**${option.value ? ` \`${option.value}\`` : ''}\n\n${option.description}`;
}

function commandHover(program: Program, offset: number): Hover | undefined {
  const command = program.command!;
  const word = command.split.words.find((w) => w.start <= offset && offset < w.end);
  if (!word) return undefined;
  const range = command.rangeOf(word.start, word.end);
  const celery = command.celeryCommand;
  if (celery) {
    const wordIndex = command.split.words.indexOf(word);
    const inside = (start: number | undefined, end: number | undefined) => start !== undefined && start <= offset && offset < end!;
    // Several options can share a word (`-EPgevent`): the one under the cursor, else the word's first.
    const candidates = celery.options.filter((o) => o.firstWord === wordIndex || inside(o.valueStart, o.valueEnd));
    const option = candidates.find((o) => inside(o.flagStart, o.flagEnd) || inside(o.valueStart, o.valueEnd)) ?? candidates[0];
    if (!option) return undefined;
    const docs = [optionDocs(option.spec)];
    if (option.placement === 'after' && option.scope === 'global') docs.push('⚠ A global option: Celery accepts it only before the subcommand.');
    if (option.placement === 'before' && option.scope !== 'global') docs.push(`⚠ A ${option.scope} option: Celery accepts it only after the subcommand.`);
    const worker = command.celery;
    const memory = worker && option.name === 'maxMemoryPerChild' ? workerMemory(program) : undefined;
    if (worker && memory) {
      const perChild = mb(memory.perChildKiB * 1024);
      const children = memory.concurrency === undefined ? 'the CPU count' : String(memory.concurrency);
      const total = memory.totalKiB === undefined ? '' : ` = ${mb(memory.totalKiB * 1024)}`;
      docs.push(
        `${memory.perChildKiB.toLocaleString('en')} KiB = ${perChild} per child. Worst case: ${perChild} × ${children} children × ${memory.processes} process${memory.processes === 1 ? '' : 'es'}${total} before any child is replaced.`,
      );
      if (worker.pool() !== 'prefork') docs.push(`⚠ The \`${worker.pool()}\` pool ignores this limit.`);
    }
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
      const target = limit.kind === 'any' ? 'any process' : limit.kind === 'group' ? `the processes of group \`${limit.name}\`` : `process \`${limit.name}\``;
      docs.push(bytes === undefined ? `\`${limit.size}\` is not a size memmon can read.` : `Restarts ${target} above ${mb(bytes)} of resident memory.`);
      if (!option) docs.unshift(optionDocs(MEMMON_OPTIONS.find((o) => o.name === limit.kind)!));
    }
    return docs.length ? markdown(docs.join('\n\n'), range) : undefined;
  }
  return undefined;
}

export function hover(analysis: Analysis, position: Position): Hover | undefined {
  const model = analysis.model;
  const spot = locate(model, position);
  if (spot.kind === 'outside' || spot.kind === 'line') return undefined;
  const schema = sectionSchema(spot.node.name);
  const section = model.section(spot.node.name);
  const program = section && model.programOf(section);
  if (spot.kind === 'header') {
    if (spot.part === 'name' && program) return markdown(programHover(program), spot.node.argRange);
    if (spot.part === 'name') {
      const group = model.groups.find((g) => g.section === section);
      if (group) return markdown(`**[${group.section.name}]**: ${group.members.map((m) => `\`${m.name}\``).join(', ') || 'no programs'}.`, spot.node.argRange);
    }
    return schema ? markdown(sectionDocs(schema), spot.node.headerRange) : undefined;
  }
  const key = schema && keySchema(schema, spot.entry.key);
  if (spot.kind === 'key') return key ? markdown(keyDocs(key), spot.entry.keyRange) : undefined;
  const expansion = expansionHover(model, spot.entry, spot.offset, program);
  if (expansion) return expansion;
  if (key?.type === 'command' && program?.command?.entry === spot.entry) {
    const commandInfo = commandHover(program, spot.offset);
    if (commandInfo) return commandInfo;
  }
  if (key?.type === 'byte-size') {
    const bytes = parseByteSize(spot.entry.value);
    if (bytes !== undefined) return markdown(`\`${spot.entry.value}\` = ${bytes.toLocaleString('en')} bytes (${mb(bytes)}).\n\n${keyDocs(key)}`, spot.entry.range);
  }
  if (!key) return undefined;
  const note = valueNote(key, spot.entry.value, program);
  return markdown(note ? `${note}\n\n${keyDocs(key)}` : keyDocs(key), spot.entry.range);
}
