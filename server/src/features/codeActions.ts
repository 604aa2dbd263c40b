import type { CodeAction, CodeActionParams, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKind } from '../lsp';
import type { Range } from '../parser';
import { compare, compatibleEdits } from '../rules/compatibleEdits';
import type { Diagnosis } from '../rules/engine';

function intersects(a: Range, b: Range): boolean {
  return compare(a.end, b.start) >= 0 && compare(b.end, a.start) >= 0;
}

export interface DocumentRef {
  uri: string;
  version: number | null;
}

function workspaceEdit(doc: DocumentRef, edits: TextEdit[], versioned: boolean): WorkspaceEdit {
  return versioned
    ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] }
    : { changes: { [doc.uri]: edits } };
}

export function codeActions(
  doc: DocumentRef,
  diagnoses: readonly Diagnosis[],
  params: CodeActionParams,
  toDiagnostic: (d: Diagnosis) => Diagnostic,
  versionedEdits: boolean,
): CodeAction[] {
  const only = params.context.only;
  const asked = (kind: string) => only?.some((k) => kind === k || kind.startsWith(`${k}.`)) ?? false;
  const actions: CodeAction[] = [];
  // A request without `only` comes from the cursor: it gets the quick fixes there, never the whole-file fix-all.
  if (!only || asked(CodeActionKind.QuickFix)) {
    for (const diagnosis of diagnoses) {
      if (!intersects(diagnosis.range, params.range)) continue;
      for (const fix of diagnosis.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [toDiagnostic(diagnosis)],
          isPreferred: fix.preferred ?? false,
          edit: workspaceEdit(doc, fix.edits, versionedEdits),
        });
      }
    }
  }
  if (asked(CodeActionKind.SourceFixAll)) {
    const preferred = diagnoses.flatMap((d) => d.fixes.filter((f) => f.preferred && f.safe).map((f) => f.edits));
    if (preferred.length > 0) {
      actions.push({
        title: 'Fix all auto-fixable Supervisor problems',
        kind: CodeActionKind.SourceFixAll,
        edit: workspaceEdit(doc, compatibleEdits(preferred), versionedEdits),
      });
    }
  }
  return actions;
}
