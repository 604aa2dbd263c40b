// The moment a process has done its first real work (the server published its first diagnostics, the CLI linted its
// files): the code-cache loader (codeCache.ts) then keeps what V8 has compiled so far for the next start. The loader
// and the bundle it runs are separate bundles, each with its own copy of this module: they meet through a global
// symbol.

const HOOK = Symbol.for('vscode-supervisor.warmedUp');
type Hooks = Record<symbol, ((work: number) => void) | undefined>;

/** Runs `save` at the first `warmedUp()`, with the work that run did. */
export function onWarm(save: (work: number) => void): void {
  (globalThis as unknown as Hooks)[HOOK] = save;
}

/** `work`: how much the run did (the CLI: the files it linted); a cache written by a run that did less is renewed. */
export function warmedUp(work = 1): void {
  const hooks = globalThis as unknown as Hooks;
  const save = hooks[HOOK];
  hooks[HOOK] = undefined;
  save?.(work);
}
