// The language server analyses a file again on every keystroke. A rule whose scope is 'section' finds, in each
// section, what depends only on that section and on the configuration's other sections than programs; so after an
// edit that touched program sections only, the findings of every other section are carried over (moved by the lines
// the edit added or removed) and the rule runs on the touched sections alone.
import { isProgramSection, type ConfigModel, type Program } from '../analysis/model';
import type { SectionFound } from '../analysis/workspace';
import { changedMiddle } from '../util/changedMiddle';
import { lastAtOrBefore } from '../util/lastAtOrBefore';
import type { ConfigFile, Position, Range, Section } from '../parser';
import type { Finding, Fix, Rule, RuleContext } from './types';
import { sectionsView } from './fileView';

/**
 * What the findings of one analysis were made from, kept for the analysis of the file's next version. Only arrays are
 * copied when it is made (the parser moves the nodes of the next version in place); the maps it needs are built
 * when a next version asks. The CLI makes none for the files a main config it lints includes (lint.ts
 * analyzeIncludedFile).
 */
export interface FindingsMemo {
  /** The text before the first section (undefined without sections). */
  preamble?: string;
  /** The sections in file order, and each one's first line, when the findings were made. */
  sections: readonly Section[];
  sectionLines: readonly number[];
  /** What the findings were made with: the settings and the file's path and kind. */
  context: Pick<RuleContext, 'settings'> & { path?: string; isFragment: boolean };
  /**
   * The context the findings were made in: its configuration's state and other files, read when a next version asks
   * (a context reads them once, on demand; the CLI never asks).
   */
  made: Pick<RuleContext, 'model' | 'configuration' | 'complete'>;
  /** The findings of each section-scoped rule that ran, in position order. */
  findings: ReadonlyMap<string, readonly Finding[]>;
  /** The file had `supervisor-lint:` directives in its comments. */
  directives: boolean;
}

export interface Reuse {
  /** The context narrowed to the touched program sections: a rule run on it finds what the edit may have changed. */
  touched: RuleContext;
  /** Whether a finding lies in a touched section (one that does not was about something else: run the rule on all). */
  inTouched(finding: Finding): boolean;
  /** A rule's findings in the untouched sections, at their new positions; undefined when it did not run last time. */
  carried(rule: Rule): Finding[] | undefined;
  /** Whether the text of the sections between the first and the last change has `word`. */
  changedTextHas(word: string): boolean;
}

export const reusable = (rule: Rule) => rule.scope === 'section' && !rule.hostDependent;

const sameContext = (memo: FindingsMemo, context: RuleContext) =>
  memo.made.complete === context.complete &&
  memo.context.path === context.model.path &&
  memo.context.isFragment === context.model.isFragment &&
  JSON.stringify(memo.context.settings) === JSON.stringify(context.settings);

const others = (context: Pick<RuleContext, 'model' | 'configuration'>) => context.configuration.filter((m) => m !== context.model);

/** The text before the first section: comments and lines there are read by rules of every scope. */
function preamble(text: string, file: ConfigFile): string | undefined {
  const first = file.sections[0];
  return first && text.slice(0, file.lineStarts[first.line]);
}

