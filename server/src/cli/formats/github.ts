// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.
// The message is escaped as command data (`%`, CR, LF), the properties also for `:` and `,`.
import type { Severity } from '../../settings';
import { oneBased, type FileReport } from '../report';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(reports: readonly FileReport[]): string {
  const lines = reports.flatMap((report) =>
    report.findings.map((f) => {
      const { line, column, endLine, endColumn } = oneBased(f.range);
      const properties = [
        `file=${escapeProperty(report.display)}`,
        `line=${line}`,
        `col=${column}`,
        `endLine=${endLine}`,
        `endColumn=${endColumn}`,
        `title=${escapeProperty(f.rule)}`,
      ];
      return `::${COMMAND[f.severity]} ${properties.join(',')}::${escapeData(f.message)}`;
    }),
  );
  return lines.map((l) => `${l}\n`).join('');
}
