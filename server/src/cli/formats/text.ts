// Human output: `file:line:col: severity [rule] message`, the source line with a caret under the range, and a
// summary line. Colours only when asked for (or on a terminal with --color auto).
import type { Severity } from '../../settings';
import { countBySeverity, escapeControls, type FileReport } from '../report';

const STYLE: Record<Severity | 'bold' | 'dim', string> = { error: '31', warning: '33', information: '34', hint: '36', bold: '1', dim: '2' };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 || word === 'information' ? '' : 's'}`;

/** The source line under a finding with carets under its range (to the line's end when it spans lines). */
function excerpt(
  lines: readonly string[],
  finding: FileReport['findings'][number],
  paint: (style: keyof typeof STYLE, text: string) => string,
): string[] {
  const { start, end } = finding.range;
  const line = lines[start.line];
  if (line === undefined) return [];
  const stop = end.line === start.line ? end.character : line.length;
  // Padding keeps the line's tabs so the caret lands under the same column on any tab width.
  const padding = escapeControls(line.slice(0, start.character)).replace(/[^\t]/g, ' ');
  const carets = '^'.repeat(Math.max(1, escapeControls(line.slice(start.character, stop)).length));
  const number = String(start.line + 1);
  const gutter = ' '.repeat(number.length);
  return [paint('dim', ` ${number} | `) + escapeControls(line), paint('dim', ` ${gutter} | `) + padding + paint(finding.severity, carets)];
}

export function formatText(reports: readonly FileReport[], color: boolean): string {
  const paint = (style: keyof typeof STYLE, text: string) => (color ? `\x1b[${STYLE[style]}m${text}\x1b[0m` : text);
  const out: string[] = [];
  for (const report of reports) {
    // Most files of a run have no finding: their text is not split into lines.
    if (!report.findings.length) continue;
    const lines = report.text.split(/\r?\n/);
    for (const finding of report.findings) {
      const where = `${escapeControls(report.display)}:${finding.range.start.line + 1}:${finding.range.start.character + 1}:`;
      out.push(`${paint('bold', where)} ${paint(finding.severity, finding.severity)} [${finding.rule}] ${escapeControls(finding.message)}`);
      out.push(...excerpt(lines, finding, paint));
    }
  }
  const counts = countBySeverity(reports);
  const summary = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.information, 'information')}, ${plural(counts.hint, 'hint')} in ${plural(reports.length, 'file')}`;
  out.push(summary);
  return out.join('\n') + '\n';
}
