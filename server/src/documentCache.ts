// One analysis per document version, shared by every LSP feature; dropped when settings change or the
// document closes.
import { NOT_LOADED, type ConfigSource } from './analysis/workspace';
import { analyzeDocument, analyzeModel, type Analysis } from './lint';
import { analysisFailure } from './rules/engine';
import type { Settings } from './settings';

export interface DocumentSnapshot {
  uri: string;
  version: number;
  getText(): string;
}

export class DocumentCache {
  /** The newest analysis of each document; a stale one is kept only as the base of the next (see lint.ts analyzeModel). */
  private readonly entries = new Map<string, { version: number; analysis: Analysis; stale?: boolean }>();

  constructor(
    /** The settings for a document (its `.supervisor-lint.json` and the editor's settings). */
    private readonly settings: (uri: string) => Settings,
    private readonly pathOf: (uri: string) => string | undefined,
    private readonly source?: ConfigSource,
  ) {}

  analyze(doc: DocumentSnapshot): Analysis {
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version && !cached.stale) return cached.analysis;
    let analysis: Analysis;
    try {
      const text = doc.getText();
      const path = this.pathOf(doc.uri);
      // The source models an open document once per text: the same model serves its analysis and its configuration.
      const model = path === undefined ? undefined : this.source?.model(path);
      analysis =
        model && model !== NOT_LOADED && model.text === text
          ? analyzeModel(model, this.settings(doc.uri), this.source, cached?.analysis)
          : analyzeDocument(text, path, this.settings(doc.uri), this.source);
    } catch (error) {
      // Features keep answering from the last analysis that worked; the failure itself is the only diagnostic.
      const fallback = cached?.analysis ?? analyzeDocument('', this.pathOf(doc.uri), this.settings(doc.uri));
      analysis = { ...fallback, diagnoses: [analysisFailure('parsing and modelling the file', error)] };
    }
    this.entries.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  /** Cached documents whose analysis read the file at `path` (an include, or the config including them). */
  dependentsOf(path: string): string[] {
    return [...this.entries]
      .filter(([, e]) => e.analysis.model.path !== path && e.analysis.context.models.some((m) => m.path === path))
      .map(([uri]) => uri);
  }

  /** The document's analysis is out of date (a file of its configuration changed): analyse it again when asked. */
  invalidate(uri: string): void {
    const cached = this.entries.get(uri);
    if (cached) cached.stale = true;
  }

  /** The document closed. */
  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** Every analysis is out of date (settings or files on disk changed). */
  invalidateAll(): void {
    for (const uri of this.entries.keys()) this.invalidate(uri);
  }
}
