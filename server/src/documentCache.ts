// One analysis per document version, shared by every LSP feature; dropped when settings change or the
// document closes. The model of a version (its configuration and process index) is kept apart as well: most
// features read only that, and are answered from it without waiting for the rules of that version.
import { NOT_LOADED, type ConfigSource } from './analysis/workspace';
import {
  analyzeDocument,
  analyzeModelled,
  analyzeStopping,
  modelInConfiguration,
  withDiagnoses,
  type Analysis,
  type Modelled,
  type ModelledFile,
} from './lint';
import { analyzeText } from './analysis/model';
import { analysisFailure } from './rules/engine';
import type { Settings } from './settings';
import { STOP_ANALYSIS_MILLISECONDS } from './analysis/limits';
import { Overrun, runWithin } from './util/deadline';

export interface DocumentSnapshot {
  uri: string;
  version: number;
  getText(): string;
}

export class DocumentCache {
  /** The newest analysis of each document; a stale one is kept only as the base of the next (see lint.ts analyzeModel). */
  private readonly entries = new Map<string, { version: number; analysis: Analysis; stale?: boolean }>();
  /**
   * The model of a version made before its analysis (for a request, or as the first step of publishing): the analysis
   * of that version starts from it while the source is as it was (no file of the configuration read or changed).
   */
  private readonly models = new Map<string, { version: number; generation?: number } & Modelling>();
  /** Rules stopped on a document for running without end: off for it until it closes (see lint.ts analyzeStopping). */
  private readonly stopped = new Map<string, string[]>();
  /**
   * Documents whose modelling was stopped for running without end: not modelled again until they close (each keystroke
   * would wait as long again); they answer from their last analysis that worked.
   */
  private readonly stuck = new Set<string>();

  constructor(
    /** The settings for a document (its `.supervisor-lint.json` and the editor's settings). */
    private readonly settings: (uri: string) => Settings,
    private readonly pathOf: (uri: string) => string | undefined,
    private readonly source?: ConfigSource,
    /** How long one analysis may run before the rule it is running is stopped. */
    private readonly stopAfterMs = STOP_ANALYSIS_MILLISECONDS,
  ) {}

  /** The document's current text modelled in its configuration; its analysis when that is already made. */
  modelled(doc: DocumentSnapshot): Modelled {
    const fresh = this.fresh(doc);
    if (fresh) return fresh;
    const kept = this.kept(doc);
    if (kept) return kept.modelled;
    if (this.stuck.has(doc.uri)) return this.analyze(doc);
    try {
      const modelling = this.modelWithin(doc);
      this.models.set(doc.uri, { version: doc.version, generation: this.source?.generation?.(), ...modelling });
      return modelling.modelled;
    } catch (error) {
      // The analysis reports the failure and keeps the last model that worked.
      if (error instanceof Overrun) this.stuck.add(doc.uri);
      return this.analyze(doc);
    }
  }

  analyze(doc: DocumentSnapshot): Analysis {
    const fresh = this.fresh(doc);
    if (fresh) return fresh;
    const cached = this.entries.get(doc.uri);
    const kept = this.kept(doc);
    this.models.delete(doc.uri);
    let analysis: Analysis;
    try {
      if (this.stuck.has(doc.uri)) throw new Overrun(this.stopAfterMs);
      const { modelled, fromSource } = kept ?? this.modelWithin(doc);
      // Findings carry over to the source's model of the open text, which it updates from the text before.
      const previous = fromSource ? cached?.analysis : undefined;
      const stopped = this.stopped.get(doc.uri) ?? [];
      analysis = analyzeStopping(this.stopAfterMs, this.settings(doc.uri), stopped, (settings) =>
        analyzeModelled(modelled, settings, previous),
      );
      if (stopped.length) this.stopped.set(doc.uri, stopped);
    } catch (error) {
      // Features keep answering from the last analysis that worked; the failure itself is the only diagnostic.
      const fallback = cached?.analysis ?? analyzeDocument('', this.pathOf(doc.uri), this.settings(doc.uri));
      if (error instanceof Overrun) this.stuck.add(doc.uri);
      const reason = error instanceof Overrun ? `${error.message} and was stopped; the file is analysed again once it is reopened` : error;
      analysis = withDiagnoses(fallback, [analysisFailure('parsing and modelling the file', reason)]);
    }
    this.entries.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  /**
   * Cached documents whose analysis read the file at `path`: an include, the config including them, or a config near
   * them that was looked at for one (an edit may make it theirs).
   */
  dependentsOf(path: string): string[] {
    return [...this.entries]
      .filter(
        ([, { analysis }]) =>
          analysis.model.path !== path &&
          (analysis.context.consulted.includes(path) || analysis.context.models.some((m) => m.path === path)),
      )
      .map(([uri]) => uri);
  }

  /** The document's analysis is out of date (a file of its configuration changed): analyse it again when asked. */
  invalidate(uri: string): void {
    const cached = this.entries.get(uri);
    if (cached) cached.stale = true;
    this.models.delete(uri);
  }

  /** The document closed. */
  forget(uri: string): void {
    this.entries.delete(uri);
    this.models.delete(uri);
    this.stopped.delete(uri);
    this.stuck.delete(uri);
  }

  /** Every analysis is out of date (settings or files on disk changed). */
  invalidateAll(): void {
    for (const uri of this.entries.keys()) this.invalidate(uri);
    this.models.clear();
  }

  /** The analysis of the document's current version, when it is made and still valid. */
  private fresh(doc: DocumentSnapshot): Analysis | undefined {
    const cached = this.entries.get(doc.uri);
    return cached && cached.version === doc.version && !cached.stale ? cached.analysis : undefined;
  }

  private kept(doc: DocumentSnapshot): Modelling | undefined {
    const kept = this.models.get(doc.uri);
    return kept?.version === doc.version && kept.generation === this.source?.generation?.() ? kept : undefined;
  }

  /** model(), stopped when it runs longer than an analysis may. */
  private modelWithin(doc: DocumentSnapshot): Modelling {
    return runWithin(this.stopAfterMs, () => this.model(doc));
  }

  /** Models the current text: from the source's model of the open text (fromSource from its last version), else afresh. */
  private model(doc: DocumentSnapshot): Modelling {
    const text = doc.getText();
    const path = this.pathOf(doc.uri);
    // The source models an open document once per text: the same model serves its analysis and its configuration.
    const model = path === undefined ? undefined : this.source?.model(path);
    const fromSource = model !== undefined && model !== NOT_LOADED && model.text === text;
    return { modelled: modelInConfiguration(fromSource ? model : analyzeText(text, path), this.source), fromSource };
  }
}

interface Modelling {
  modelled: ModelledFile;
  /** The source's model of the open text (else modelled afresh from the document). */
  fromSource: boolean;
}
