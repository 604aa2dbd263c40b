// Runs every rule over a model, applies the user's severity overrides and `supervisor-lint: disable` comments.
import type { ConfigFile } from '../parser';
import type { Severity } from '../settings';
import { RULES } from './index';
import type { Fix, RuleContext } from './types';
import type { Range } from '../parser';

export interface Diagnosis {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
}

const DIRECTIVE = /supervisor-lint:\s*(disable|disable-file)\s*=\s*([\w/.,\s-]+)/;

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

export function diagnose(context: RuleContext): Diagnosis[] {
  const suppressions = readSuppressions(context.model.file);
  const results: Diagnosis[] = [];
  for (const rule of RULES) {
    const override = context.settings.rules[rule.id];
    if (override === 'off') continue;
    for (const finding of rule.check(context)) {
      if (isSuppressed(suppressions, rule.id, finding.range.start.line)) continue;
      results.push({ rule: rule.id, severity: override ?? rule.severity, message: finding.message, range: finding.range, fixes: finding.fixes ?? [] });
    }
  }
  return results.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
