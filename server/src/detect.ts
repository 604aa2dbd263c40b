// Tells a supervisor config from the other INI-like files that share its extensions (.conf, .ini): its first section
// header must be one only supervisord uses. Shared by the VS Code client (which bundles it: no imports here) and
// the CLI. Linear in the text read, and reads at most the first DETECT_BYTES characters.

/** How much of a file detection reads: the first header of a real config is near its top. */
export const DETECT_BYTES = 64 * 1024;

const EXACT_KINDS = new Set(['supervisord', 'supervisorctl', 'unix_http_server', 'inet_http_server']);
const NAMED_KINDS = ['program:', 'group:', 'eventlistener:', 'fcgi-program:', 'rpcinterface:', 'ctlplugin:'];

const isComment = (line: string) => line.startsWith(';') || line.startsWith('#');

/** The name inside `[...]` when the (trimmed) line is a section header, else undefined. */
function headerName(line: string): string | undefined {
  if (!line.startsWith('[')) return undefined;
  const close = line.indexOf(']');
  return close > 0 ? line.slice(1, close) : undefined;
}

/** Whether a section body (trimmed lines up to the next header) sets `files` (keys are case-insensitive). */
function setsFiles(lines: string[], from: number): boolean {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (headerName(line) !== undefined) return false;
    if (!line || isComment(line)) continue;
    const equals = line.indexOf('=');
    const colon = line.indexOf(':');
    const end = equals === -1 ? colon : colon === -1 ? equals : Math.min(equals, colon);
    if (end !== -1 && line.slice(0, end).trim().toLowerCase() === 'files') return true;
  }
  return false;
}

/**
 * True when the file's first section header (after blank lines and `;`/`#` comments, a byte order mark tolerated)
 * is a section kind only supervisord reads: `[supervisord]`, `[supervisorctl]`, `[unix_http_server]`,
 * `[inet_http_server]`, `[program:x]`, `[group:x]`, `[eventlistener:x]`, `[fcgi-program:x]`, `[rpcinterface:x]`,
 * `[ctlplugin:x]`, or `[include]` with a `files` key (git's `[include]` has `path`). A key before any header (as in
 * a properties file) means it is not one: supervisord refuses such a file.
 */
export function isSupervisorConfig(text: string): boolean {
  const head = text.slice(0, DETECT_BYTES).replace(/^\uFEFF/, '');
  const lines = head.split('\n').map((line) => line.trim());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || isComment(line)) continue;
    const name = headerName(line);
    if (name === undefined) return false;
    if (name === 'include') return setsFiles(lines, i + 1);
    return EXACT_KINDS.has(name) || NAMED_KINDS.some((kind) => name.startsWith(kind));
  }
  return false;
}
