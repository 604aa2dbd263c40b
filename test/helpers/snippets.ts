// Expands a VS Code snippet body the way accepting it without typing does: every placeholder takes its default
// (`${1:x}` → x, `${1|a,b|}` → a), mirrors (`$1`, `${1}`) repeat that default, `$0` and variables vanish.

interface Cursor {
  text: string;
  at: number;
}

/** Reads placeholder text up to the closing '}' (handling nesting and escapes). */
function readUntilClose(cursor: Cursor, defaults: Map<string, string>): string {
  let out = '';
  while (cursor.at < cursor.text.length && cursor.text[cursor.at] !== '}') out += readOne(cursor, defaults);
  cursor.at++; // '}'
  return out;
}

function readOne(cursor: Cursor, defaults: Map<string, string>): string {
  const { text } = cursor;
  const c = text[cursor.at];
  if (c === '\\' && cursor.at + 1 < text.length) {
    cursor.at += 2;
    return text[cursor.at - 1];
  }
  if (c !== '$') {
    cursor.at++;
    return c;
  }
  const rest = text.slice(cursor.at);
  const bare = /^\$(\d+)/.exec(rest);
  if (bare) {
    cursor.at += bare[0].length;
    return defaults.get(bare[1]) ?? '';
  }
  const choice = /^\$\{(\d+)\|([^|]*)\|\}/.exec(rest);
  if (choice) {
    cursor.at += choice[0].length;
    const first = choice[2].split(/(?<!\\),/)[0].replace(/\\(.)/g, '$1');
    if (!defaults.has(choice[1])) defaults.set(choice[1], first);
    return defaults.get(choice[1])!;
  }
  const open = /^\$\{(\d+|[A-Za-z_]+)(:?)/.exec(rest);
  if (open) {
    cursor.at += open[0].length;
    const value = open[2] ? readUntilClose(cursor, defaults) : (cursor.at++, '');
    const id = open[1];
    if (/^\d+$/.test(id)) {
      if (!defaults.has(id) && open[2]) defaults.set(id, value);
      return defaults.get(id) ?? value;
    }
    return value; // a variable: its default, if any
  }
  cursor.at++;
  return '$';
}

export function expandSnippet(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const defaults = new Map<string, string>();
  // First pass learns every placeholder's default, so mirrors that come before it still expand.
  const learn: Cursor = { text, at: 0 };
  while (learn.at < text.length) readOne(learn, defaults);
  const cursor: Cursor = { text, at: 0 };
  let out = '';
  while (cursor.at < text.length) out += readOne(cursor, defaults);
  return out;
}
