// Runs every rule over a model, applies the user's severity overrides and `supervisor-lint: disable` comments.
import { analysisFailed } from './engineDiagnostics';
import type { ConfigModel } from '../analysis/model';
import type { Comment } from '../parser';
import type { Settings, Severity } from '../settings';
import { RULES } from './index';
import { limitReached } from './lint/limitReached';
import { memoOf, planReuse, reusable, type FindingsMemo, type Reuse } from './reuse';
import type { Finding, Fix, Rule, RuleContext, SuppressionUse } from './types';
import type { Range } from '../parser';
import { now } from '../util/clock';
import { addTo } from '../util/addTo';
import { keepShape } from '../util/keepShape';

export interface Diagnosis {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
}

// No \s* before the id list: it takes spaces itself (each id is trimmed), so no two quantifiers compete for them.
const DIRECTIVE = /supervisor-lint:\s*(disable-file|disable)\s*=([\w/.,\s-]+)/;

interface Suppressions {
  /** Every id of every directive, in file order. */
  all: SuppressionUse[];
  /** The ids of `disable-file` directives, by id (`all` among them): a file may repeat one thousands of times. */
  file: Map<string, SuppressionUse[]>;
  /** Ids disabled for findings that start on a given line. */
  lines: Map<number, SuppressionUse[]>;
}

/** The ids of a directive's id list (`a, b`), with where each is written in the line. */
function idsOf(list: string, listStart: number, line: number, comment: Comment): { id: string; range: Range }[] {
  const ids: { id: string; range: Range }[] = [];
  let offset = 0;
  for (const part of list.split(',')) {
    const id = part.trim();
    if (id) {
      const character = comment.range.start.character + listStart + offset + part.indexOf(id);
      ids.push({ id, range: { start: { line, character }, end: { line, character: character + id.length } } });
    }
    offset += part.length + 1;
  }
  return ids;
}

const DIRECTIVE_WORD = 'supervisor-lint';

const noSuppressions = (): Suppressions => ({ all: [], file: new Map(), lines: new Map() });

/**
 * The file's suppressions. After an edit of a file that had none, only the text the edit changed is searched for the
 * directive's word: a keystroke in a 1 MB file searched all of it.
 */
function suppressionsOf(
  model: Pick<ConfigModel, 'text' | 'file'>,
  previous: FindingsMemo | undefined,
  reuse: Reuse | undefined,
): Suppressions {
  if (reuse !== undefined && previous?.directives === false && !reuse.changedTextHas(DIRECTIVE_WORD)) return noSuppressions();
  return readSuppressions(model);
}

/** `; supervisor-lint: disable=id[,id]` at the end of a line or alone on the line above; `disable-file=` anywhere. */
function readSuppressions({ text, file }: Pick<ConfigModel, 'text' | 'file'>): Suppressions {
  const result = noSuppressions();
  // Most files have none: one native search of the text, not a look at each of its comments.
  if (!text.includes(DIRECTIVE_WORD)) return result;
  for (const comment of file.comments) {
    // Nearly every comment is prose: the directive's fixed word rules it out before the pattern runs.
    if (!comment.text.includes(DIRECTIVE_WORD)) continue;
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    // The id list is the directive's last group, so it ends the match.
    const listStart = match.index + match[0].length - match[2].length;
    const line = comment.range.start.line;
    const ids = idsOf(match[2], listStart, line, comment);
    if (!ids.length) continue;
    const directive: Range = {
      start: { line, character: comment.range.start.character + match.index },
      end: ids[ids.length - 1].range.end,
    };
    const uses = ids.map(({ id, range }) => ({
      id,
      range,
      siblings: ids.map((i) => i.range),
      directive,
      comment,
      used: false,
      settled: false,
    }));
    result.all.push(...uses);
    if (match[1] === 'disable-file') {
      for (const use of uses) addTo(result.file, use.id, use);
      continue;
    }
    const target = line + (comment.fullLine ? 1 : 0);
    result.lines.set(target, [...(result.lines.get(target) ?? []), ...uses]);
  }
  return result;
}

/**
 * Whether a finding of `rule` starting on `line` is silenced; the suppressions that do it are marked used. `all`
 * does not silence the rules that judge suppressions (it would hide the report that it is itself unused).
 */
