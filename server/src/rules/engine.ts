// Runs every rule over a model, applies the user's severity overrides and `supervisor-lint: disable` comments.
import type { ConfigFile } from '../parser';
import type { Severity } from '../settings';
import { MAX_RULES_MILLISECONDS } from '../analysis/limits';
import { RULES } from './index';
import { limitReached } from './lint/limitReached';
import type { Fix, RuleContext } from './types';
import type { Range } from '../parser';

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
  file: Set<string>;
  /** Rule ids disabled for findings that start on a given line. */
  lines: Map<number, Set<string>>;
}

/** `; supervisor-lint: disable=id[,id]` at the end of a line or alone on the line above; `disable-file=` anywhere. */
function readSuppressions(file: ConfigFile): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map() };
  for (const comment of file.comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const ids = match[2].split(',').map((id) => id.trim()).filter(Boolean);
    if (match[1] === 'disable-file') {
      ids.forEach((id) => result.file.add(id));
      continue;
    }
    const line = comment.range.start.line + (comment.fullLine ? 1 : 0);
    const set = result.lines.get(line) ?? new Set();
    ids.forEach((id) => set.add(id));
    result.lines.set(line, set);
  }
  return result;
}

function isSuppressed(s: Suppressions, rule: string, line: number): boolean {
  const matches = (ids: Set<string> | undefined) => !!ids && (ids.has(rule) || ids.has('all'));
  return matches(s.file) || matches(s.lines.get(line));
}

/** Reported when a rule throws: the other rules' findings still stand, and the failure is on screen, not hidden. */
export const ANALYSIS_FAILED = 'lint/analysis-failed';

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function analysisFailure(phase: string, error: unknown): Diagnosis {
  const reason = error instanceof Error ? error.message : String(error);
  return { rule: ANALYSIS_FAILED, severity: 'warning', message: `analysis failed (${phase}): ${reason}`, range: FILE_START, fixes: [] };
}

export function diagnose(context: RuleContext): Diagnosis[] {
  const suppressions = readSuppressions(context.model.file);
  const results: Diagnosis[] = [];
  const started = performance.now();
  for (const [index, rule] of RULES.entries()) {
    const override = context.settings.rules[rule.id];
    if (override === 'off') continue;
    if (performance.now() - started > MAX_RULES_MILLISECONDS) {
      const skipped = RULES.slice(index).map((r) => r.id);
      const message = `the rules took longer than ${MAX_RULES_MILLISECONDS} ms on this file; skipped: ${skipped.join(', ')}`;
      results.push({ rule: limitReached.id, severity: limitReached.severity, message, range: FILE_START, fixes: [] });
      break;
    }
    let findings;
    try {
      findings = rule.check(context);
    } catch (error) {
      results.push(analysisFailure(`rule ${rule.id}`, error));
      continue;
    }
    for (const finding of findings) {
      if (isSuppressed(suppressions, rule.id, finding.range.start.line)) continue;
      results.push({ rule: rule.id, severity: override ?? rule.severity, message: finding.message, range: finding.range, fixes: finding.fixes ?? [] });
    }
  }
  return results.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
