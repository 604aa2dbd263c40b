import type { ConfigModel, ConfigSection } from '../../analysis/model';
import { parsePythonInt } from '../../analysis/pythonInt';
import { defineRule } from '../define';
import { placeOfCopy, readAcross } from '../mergedSections';
import type { SectionFound } from '../../analysis/workspace';
import { pathFrom } from './shared';
import type { Finding, RuleContext } from '../types';

/** The sections that make a process group, in the order the loader builds their groups (before it sorts them). */
const GROUP_KINDS = ['group', 'program', 'eventlistener', 'fcgi-program'] as const;

/** A section that makes a process group of its own, where it is. */
interface GroupMaker {
  model: ConfigModel;
  section: ConfigSection;
  /** Its group's priority, undefined when only the server knows it. */
  priority: number | undefined;
}

export const duplicateGroupName = defineRule({
  id: 'config/duplicate-group-name',
  severity: 'warning',
  summary:
    'Two sections that make a process group of the same name, such as `[program:x]` and `[eventlistener:x]`: supervisord silently starts only one of them.',
  docs: {
    what: `Sections of different kinds that each make a supervisord process group of the same name, in one file or across
the files of a configuration: a \`[group:x]\`, and a \`[program:x]\`, \`[fcgi-program:x]\` or \`[eventlistener:x]\` that no
\`[group:y]\` of the configuration lists, in whichever file (each of those is a group of its own). Each such header is
marked, naming the other and which one supervisord keeps. A program that a group lists is part of that group, not a
group of its own, so \`[group:web]\` with \`programs=web\` is fine.`,
    why: `The loader accepts the file: it builds one group per such section and sorts them by \`priority\`, then by name. When
supervisord starts, it adds the groups in that order and skips a group whose name it already has, without a word in
its log. The skipped section's processes are never started, \`supervisorctl status\` does not list them, and
\`supervisorctl start x:*\` starts the other group. Event listeners have priority -1 by default and the others 999,
so a listener named like a program wins over it; at equal priority, a \`[group:x]\` comes first, then programs, event
listeners and fcgi-programs.`,
    fix: `Rename one of the sections, and every place that names it (\`programs=\` lists, memmon's \`-p\`/\`-g\`, scripts that
call \`supervisorctl\`). Renaming a program is one action in the editor: Rename Symbol on its header.`,
    references: [
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.process_groups_from_parser` (groups, then programs no group lists, event listeners and fcgi-programs, then `groups.sort()`), `Config.__lt__` (priority, then name)',
      'Supervisor 4.2.5 `supervisor/supervisord.py`: `Supervisor.add_process_group` (a group whose name is taken is not added)',
    ],
  },
  examples: [
    {
      title: 'A memmon listener named like the worker it watches: the listener sorts first, the worker never starts',
      config: `«[program:worker]»
command=/srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600

«[eventlistener:worker]»
command=/srv/app/venv/bin/memmon -p worker=1GB
events=TICK_60
`,
    },
    {
      title: 'A group named after its only program',
      config: `[group:worker]
programs=worker

[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
`,
    },
  ],
  check(context) {
    const { model } = context;
    const findings: Finding[] = [];
    for (const section of candidates(context)) {
      const name = nameOf(section);
      // Each kind's sections of this name, in the order the loader builds the groups (its stable sort keeps that
      // order at equal priority). Nearly every name is made by one kind alone: then no priority is read.
      const copies = GROUP_KINDS.map((kind) => context.sectionsNamed(`${kind}:${name}`));
      if (copies.filter((parts) => parts.length > 0).length < 2) continue;
      if (section.kind !== 'group' && section.kind !== 'eventlistener' && context.isGrouped(name)) continue;
      const all = GROUP_KINDS.map((kind, k) => makerOf(context, kind, name, copies[k])).filter((m) => m !== undefined);
      if (all.length < 2) continue;
      const kept = keptOf(all);
      const others = all.filter((other) => other.section.name !== section.name);
      const where = others.map((other) => `[${other.section.name}] (${placeOf(model, other)})`).join(', ');
      const outcome =
        kept === undefined
          ? 'supervisord keeps the one with the lower priority (which only the server knows here) and silently skips the others'
          : kept.section.name === section.name
            ? 'supervisord starts this one and silently skips the others'
            : `supervisord starts [${kept.section.name}] and silently skips this one: its processes never run`;
      findings.push({
        range: section.nodes[0].headerRange,
        message: `[${section.name}] makes a process group named ${name}, and so does ${where}: ${outcome}`,
      });
    }
    return findings;
  },
});

const nameOf = (section: ConfigSection) => section.arg!.trim();

/**
 * The sections of this file that may make a process group of their own (a program or fcgi-program does unless a
 * [group:x] in any file of the configuration takes it in, which is asked later). In a file alone, only those whose
 * name another of them makes too: that takes a section of another kind than [program:x] (a group, an event listener or
 * an fcgi-program), so the programs are looked at for their kind only, and each other section's name looked up (on
 * every keystroke in a file of thousands).
 */
function candidates(context: RuleContext): ConfigSection[] {
  const { model } = context;
  const all: ConfigSection[] = [];
  for (const group of model.groups) all.push(group.section);
  if (!context.singleFile) {
    for (const program of model.programs) all.push(program.section);
    return all;
  }
  for (const program of model.programs) if (program.kind !== 'program') all.push(program.section);
  const made = new Map<string, number>();
  for (const section of all) made.set(nameOf(section), (made.get(nameOf(section)) ?? 0) + 1);
  const twice = new Set<ConfigSection>();
  for (const section of all) {
    // The [program:x] of the name, found as the check finds it (by the section's name).
    const plain = model.section(`program:${nameOf(section)}`);
    if (plain) twice.add(plain).add(section);
    else if (made.get(nameOf(section))! > 1) twice.add(section);
  }
  return [...twice];
}

type GroupKind = (typeof GROUP_KINDS)[number];

function maker(model: ConfigModel, section: ConfigSection, kind: GroupKind, written: string | undefined): GroupMaker {
  // The loader's defaults: event listeners start first and stop last.
  const priority = written === undefined ? (kind === 'eventlistener' ? -1 : 999) : parsePythonInt(written);
  return { model, section, priority };
}

/**
 * The section of a kind and name (whose copies in the configuration's files are `parts`) that makes a group of its
 * own, if one does: one section even when several files have a copy (config/duplicate-section-across-files), seen
 * from this file's copy if it has one.
 */
function makerOf(context: RuleContext, kind: GroupKind, name: string, parts: readonly SectionFound[]): GroupMaker | undefined {
  if (parts.length === 0) return undefined;
  const { model, section } = parts[placeOfCopy(parts, context.model)] ?? parts[0];
  const grouped = (kind === 'program' || kind === 'fcgi-program') && context.isGrouped(name);
  // priority= as supervisord merges the copies of the section (an override file may set it).
  return grouped ? undefined : maker(model, section, kind, readAcross(context, parts, 'priority')?.entry.value);
}

/** The one supervisord keeps: the first by priority, in the loader's order at equal priority; undefined if unknown. */
function keptOf(all: GroupMaker[]): GroupMaker | undefined {
  if (all.some((m) => m.priority === undefined)) return undefined;
  return all.reduce((best, m) => (m.priority! < best.priority! ? m : best));
}

function placeOf(model: ConfigModel, other: GroupMaker): string {
  const line = `line ${other.section.nodes[0].line + 1}`;
  return other.model === model || !other.model.path ? line : `${pathFrom(model, other.model)}, ${line}`;
}