/** How the findings of `memo` carry over to `context`, or undefined when every rule must run on the whole file. */
export function planReuse(memo: FindingsMemo | undefined, context: RuleContext): Reuse | undefined {
  const { model } = context;
  if (!memo || !sameContext(memo, context)) return undefined;
  const now = others(context);
  const then = others(memo.made);
  if (now.length !== then.length || now.some((m, i) => m !== then[i])) return undefined;
  const head = preamble(model.text, model.file);
  if (head === undefined || head !== memo.preamble) return undefined;
  const sections = model.file.sections;
  const { touched, removed, isCurrent, first, beforeEnd, afterEnd } = sectionChanges(memo.sections, sections);
  // Only program sections, each alone under its name: every other section is read by the findings of all.
  if (!removed.length || ![...touched, ...removed].every(isProgramSection)) return undefined;
  // A name shared with an untouched section merges the two: that section's findings may change as well.
  const touchedSet = new Set(touched);
  const alone = (name: string) => model.section(name)?.nodes.every((node) => touchedSet.has(node)) ?? true;
  if (![...touched, ...removed].every((s) => alone(s.name))) return undefined;

  // Each kept section moved by the lines added or removed above it, by edits in one place or in several since the
  // memo was made: a position moves with the section it lies in; one in a section an edit replaced cannot be moved.
  const shift = (line: number): number | undefined => {
    const index = lastAtOrBefore(memo.sectionLines, line);
    if (index < 0) return 0;
    return isCurrent(index) ? memo.sections[index].line - memo.sectionLines[index] : undefined;
  };
  const place = (p: Position): Position | undefined => {
    const by = shift(p.line);
    return by === undefined ? undefined : by === 0 ? p : { line: p.line + by, character: p.character };
  };
  const move = (r: Range): Range | undefined => {
    const start = place(r.start);
    const end = place(r.end);
    return start && end && (start === r.start && end === r.end ? r : { start, end });
  };
  /** The finding at its new place, or undefined when it or one of its fixes reaches into a replaced section. */
  const moveFinding = (f: Finding): Finding | undefined => {
    const range = move(f.range);
    const fixes = f.fixes?.map((fix) => {
      const edits = fix.edits.map((edit) => {
        const moved = move(edit.range);
        return moved && { ...edit, range: moved };
      });
      return edits.every((edit) => edit !== undefined) ? { ...fix, edits } : undefined;
    });
    if (!range || fixes?.some((fix) => fix === undefined)) return undefined;
    return { range, message: f.message, fixes: fixes as Fix[] | undefined };
  };
  // Sections before the first change never move, and all those after the last move alike: only the changed middle
  // and the first section after it are looked at (on every keystroke in a file of thousands).
  let moved = beforeEnd < memo.sections.length && memo.sections[beforeEnd].line !== memo.sectionLines[beforeEnd];
  for (let i = first; i < beforeEnd && !moved; i++) moved = isCurrent(i) && memo.sections[i].line !== memo.sectionLines[i];

  let sectionLines: number[] | undefined;
  const sectionAt = (line: number) => {
    sectionLines ??= sections.map((section) => section.line);
    return sections[lastAtOrBefore(sectionLines, line)];
  };
  // The touched sections' programs, in the model's order (that of their first headers, which file order keeps).
  const found = new Set<Program>();
  for (const node of touched) {
    const section = model.section(node.name);
    const program = section && model.programOf(section);
    if (program) found.add(program);
  }
  const programs = [...found];
  const view: ConfigModel = {
    text: model.text,
    file: sectionsView(model.file, touched),
    path: model.path,
    sections: programs.map((p) => p.section),
    section: (name) => model.section(name),
    lookup: (section, key) => model.lookup(section, key),
    programs,
    programOf: (section) => model.programOf(section),
    groups: [],
    groupOf: (program) => model.groupOf(program),
    isFragment: model.isFragment,
    limits: [],
  };
  // Rules tell this file's sections from other files' copies by their model: the view stands for the file there too.
  const seen = (found: SectionFound): SectionFound => (found.model === model ? { model: view, section: found.section } : found);
  return {
    // The context seen through the view: what it reads on demand (getters of its own or of its class) stays so.
    touched: Object.create(context, {
      model: { value: view, enumerable: true },
      firstSection: {
        value: (name: string) => {
          const found = context.firstSection(name);
          return found && seen(found);
        },
      },
      sectionsNamed: { value: (name: string) => context.sectionsNamed(name).map(seen) },
    }) as RuleContext,
    inTouched: (finding) => touchedSet.has(sectionAt(finding.range.start.line)),
    changedTextHas(word) {
      const { lineStarts } = model.file;
      const at = (i: number) => (i < sections.length ? lineStarts[sections[i].line] : model.text.length);
      return model.text.slice(at(first), at(afterEnd)).includes(word);
    },
    carried(rule) {
      const findings = memo.findings.get(rule.id);
      if (!findings) return undefined;
      const kept: Finding[] = [];
      for (const finding of findings) {
        const index = lastAtOrBefore(memo.sectionLines, finding.range.start.line);
        const section = memo.sections[index];
        // A finding elsewhere than in a program section may be about any program (a [DEFAULT] command=, the
        // [supervisord] environment): the rule runs on the whole file.
        if (!section || !isProgramSection(section)) return undefined;
        if (!isCurrent(index)) continue;
        const carried = moved ? moveFinding(finding) : finding;
        if (!carried) return undefined;
        kept.push(carried);
      }
      return kept;
    },
  };
}

/**
 * How the sections changed from `before` to `after`: the sections new in `after`, those gone from `before`, and
 * whether `before[i]` is still in `after`. Only what lies between the two lists' common start and end is compared.
 */
function sectionChanges(before: readonly Section[], after: readonly Section[]) {
  const { first, beforeEnd, afterEnd } = changedMiddle(before, after);
  const wereThere = new Set(before.slice(first, beforeEnd));
  const areThere = new Set(after.slice(first, afterEnd));
  return {
    touched: after.slice(first, afterEnd).filter((s) => !wereThere.has(s)),
    removed: before.slice(first, beforeEnd).filter((s) => !areThere.has(s)),
    isCurrent: (i: number) => i < first || i >= beforeEnd || areThere.has(before[i]),
    /** `before[first, beforeEnd)` became `after[first, afterEnd)`. */
    first,
    beforeEnd,
    afterEnd,
  };
}

/**
 * The memo of an analysis: the findings of its section-scoped rules (what `rules[i]` found is `found[i]`; undefined or
 * missing where it failed or did not run), and the sections they lie in.
 */
export function memoOf(
  context: RuleContext,
  rules: readonly { rule: Rule; reusable: boolean }[],
  found: readonly (readonly Finding[] | undefined)[],
  directives: boolean,
): FindingsMemo {
  const { model } = context;
  const sections = model.file.sections;
  const sectionLines: number[] = [];
  for (let i = 0; i < sections.length; i++) sectionLines.push(sections[i].line);
  return new Memo(preamble(model.text, model.file), [...sections], sectionLines, context, rules, found, directives);
}

/** Its findings by rule id are put in a map when a next version first asks (the CLI never does). */
class Memo implements FindingsMemo {
  readonly context: FindingsMemo['context'];
  private byRule?: ReadonlyMap<string, readonly Finding[]>;
  constructor(
    readonly preamble: string | undefined,
    readonly sections: readonly Section[],
    readonly sectionLines: readonly number[],
    readonly made: RuleContext,
    private readonly rules: readonly { rule: Rule; reusable: boolean }[],
    private readonly found: readonly (readonly Finding[] | undefined)[],
    readonly directives: boolean,
  ) {
    this.context = { settings: made.settings, path: made.model.path, isFragment: made.model.isFragment };
  }
  get findings(): ReadonlyMap<string, readonly Finding[]> {
    if (!this.byRule) {
      const byRule = new Map<string, readonly Finding[]>();
      for (let i = 0; i < this.found.length; i++) {
        const findings = this.found[i];
        if (findings && this.rules[i].reusable) byRule.set(this.rules[i].rule.id, findings);
      }
      this.byRule = byRule;
    }
    return this.byRule;
  }
}
