// Checkstyle XML, the format Jenkins' warnings plugin, reviewdog and many CI dashboards read.
import type { Severity } from '../../settings';
import type { FileReport } from '../report';

const SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };

/** Attribute text: markup characters as entities; characters XML 1.0 forbids (most controls) as U+FFFD. */
const escapeXml = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');

export function formatCheckstyle(reports: readonly FileReport[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const report of reports) {
    if (report.findings.length === 0) {
      out.push(`  <file name="${escapeXml(report.display)}"/>`);
      continue;
    }
    out.push(`  <file name="${escapeXml(report.display)}">`);
    for (const f of report.findings) {
      const attributes = `line="${f.range.start.line + 1}" column="${f.range.start.character + 1}" severity="${SEVERITY[f.severity]}" message="${escapeXml(f.message)}" source="${escapeXml(f.rule)}"`;
      out.push(`    <error ${attributes}/>`);
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n') + '\n';
}
