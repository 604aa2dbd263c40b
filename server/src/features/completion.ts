// Completion from the schema and the model: section headers, the keys a section still lacks, values of typed keys,
// Celery and memmon options inside `command=`, program and group names, and `%(` expansion names.
import type { CompletionItem, Position, Range } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from '../lsp';
import type { Modelled } from '../lint';
import type { CommandLine } from '../analysis/commandLine';
import { locate, type Spot } from '../analysis/locate';
import { programAsRun, readAcrossFiles, type ConfigModel } from '../analysis/model';
import { usesSpacedEquals } from '../analysis/style';
import { isTcpFcgiSocket, pythonBoolean } from '../analysis/valueCheck';
import { valuePositionAt, valueRange, type Entry, type Section } from '../parser';
import {
  celeryOptionsOn,
  findOption,
  EVENT_NAMES,
  keySchema,
  MEMMON_OPTIONS,
  SECTIONS,
  sectionSchema,
  ALL_KEY_NAMES,
  type CommandOption,
  type KeySchema,
  type SectionSchema,
} from '../schema';
import { keyDocs, sectionDocs } from './docs';

export interface CompletionOptions {
  snippets: boolean;
}

const SINGLETONS = new Set(['supervisord', 'supervisorctl', 'include', 'unix_http_server', 'inet_http_server']);

/**
 * What a snippet inserts as plain text: escapes undone, a placeholder's default or first choice, tab stops dropped.
 * One pass (placeholders are not nested in our snippets).
 */
export function snippetText(snippet: string): string {
  let text = '';
  let inPlaceholder = false;
  let inChoices = false;
  let pastFirstChoice = false;
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length) {
      if (!pastFirstChoice) text += snippet[i + 1];
      i++;
    } else if (c === '$' && isDigit(snippet[i + 1])) {
      while (isDigit(snippet[i + 1])) i++;
    } else if (c === '$' && snippet[i + 1] === '{' && isDigit(snippet[i + 2])) {
      i += 2;
      while (isDigit(snippet[i + 1])) i++;
      inPlaceholder = snippet[i + 1] !== '}';
      inChoices = snippet[i + 1] === '|';
      i++;
    } else if (inChoices && (c === ',' || c === '|')) {
      pastFirstChoice = true;
      if (c === '|' && snippet[i + 1] === '}') [inPlaceholder, inChoices, pastFirstChoice, i] = [false, false, false, i + 1];
    } else if (inPlaceholder && !inChoices && c === '}') {
      inPlaceholder = false;
    } else if (!pastFirstChoice) {
      text += c;
    }
  }
  return text;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

