// The moment a process has done its first real work (the server published its first diagnostics, the CLI finished its
// run): the code-cache loader (codeCache.ts) then keeps what V8 has compiled so far for the next start. The loader and
// the bundle it runs are separate bundles, each with its own copy of this module: they meet through a global symbol.

const HOOK = Symbol.for('vscode-supervisor.warmedUp');
type Hooks = Record<symbol, (() => void) | undefined>;

/** Runs `save` at the first `warmedUp()`. */
export function onWarm(save: () => void): void {
  (globalThis as unknown as Hooks)[HOOK] = save;
}

export function warmedUp(): void {
  const hooks = globalThis as unknown as Hooks;
  const save = hooks[HOOK];
  hooks[HOOK] = undefined;
  save?.();
}
