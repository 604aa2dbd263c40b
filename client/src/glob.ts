// The part of VS Code's glob syntax that `files.associations` keys use, matched the way VS Code matches them: a
// pattern with a `/` against the whole path, one without against the file name, both case-insensitively.
// Honoured: `*` (any run of characters but `/`), `?` (one character but `/`), `**` (any run, `/` included; `**/`
// also matches nothing), `{a,b}` (alternatives, not nested). Anything else, `[...]` included, is a literal character.
// Matching simulates the pattern as an automaton, so it is O(pattern × path) whatever the input.

type Token = { kind: 'char'; char: string } | { kind: 'one' } | { kind: 'star' } | { kind: 'globstar'; skipsSlash: boolean };

/** At most this many alternatives from `{a,b}` groups; the rest are ignored. */
const MAX_ALTERNATIVES = 64;

function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  const close = open === -1 ? -1 : pattern.indexOf('}', open);
  if (close === -1) return [pattern];
  const head = pattern.slice(0, open);
  const tails = expandBraces(pattern.slice(close + 1));
  const result: string[] = [];
  for (const option of pattern.slice(open + 1, close).split(',')) {
    for (const tail of tails) if (result.length < MAX_ALTERNATIVES) result.push(head + option + tail);
  }
  return result;
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      while (pattern[i + 1] === '*') i++;
      tokens.push({ kind: 'globstar', skipsSlash: pattern[i + 1] === '/' });
    } else if (c === '*') tokens.push({ kind: 'star' });
    else if (c === '?') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

/** Adds every state reachable without reading a character: such moves only go forward, so one pass finds them all. */
function close(tokens: Token[], states: Uint8Array): void {
  for (let state = 0; state < tokens.length; state++) {
    if (!states[state]) continue;
    const token = tokens[state];
    if (token.kind === 'star' || token.kind === 'globstar') states[state + 1] = 1;
    // `**/` matches nothing at all: skip the slash too.
    if (token.kind === 'globstar' && token.skipsSlash) states[state + 2] = 1;
  }
}

function matchTokens(tokens: Token[], text: string): boolean {
  let states = new Uint8Array(tokens.length + 2);
  let next = new Uint8Array(tokens.length + 2);
  states[0] = 1;
  close(tokens, states);
  for (const c of text) {
    next.fill(0);
    let alive = false;
    for (let state = 0; state < tokens.length; state++) {
      if (!states[state]) continue;
      const token = tokens[state];
      if ((token.kind === 'char' && token.char === c) || (token.kind === 'one' && c !== '/')) next[state + 1] = 1;
      else if ((token.kind === 'star' && c !== '/') || token.kind === 'globstar') next[state] = 1;
      else continue;
      alive = true;
    }
    if (!alive) return false;
    close(tokens, next);
    [states, next] = [next, states];
  }
  return states[tokens.length] === 1;
}

/** Whether a `files.associations` key matches a file, given its path with `/` separators. */
export function matchesAssociation(pattern: string, path: string): boolean {
  const lowerPath = path.toLowerCase();
  const subject = pattern.includes('/') ? lowerPath : lowerPath.slice(lowerPath.lastIndexOf('/') + 1);
  return expandBraces(pattern.toLowerCase()).some((alternative) => matchTokens(tokenize(alternative), subject));
}
