// GitLab Code Quality report: a JSON array of issues, each with a fingerprint that stays the same while the
// finding does (rule, file, message and the text of its line, not the line number, so unrelated edits above it
// do not make it look new).
import type { Severity } from '../../settings';
import type { FileReport } from '../report';
import { lazyCrypto } from '../../util/lazyCrypto';

const SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'major', information: 'minor', hint: 'info' };

export function formatGitlab(reports: readonly FileReport[]): string {
  const issues = reports.flatMap((report) => {
    const lines = report.text.split(/\r?\n/);
    const occurrences = new Map<string, number>();
    return report.findings.map((f) => {
      const key = [report.display, f.rule, f.message, (lines[f.range.start.line] ?? '').trim()].join('\0');
      // Identical findings on identical lines stay distinct by their order.
      const nth = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, nth);
      return {
        description: f.message,
        check_name: f.rule,
        fingerprint: lazyCrypto().createHash('sha256').update(`${key}\0${nth}`).digest('hex'),
        severity: SEVERITY[f.severity],
        location: { path: report.display, lines: { begin: f.range.start.line + 1, end: f.range.end.line + 1 } },
      };
    });
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
