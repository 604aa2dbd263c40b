// The language server analyses a file again on every keystroke. A rule whose scope is 'section' finds, in each
// section, what depends only on that section and on the configuration's other sections than programs; so after an
// edit that touched program sections only, the findings of every other section are carried over (moved by the lines
// the edit added or removed) and the rule runs on the touched sections alone.
import { isProgramSection, type ConfigModel } from '../analysis/model';
import type { ConfigFile, Position, Range, Section } from '../parser';
import type { Finding, Fix, Rule, RuleContext } from './types';

/** What the findings of one analysis were made from, kept for the analysis of the file's next version. */
export interface FindingsMemo {
  /** The text before the first section (undefined without sections). */
  preamble?: string;
  /** The sections in file order, each with its first line, and the file's line count, when the findings were made. */
  sections: Section[];
  lines: Map<Section, number>;
  lineCount: number;
  /** The settings and the configuration's state the findings were made with. */
  key: string;
  /** The configuration's other files. */
  others: readonly ConfigModel[];
  /** Findings of each section-scoped rule by the program section they lie in (a rule with others is not kept). */
  findings: Map<string, Map<Section, Finding[]>>;
}

export interface Reuse {
  /** The context narrowed to the touched program sections: a rule run on it finds what the edit may have changed. */
  touched: RuleContext;
  /** Whether a finding lies in a touched section (one that does not was about something else: run the rule on all). */
  inTouched(finding: Finding): boolean;
  /** A rule's findings in the untouched sections, at their new positions; undefined when it did not run last time. */
  carried(rule: Rule): Finding[] | undefined;
}

export const reusable = (rule: Rule) => rule.scope === 'section' && !rule.hostDependent;

const keyOf = (context: RuleContext) => JSON.stringify([context.settings, context.complete, context.model.path, context.model.isFragment]);

const others = (context: RuleContext) => context.configuration.filter((m) => m !== context.model);

/** The text before the first section: comments and lines there are read by rules of every scope. */
function preamble(text: string, file: ConfigFile): string | undefined {
  const first = file.sections[0];
  return first && text.slice(0, file.lineStarts[first.line]);
}

/** How the findings of `memo` carry over to `context`, or undefined when every rule must run on the whole file. */
export function planReuse(memo: FindingsMemo | undefined, context: RuleContext): Reuse | undefined {
  const { model } = context;
  if (!memo || memo.key !== keyOf(context)) return undefined;
  const now = others(context);
  if (now.length !== memo.others.length || now.some((m, i) => m !== memo.others[i])) return undefined;
  const head = preamble(model.text, model.file);
  if (head === undefined || head !== memo.preamble) return undefined;
  const sections = model.file.sections;
  const current = new Set(sections);
  const touched = sections.filter((s) => !memo.lines.has(s));
  const removed = memo.sections.filter((s) => !current.has(s));
  // Only program sections, each alone under its name: every other section is read by the findings of all.
  if (!removed.length || ![...touched, ...removed].every(isProgramSection)) return undefined;
  // A name shared with an untouched section merges the two: that section's findings may change as well.
  const touchedSet = new Set(touched);
  const alone = (name: string) => model.section(name)?.nodes.every((node) => touchedSet.has(node)) ?? true;
  if (![...touched, ...removed].every((s) => alone(s.name))) return undefined;

  // One edit: the sections after it moved by the lines it added; those before it did not move.
  const moved = model.file.lineStarts.length - memo.lineCount;
  const firstRemoved = memo.sections.indexOf(removed[0]);
  const after = memo.sections.slice(firstRemoved).find((s) => current.has(s));
  const from = after ? memo.lines.get(after)! : Infinity;
  const place = (p: Position): Position => (p.line >= from ? { line: p.line + moved, character: p.character } : p);
  const move = (r: Range): Range => (r.start.line >= from || r.end.line >= from ? { start: place(r.start), end: place(r.end) } : r);
  const moveFix = (fix: Fix): Fix => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: move(e.range) })) });
  const moveFinding = (f: Finding): Finding =>
    moved === 0 ? f : { ...f, range: move(f.range), ...(f.fixes ? { fixes: f.fixes.map(moveFix) } : {}) };

  const programs = model.programs.filter((p) => p.section.nodes.some((n) => touchedSet.has(n)));
  const view: ConfigModel = {
    text: model.text,
    file: { ...model.file, sections: touched },
    path: model.path,
    sections: programs.map((p) => p.section),
    section: model.section,
    lookup: model.lookup,
    programs,
    programOf: model.programOf,
    groups: [],
    isFragment: model.isFragment,
    limits: [],
  };
  return {
    touched: { ...context, model: view },
    inTouched: (finding) => touchedSet.has(sectionAt(sections, finding.range.start.line)!),
    carried(rule) {
      const bySection = memo.findings.get(rule.id);
      if (!bySection) return undefined;
      // Few sections have findings: look at those, not at every section.
      const kept: Finding[] = [];
      for (const [section, findings] of bySection) if (current.has(section)) for (const f of findings) kept.push(moveFinding(f));
      return kept;
    },
  };
}

/** The section a position lies in: the last one starting on or before its line. */
function sectionAt(sections: readonly Section[], line: number): Section | undefined {
  let low = 0;
  let high = sections.length - 1;
  let found: Section | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sections[middle].line <= line) {
      found = sections[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** The memo of an analysis: the findings of its section-scoped rules, by section. */
export function memoOf(context: RuleContext, findings: ReadonlyMap<string, readonly Finding[]>): FindingsMemo {
  const { model } = context;
  const sections = model.file.sections;
  const byRule = new Map<string, Map<Section, Finding[]>>();
  rules: for (const [rule, list] of findings) {
    const bySection = new Map<Section, Finding[]>();
    for (const finding of list) {
      const section = sectionAt(sections, finding.range.start.line);
      // A finding elsewhere than in a program section may be about any program (a [DEFAULT] command=, the
      // [supervisord] environment): the rule runs on the whole file next time.
      if (!section || !isProgramSection(section)) continue rules;
      const kept = bySection.get(section);
      if (kept) kept.push(finding);
      else bySection.set(section, [finding]);
    }
    byRule.set(rule, bySection);
  }
  // Copies: the parser may update the file's arrays and nodes for the next version in place.
  return {
    preamble: preamble(model.text, model.file),
    sections: [...sections],
    lines: new Map(sections.map((s) => [s, s.line])),
    lineCount: model.file.lineStarts.length,
    key: keyOf(context),
    others: others(context),
    findings: byRule,
  };
}
