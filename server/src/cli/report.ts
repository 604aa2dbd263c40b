// What every output format shares: the findings per file, counts, and which findings fail the run.
import type { Severity } from '../settings';
import type { Threshold } from './args';
import type { FileReport } from './configuration';

export type { FileReport } from './configuration';

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Whether a finding of this severity makes the exit status 1. */
export const fails = (severity: Severity, threshold: Threshold): boolean => threshold !== 'none' && RANK[severity] <= RANK[threshold];

export function countBySeverity(reports: readonly FileReport[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) for (const finding of report.findings) counts[finding.severity]++;
  return counts;
}

/** Terminal control characters from a config (or a file name) printed as escapes, never sent to the terminal. */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** LSP's 0-based positions as the 1-based line and column every format prints (columns in UTF-16 code units). */
export function oneBased(range: FileReport['findings'][number]['range']) {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}
