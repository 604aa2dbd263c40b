// Publishes diagnostics for the newest text only. The connection hands the server one message per turn of the event
// loop, so a burst of edits arrives over many turns: a document is analysed once a whole turn has passed without a
// newer edit to it, which skips every superseded version of a burst and delays a lone edit by a single turn, not by
// a fixed debounce time. Documents are analysed one per turn, so messages keep flowing in between.
//
// A request asked right after a keystroke (a completion) is answered from the model of the new text, without waiting
// for its rules: with a `model` step, the text is modelled first, another quiet turn lets such a request in, and
// publishing waits while a request waits for its turn; the rules then start from the same model.

export interface PublishSteps {
  /** Models the document's current version (what requests read), before its rules run. */
  model?(uri: string): void;
  /** True while a request waits for its turn. */
  requestsWaiting?(): boolean;
}

export class PublishScheduler {
  /** Documents waiting, with whether they were asked for again since last looked at, and whether they are modelled. */
  private readonly pending = new Map<string, { changed: boolean; modelled: boolean }>();
  private scheduled = false;

  constructor(
    /** Analyses the document's current version and publishes its diagnostics. */
    private readonly publishNow: (uri: string) => void,
    private readonly defer: (run: () => void) => void = (run) => void setImmediate(run),
    private readonly steps: PublishSteps = {},
  ) {}

  /** Asks for fresh diagnostics; requests for a document before its turn come to one analysis. */
  request(uri: string): void {
    this.pending.set(uri, { changed: true, modelled: false });
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
    try {
      if (this.steps.requestsWaiting?.()) return;
      for (const [uri, state] of this.pending) {
        if (state.changed) {
          state.changed = false;
          continue;
        }
        if (this.steps.model && !state.modelled) {
          // Then one more quiet turn: a request that came in meanwhile is answered before the rules run.
          state.modelled = true;
          state.changed = true;
          this.steps.model(uri);
        } else {
          this.pending.delete(uri);
          this.publishNow(uri);
        }
        return;
      }
    } finally {
      this.schedule();
    }
  }
}
