import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from '../lsp';
import type { Diagnosis } from '../rules/engine';
import type { Severity } from '../settings';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `docsUri(id)` gives the rule's documentation page, shown as a link on the diagnostic code. */
export function toDiagnostic(diagnosis: Diagnosis, docsUri: (rule: string) => string | undefined): Diagnostic {
  const href = docsUri(diagnosis.rule);
  return {
    range: diagnosis.range,
    severity: LSP_SEVERITY[diagnosis.severity],
    source: 'supervisor',
    code: diagnosis.rule,
    ...(href ? { codeDescription: { href } } : {}),
    message: diagnosis.message,
  };
}
