import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../../server/src/rules';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.conf', 'supervisor', 1, text), [...edits]);
}
