// One analysis per document version, shared by every LSP feature; dropped when settings change or the
// document closes.
import { analyzeDocument, type Analysis } from './lint';
import type { Settings } from './settings';

export interface DocumentSnapshot {
  uri: string;
  version: number;
  getText(): string;
}

export class DocumentCache {
  private readonly entries = new Map<string, { version: number; analysis: Analysis }>();

  constructor(
    private readonly settings: () => Settings,
    private readonly pathOf: (uri: string) => string | undefined,
  ) {}

  analyze(doc: DocumentSnapshot): Analysis {
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.analysis;
    const analysis = analyzeDocument(doc.getText(), this.pathOf(doc.uri), this.settings());
    this.entries.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