function item(
  label: string,
  kind: CompletionItemKind,
  range: Range,
  insert: string,
  options: CompletionOptions,
  extra: Partial<CompletionItem> = {},
): CompletionItem {
  const snippet = options.snippets && /\$\{?\d/.test(insert);
  const text = snippet ? insert : snippetText(insert);
  return {
    label,
    kind,
    textEdit: { range, newText: text },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    ...extra,
  };
}

function sectionHeaders(model: ConfigModel, range: Range, options: CompletionOptions): CompletionItem[] {
  return SECTIONS.filter((s) => !(SINGLETONS.has(s.kind) && model.section(s.kind))).map((schema) => {
    const insert = schema.named ? `[${schema.kind}:\${1:${schema.kind === 'rpcinterface' ? 'supervisor' : 'name'}}]` : `[${schema.kind}]`;
    return item(schema.named ? `[${schema.kind}:…]` : `[${schema.kind}]`, CompletionItemKind.Module, range, insert, options, {
      filterText: `[${schema.kind}`,
      documentation: { kind: MarkupKind.Markdown, value: sectionDocs(schema) },
    });
  });
}

/** `key=` followed by a placeholder for the value (`preferred` first), in the file's style of `=` spacing. */
function keyInsert(key: KeySchema, spaced: boolean, preferred: string | undefined): string {
  const eq = spaced ? ' = ' : '=';
  const choices = key.values;
  if (choices && choices.length > 0) {
    const ordered = preferred && choices.includes(preferred) ? [preferred, ...choices.filter((c) => c !== preferred)] : choices;
    return `${key.name}${eq}\${1|${ordered.map((c) => c.replace(/[,|]/g, '\\$&')).join(',')}|}`;
  }
  return `${key.name}${eq}\${1:${(preferred ?? '').replace(/[$}\\]/g, '\\$&')}}`;
}

/**
 * A value to offer first where the key's default would be refused in this section, as supervisord merges its copies in
 * the configuration's files (`readingOrder`): an override file's section is another file's program.
 */
function validDefault(model: ConfigModel, readingOrder: readonly ConfigModel[], node: Section, key: KeySchema): string | undefined {
  const section = model.section(node.name);
  if (!section) return undefined;
  const program = model.programOf(section);
  // numprocs > 1 needs %(process_num) in every process name; stopasgroup=true refuses killasgroup=false.
  if (key.name === 'process_name' && program && programAsRun(readingOrder, program).numprocs > 1)
    return '%(program_name)s_%(process_num)02d';
  if (key.name === 'killasgroup' && pythonBoolean(readAcrossFiles(readingOrder, node.name, 'stopasgroup')?.entry.value ?? '') === true)
    return 'true';
  return undefined;
}

/** Keys supervisord refuses in this section as it stands (with its copies): socket ownership and mode need a UNIX socket. */
function refusedHere(readingOrder: readonly ConfigModel[], node: Section, key: KeySchema): boolean {
  if (key.name !== 'socket_owner' && key.name !== 'socket_mode') return false;
  const socket = readAcrossFiles(readingOrder, node.name, 'socket')?.entry.value;
  return socket !== undefined && isTcpFcgiSocket(socket);
}

function keys(analysis: Modelled, node: Section, range: Range, options: CompletionOptions, current?: Entry): CompletionItem[] {
  const { model } = analysis;
  const readingOrder = model.section(node.name) ? analysis.context.readingOrder : [model];
  const schema = sectionSchema(node.name);
  const candidates: KeySchema[] = schema
    ? [...schema.keys]
    : node.name === 'DEFAULT'
      ? [
          ...new Map(
            SECTIONS.flatMap((s) => s.keys)
              .filter((k) => ALL_KEY_NAMES.has(k.name))
              .map((k) => [k.name, k]),
          ).values(),
        ]
      : [];
  const set = model.section(node.name)?.entries;
  const spaced = usesSpacedEquals(model);
  return candidates
    .filter((k) => (!set?.has(k.name) || k.name === current?.key) && !refusedHere(readingOrder, node, k))
    .map((key) =>
      item(
        key.name,
        CompletionItemKind.Property,
        range,
        current ? key.name : keyInsert(key, spaced, validDefault(model, readingOrder, node, key) ?? key.default),
        options,
        {
          detail: key.required ? `${key.type} (required)` : key.type,
          documentation: { kind: MarkupKind.Markdown, value: keyDocs(key) },
          sortText: `${key.required ? 0 : 1}${key.name}`,
        },
      ),
    );
}

/** The list item (comma-separated) or word (space-separated) around an offset of a value. */
function itemAround(value: string, offset: number, separators: string): { start: number; end: number; text: string } {
  let start = offset;
  while (start > 0 && !separators.includes(value[start - 1])) start--;
  let end = offset;
  while (end < value.length && !separators.includes(value[end])) end++;
  while (start < offset && value[start] === ' ') start++;
  return { start, end, text: value.slice(start, offset) };
}

function words(
  values: readonly string[],
  range: Range,
  options: CompletionOptions,
  kind: CompletionItemKind = CompletionItemKind.EnumMember,
): CompletionItem[] {
  return values.map((v) => item(v, kind, range, v, options));
}

function expansionItems(
  model: ConfigModel,
  key: KeySchema,
  entry: Entry,
  offset: number,
  options: CompletionOptions,
): CompletionItem[] | undefined {
  const open = entry.value.lastIndexOf('%(', offset);
  if (open === -1 || entry.value.slice(open + 2, offset).includes(')') || !/^[\w]*$/.test(entry.value.slice(open + 2, offset)))
    return undefined;
  const close = entry.value.indexOf(')', offset);
  const end = close !== -1 && /^[\w]*$/.test(entry.value.slice(offset, close)) ? close + 1 : offset;
  const range = valueRange(entry, open, end);
  const allowed = (key.expansions ?? []).flatMap((name) => (name === 'ENV' ? [] : [name]));
  if (model.section('include') && !allowed.includes('here')) allowed.push('here');
  const conversion = (name: string) => (name === 'process_num' || name === 'numprocs' ? 'd' : 's');
  const items = allowed.map((name) =>
    item(`%(${name})${conversion(name)}`, CompletionItemKind.Variable, range, `%(${name})${conversion(name)}`, options, {
      filterText: `%(${name}`,
    }),
  );
  if (key.expansions?.includes('ENV')) {
    items.push(
      item('%(ENV_…)s', CompletionItemKind.Variable, range, '%(ENV_${1:NAME})s', options, {
        filterText: '%(ENV_',
        detail: 'an environment variable of supervisord',
      }),
    );
  }
  return items;
}

function optionItems(list: readonly CommandOption[], range: Range, options: CompletionOptions, present: Set<string>): CompletionItem[] {
  return list
    .filter((o) => !present.has(o.long))
    .map((o) => {
      const choices = o.values ? `\${1|${o.values.join(',')}|}` : `\${1:${o.value}}`;
      const insert = o.value ? `${o.long}=${choices}` : o.long;
      return item(o.long, CompletionItemKind.Field, range, insert, options, {
        detail: [o.short, o.value].filter(Boolean).join(' '),
        documentation: { kind: MarkupKind.Markdown, value: o.description },
      });
    });
}

/** The offset lies after the service's program word and, for a service inside a `-c` script, before the script's closing quote. */
function withinService(command: CommandLine, offset: number): boolean {
  const program = command.service.words[0];
  if (!program || offset <= program.end) return false;
  if (program.embedded === undefined) return true;
  const script = command.split.words.find((w) => w.start <= program.start && program.start < w.end);
  return script !== undefined && offset < script.end;
}

function commandItems(analysis: Modelled, node: Section, entry: Entry, offset: number, options: CompletionOptions): CompletionItem[] {
  const section = analysis.model.section(node.name);
  const program = section && analysis.model.programOf(section);
  const command = program?.command;
  if (!command || command.entry !== entry || !withinService(command, offset)) return [];
  const list = command.service.words;
  const index = list.findIndex((w) => w.start <= offset && offset <= w.end);
  const word = index === -1 ? undefined : list[index];
  const typed = word ? entry.value.slice(word.start, offset) : '';
  const range = word
    ? valueRange(entry, word.start, word.end)
    : { start: valuePositionAt(entry, offset), end: valuePositionAt(entry, offset) };
  const previous = list[index === -1 ? list.filter((w) => w.end < offset).length - 1 : index - 1]?.value;
  const celery = command.celeryCommand;
  if (celery) {
    const at = index === -1 ? list.filter((w) => w.end < offset).length : index;
    if (at <= celery.programWordIndex) return [];
    const placement = celery.subcommandIndex === undefined || at < celery.subcommandIndex ? 'before' : 'after';
    const table = celeryOptionsOn(placement, celery.subcommand);
    const equals = typed.startsWith('--') ? typed.indexOf('=') : -1;
    if (equals >= 0) {
      const values = findOption(table, typed.slice(0, equals))?.values ?? [];
      return words(values, valueRange(entry, word!.start + equals + 1, word!.end), options);
    }
    const taking = previous === undefined ? undefined : findOption(table, previous);
    if (taking?.value) return words(taking.values ?? [], range, options);
    if (typed.startsWith('-') || typed === '') {
      const present = new Set(celery.options.filter((o) => o.placement === placement).map((o) => o.spec.long));
      return optionItems(table, range, options, present);
    }
    return [];
  }
  if (command.memmon) {
    const limitKind = previous === undefined ? undefined : findOption(MEMMON_OPTIONS, previous)?.name;
    if (limitKind === 'program') {
      return analysis.processes
        .processNames()
        .map((name) => item(name, CompletionItemKind.Reference, range, `${name}=\${1:512MB}`, options, { filterText: name }));
    }
    if (limitKind === 'group') {
      return analysis.processes
        .groupNames()
        .map((name) => item(name, CompletionItemKind.Reference, range, `${name}=\${1:1GB}`, options, { filterText: name }));
    }
    if (typed.startsWith('-') || typed === '') return optionItems(MEMMON_OPTIONS, range, options, new Set());
  }
  return [];
}

function values(analysis: Modelled, spot: Extract<Spot, { kind: 'value' }>, options: CompletionOptions): CompletionItem[] {
  const { node, entry, offset } = spot;
  const schema: SectionSchema | undefined = sectionSchema(node.name);
  const key = schema && keySchema(schema, entry.key);
  if (!key) return [];
  const expansions = expansionItems(analysis.model, key, entry, offset, options);
  if (expansions) return expansions;
  if (key.type === 'command') return commandItems(analysis, node, entry, offset, options);
  if (key.type === 'event-names' || key.type === 'program-list') {
    const around = itemAround(entry.value, offset, ',');
    const range = valueRange(entry, around.start, around.end);
    const listed = new Set(entry.value.split(',').map((v) => v.trim()));
    const names = key.type === 'event-names' ? EVENT_NAMES : analysis.processes.programNames();
    return words(
      names.filter((n) => !listed.has(n) || n === around.text.trim()),
      range,
      options,
      key.type === 'program-list' ? CompletionItemKind.Reference : CompletionItemKind.EnumMember,
    );
  }
  if (key.values) {
    const around = itemAround(entry.value, offset, '');
    return words(key.values, valueRange(entry, around.start, around.end), options);
  }
  return [];
}

export function completion(analysis: Modelled, position: Position, options: CompletionOptions): CompletionItem[] {
  const spot = locate(analysis.model, position);
  const lineRange = (prefix: string): Range => ({
    start: { line: position.line, character: position.character - prefix.trimStart().length },
    end: position,
  });
  switch (spot.kind) {
    case 'outside':
      return /^\s*\[?[\w:-]*$/.test(spot.prefix) ? sectionHeaders(analysis.model, lineRange(spot.prefix), options) : [];
    case 'header':
      return [];
    case 'line':
      if (/^\[[\w:-]*$/.test(spot.prefix)) return sectionHeaders(analysis.model, lineRange(spot.prefix), options);
      if (/^[\w.]*$/.test(spot.prefix)) return keys(analysis, spot.node, lineRange(spot.prefix), options);
      return [];
    case 'key':
      return keys(analysis, spot.node, spot.entry.keyRange, options, spot.entry);
    case 'value':
      return values(analysis, spot, options);
  }
}