function suppress(s: Suppressions, rule: Rule, line: number): boolean {
  if (!s.all.length) return false;
  let silenced = markUsed(s.file.get(rule.id));
  if (!rule.runsLast && markUsed(s.file.get('all'))) silenced = true;
  for (const use of s.lines.get(line) ?? []) if (use.id === rule.id || (use.id === 'all' && !rule.runsLast)) silenced = use.used = true;
  return silenced;
}

/** Marks the uses of one id of the file's directives used, which they all are together; false when there are none. */
function markUsed(uses: SuppressionUse[] | undefined): boolean {
  if (uses === undefined) return false;
  // Marked at the first finding they silence: the file's other findings find them so.
  if (!uses[0].used) for (const use of uses) use.used = true;
  return true;
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function analysisFailure(phase: string, error: unknown): Diagnosis {
  const reason = error instanceof Error ? error.message : String(error);
  // The other rules' findings still stand, and the failure is on screen, not hidden.
  return {
    rule: analysisFailed.id,
    severity: analysisFailed.severity,
    message: `analysis failed (${phase}): ${reason}`,
    range: FILE_START,
    fixes: [],
  };
}

/**
 * The id of the rule running now, undefined between rules: what an analysis stopped at its deadline was doing (see
 * lint.ts analyzeStopping). Stopped work runs no `finally`, so the id stays until it is taken.
 */
let running: string | undefined;

/** The rule that was running when an analysis was stopped (undefined: none was), and forgets it. */
export function takeRunningRule(): string | undefined {
  const rule = running;
  running = undefined;
  return rule;
}

/** The rules in running order: those that judge the suppressions (`runsLast`) after all the others. */
const ORDERED: readonly Rule[] = [...RULES.filter((r) => !r.runsLast), ...RULES.filter((r) => r.runsLast)];

export interface Diagnoses {
  diagnoses: Diagnosis[];
  /** What the next version of the file can reuse (see reuse.ts); none when asked for none. */
  memo?: FindingsMemo;
}

const byPosition = (a: { range: Range }, b: { range: Range }) =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/** A rule a file's settings run, with the severity they give it. */
interface Active {
  rule: Rule;
  /** Its place in ORDERED. */
  index: number;
  severity: Severity;
  reusable: boolean;
}

const activeBySettings = new WeakMap<Settings, readonly Active[]>();

/** The rules that settings run, in running order: worked out once per settings object (the CLI lints every file of a
 * directory with one). */
function activeRules(settings: Settings): readonly Active[] {
  let active = activeBySettings.get(settings);
  if (!active) {
    active = ORDERED.flatMap((rule, index) => {
      const override = settings.rules[rule.id];
      if (override === 'off' || (rule.hostDependent && !settings.hostChecks)) return [];
      return [{ rule, index, severity: override ?? rule.severity, reusable: reusable(rule) }];
    });
    activeBySettings.set(settings, active);
  }
  return active;
}

/**
 * Runs every rule on the file; with the memo of its previous version, rules of section scope check only what changed.
 * `remember`: a memo for the next version is wanted (the CLI, which analyses each file once, wants none).
 */
export function diagnose(context: RuleContext, previous?: FindingsMemo, remember = true): Diagnoses {
  const reuse = planReuse(previous, context);
  const suppressions = suppressionsOf(context.model, previous, reuse);
  const results: Diagnosis[] = [];
  const active = activeRules(context.settings);
  // What each active rule found, by its place in `active`: undefined where it failed, missing from where the time
  // budget ran out. The memo and the suppressions' settling read it; a Map per file cost the CLI more.
  const found: (Finding[] | undefined)[] = [];
  let lastContext: RuleContext | undefined;
  const budget = context.settings.rulesTimeBudgetMs;
  const started = budget === undefined ? 0 : now();
  // Indexed loops and nothing done for a rule that found nothing: this runs once per rule and file, mostly before V8
  // has optimised it (the CLI's cold run over a conf.d).
  const suppressed = suppressions.all.length > 0;
  for (let i = 0; i < active.length; i++) {
    const entry = active[i];
    const rule = entry.rule;
    if (budget !== undefined && now() - started > budget) {
      const skipped = ORDERED.slice(entry.index).map((r) => r.id);
      const message = `the rules took longer than ${budget} ms on this file; skipped: ${skipped.join(', ')}`;
      results.push({ rule: limitReached.id, severity: limitReached.severity, message, range: FILE_START, fixes: [] });
      break;
    }
    // Without suppressions the last rules get the context as it is: theirs default to none.
    const withSuppressions = suppressed && rule.runsLast === true;
    if (withSuppressions) settle(suppressions.all, active, found);
    let findings: Finding[];
    running = rule.id;
    try {
      const checked = withSuppressions ? (lastContext ??= suppressing(context, suppressions.all)) : context;
      findings = reuse !== undefined && entry.reusable ? carriedOrChecked(reuse, rule, checked) : rule.check(checked);
    } catch (error) {
      found.push(undefined);
      results.push(analysisFailure(`rule ${rule.id}`, error));
      continue;
    }
    found.push(findings);
    if (findings.length > 0) report(rule, entry.severity, findings, suppressions, results);
  }
  running = undefined;
  return {
    diagnoses: results.length > 1 ? results.sort(byPosition) : results,
    memo: remember ? memoOf(context, active, found, suppressed) : undefined,
  };
}

/**
 * A reusable rule's findings on a file whose previous version's are known: those of the sections the edit left alone
 * and those it finds in the sections touched, unless it finds some outside them; then it checks the whole file.
 */
function carriedOrChecked(reuse: Reuse, rule: Rule, context: RuleContext): Finding[] {
  const carried = reuse.carried(rule);
  if (!carried) return rule.check(context);
  const again = rule.check(reuse.touched);
  return again.every(reuse.inTouched) ? [...carried, ...again] : rule.check(context);
}

/** A rule's findings as diagnoses, but those a suppression silences. */
function report(rule: Rule, severity: Severity, findings: Finding[], suppressions: Suppressions, results: Diagnosis[]): void {
  // In position order, so that findings carried over and found again come in the order a whole run gives.
  if (findings.length > 1) findings.sort(byPosition);
  for (let f = 0; f < findings.length; f++) {
    const finding = findings[f];
    if (suppress(suppressions, rule, finding.range.start.line)) continue;
    results.push(new Reported(rule.id, severity, finding));
  }
}

/** Where a diagnosis keeps its finding: a property that no spread or JSON of it shows. */
const FINDING = Symbol('finding');
/**
 * A diagnosis's fixes, read from its finding when a code action or --fix asks: a rule may work them out only then (a
 * typo's nearest name). An own, enumerable getter, which a spread or JSON of a diagnosis reads, shared by all of them.
 */
const FIXES: PropertyDescriptor = {
  get(this: Reported): Fix[] {
    return this[FINDING].fixes ?? [];
  },
  enumerable: true,
};

/**
 * A finding as a diagnosis. Not a literal with a getter: a getter of its own, a closure for each diagnosis, made each
 * one a slow dictionary object (2-3x slower to make), and left optimised code to be thrown away (see util/keepShape.ts).
 */
class Reported implements Diagnosis {
  readonly message: string;
  readonly range: Range;
  declare readonly fixes: Fix[];
  declare private readonly [FINDING]: Finding;
  constructor(
    readonly rule: string,
    readonly severity: Severity,
    finding: Finding,
  ) {
    this.message = finding.message;
    this.range = finding.range;
    Object.defineProperty(this, FINDING, { value: finding });
    Object.defineProperty(this, 'fixes', FIXES);
  }
}
// A file's analysis may keep none (see keepShape).
keepShape(new Reported('', 'error', { range: FILE_START, message: '' }));

/**
 * The context and the suppressions, for a file that has some: the context is the new object's prototype, so what it
 * reads on demand (getters of its own or of its class) stays read on demand.
 */
const suppressing = (context: RuleContext, suppressions: SuppressionUse[]): RuleContext =>
  Object.create(context, { suppressions: { value: suppressions, enumerable: true } }) as RuleContext;

/**
 * A suppression's `used` is final once the rules it names have run (for `all`: every rule but the last ones); the
 * rules of `active` that ran so far are those with findings in `found`.
 */
function settle(uses: SuppressionUse[], active: readonly Active[], found: readonly (Finding[] | undefined)[]): void {
  const ran = new Set<string>();
  for (let i = 0; i < found.length; i++) if (found[i]) ran.add(active[i].rule.id);
  const allRan = ORDERED.every((r) => r.runsLast || ran.has(r.id));
  for (const use of uses) use.settled = use.id === 'all' ? allRan : ran.has(use.id);
}
