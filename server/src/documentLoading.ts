// When the language server publishes a document: once what its configuration needs is loaded. Loading first gets a
// time budget, during which requests on the document wait for it; when the budget is spent, the document is published
// at once with what is missing reported as unread, loading goes on in the background (each operation still within its
// time limit), and the document's newest version is published again when it ends.
import { MAX_INCLUDE_READ_MILLISECONDS } from './analysis/limits';
import { loadConfiguration } from './configurationLoader';
import type { NodeConfigSource } from './nodeConfigSource';

interface OpenDocument {
  uri: string;
  version: number;
}

export interface LoadingHooks<D extends OpenDocument> {
  /** The document's newest version while it is open. */
  document(uri: string): D | undefined;
  /** Runs the document's configuration lookup against what is loaded, so the source notes what is missing. */
  lookUp(doc: D): void;
  publish(doc: D): void;
  /** Has the document analysed afresh and published again (through the publish scheduler). */
  republish(uri: string): void;
  error(message: string): void;
}

export class DocumentLoading<D extends OpenDocument> {
  /** Loads within the time budget: requests on the document wait for them. */
  private readonly budgeted = new Map<string, Promise<void>>();
  /** Documents whose loading goes on after their early publish. */
  private readonly late = new Set<string>();
  /** The version each document was last loaded late for: once per version, so a load that never ends is not retried. */
  private readonly lateFor = new Map<string, number>();
  /** The version whose budget was spent and that is yet to be published with what is missing. */
  private readonly gaveUpAt = new Map<string, number>();

  constructor(
    private readonly source: NodeConfigSource,
    private readonly hooks: LoadingHooks<D>,
    private readonly budget = MAX_INCLUDE_READ_MILLISECONDS,
  ) {}

  /** The load a request on this document should wait for, if one is under way within its time budget. */
  whenLoaded(uri: string): Promise<void> | undefined {
    return this.budgeted.get(uri);
  }

  /** Publishes the document now when its configuration is loaded (or is being loaded late), else loads it first. */
  publishWhenLoaded(doc: D): void {
    if (this.loadsFirst(doc)) return;
    this.gaveUpAt.delete(doc.uri);
    this.hooks.publish(doc);
  }

  /**
   * Looks the document's configuration up and, when something is missing, starts loading it (requests on the document
   * wait for it, and it is published when it ends): true while such a load runs.
   */
  loadsFirst(doc: D): boolean {
    if (this.budgeted.has(doc.uri)) return true;
    this.lookUp(doc.uri);
    const gaveUp = this.gaveUpAt.get(doc.uri) === doc.version;
    if (!this.source.hasMisses() || gaveUp || this.late.has(doc.uri)) return false;
    const load = loadConfiguration(this.source, () => this.lookUp(doc.uri), this.budget)
      .then((complete) => {
        if (!complete) this.gaveUp(doc.uri);
      })
      .catch((error) => this.hooks.error(`Loading the configuration of ${doc.uri} failed: ${String(error)}`))
      .finally(() => {
        this.budgeted.delete(doc.uri);
        if (this.hooks.document(doc.uri)) this.hooks.republish(doc.uri);
      });
    this.budgeted.set(doc.uri, load);
    return true;
  }

  /** Forgets a closed document; a late load of it stops at its next round and publishes nothing. */
  closed(uri: string): void {
    this.gaveUpAt.delete(uri);
    this.lateFor.delete(uri);
  }

  private gaveUp(uri: string): void {
    const doc = this.hooks.document(uri);
    if (!doc) return;
    this.gaveUpAt.set(uri, doc.version);
    if (this.late.has(uri) || this.lateFor.get(uri) === doc.version) return;
    this.late.add(uri);
    this.lateFor.set(uri, doc.version);
    void loadConfiguration(this.source, () => this.lookUp(uri), Infinity)
      .catch((error) => this.hooks.error(`Loading the configuration of ${uri} failed: ${String(error)}`))
      .finally(() => {
        this.late.delete(uri);
        if (this.hooks.document(uri)) this.hooks.republish(uri);
      });
  }

  /** Looks up the configuration of the document's newest version; nothing once it is closed. */
  private lookUp(uri: string): void {
    const doc = this.hooks.document(uri);
    try {
      if (doc) this.hooks.lookUp(doc);
    } catch {
      // The analysis reports its own failure when it publishes.
    }
  }
}
