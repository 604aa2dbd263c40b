import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Range } from '../parser';
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

function compare(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}

function strictlyInside(point: Range['start'], range: Range): boolean {
  return compare(range.start, point) < 0 && compare(point, range.end) < 0;
}

/** Ranges share text. Touching ranges do not, and neither does an insertion at either end of a range. */
function overlaps(a: Range, b: Range): boolean {
  if (isEmpty(a)) return strictlyInside(a.start, b);
  if (isEmpty(b)) return strictlyInside(b.start, a);
  return compare(a.start, b.end) < 0 && compare(b.start, a.end) < 0;
}

function isEmpty(range: Range): boolean {
  return compare(range.start, range.end) === 0;
}

/**
 * The edits of every fix that shares no text with an earlier accepted fix, sorted by position with insertions
 * before replacements at the same point, so applying them together cannot interleave or corrupt text.
 */
export function compatibleEdits(fixes: TextEdit[][]): TextEdit[] {
  const accepted: TextEdit[] = [];
  for (const edits of fixes) {
    if (!edits.some((e) => accepted.some((a) => overlaps(a.range, e.range)))) accepted.push(...edits);
  }
  return accepted.sort((a, b) => compare(a.range.start, b.range.start) || Number(!isEmpty(a.range)) - Number(!isEmpty(b.range)));
}

export function codeActions(
  doc: DocumentRef,
  diagnoses: readonly Diagnosis[],
  params: CodeActionParams,
  toDiagnostic: (d: Diagnosis) => Diagnostic,
  versionedEdits: boolean,
): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
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
  if (wants(CodeActionKind.SourceFixAll)) {
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
