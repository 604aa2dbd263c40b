// Machine output: every finding with its rule, severity, 1-based range, message, docs page and fixes.
import type { TextEdit } from '../../rules';
import { oneBased, type FileReport } from '../report';
import { docsUrl } from '../tool';

const range = (r: TextEdit['range']) => {
  const { line, column, endLine, endColumn } = oneBased(r);
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
};

export function formatJson(reports: readonly FileReport[]): string {
  const findings = reports.flatMap((report) =>
    report.findings.map((f) => ({
      file: report.display,
      rule: f.rule,
      severity: f.severity,
      range: range(f.range),
      message: f.message,
      docs: docsUrl(f.rule),
      fixes: f.fixes.map((fix) => ({
        title: fix.title,
        safe: fix.safe,
        preferred: fix.preferred ?? false,
        edits: fix.edits.map((e) => ({ range: range(e.range), newText: e.newText })),
      })),
    })),
  );
  return JSON.stringify(findings, null, 2) + '\n';
}
