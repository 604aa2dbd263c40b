// Publishes diagnostics for the newest text only. The connection hands the server one message per turn of the event
// loop, so a burst of edits arrives over many turns: a document is analysed once a whole turn has passed without a
// newer edit to it, which skips every superseded version of a burst and delays a lone edit by a single turn, not by
// a fixed debounce time. Documents are analysed one per turn, so messages keep flowing in between.

export class PublishScheduler {
  /** Documents waiting, with whether they were asked for again since they were last looked at. */
  private readonly pending = new Map<string, { changed: boolean }>();
  private scheduled = false;

  constructor(
    /** Analyses the document's current version and publishes its diagnostics. */
    private readonly publishNow: (uri: string) => void,
    private readonly defer: (run: () => void) => void = (run) => void setImmediate(run),
  ) {}

  /** Asks for fresh diagnostics; requests for a document before its turn come to one analysis. */
  request(uri: string): void {
    this.pending.set(uri, { changed: true });
    this.schedule();
  }

  /** Drops a pending request (the document closed). */
  cancel(uri: string): void {
    this.pending.delete(uri);
  }

  private schedule(): void {
    if (this.scheduled || this.pending.size === 0) return;
    this.scheduled = true;
    this.defer(() => this.runOne());
  }

  private runOne(): void {
    this.scheduled = false;
    let ready: string | undefined;
    for (const [uri, state] of this.pending) {
      if (!state.changed) {
        ready = uri;
        break;
      }
      state.changed = false;
    }
    if (ready !== undefined) this.pending.delete(ready);
    try {
      if (ready !== undefined) this.publishNow(ready);
    } finally {
      this.schedule();
    }
  }
}
