// The common subset of .gitignore: comments, blank lines (trailing spaces dropped, never escaped), `!` negation, `dir/` (directories only), a leading or
// middle `/` anchoring the pattern to the .gitignore's directory, `*`, `?`, `[...]` and `**`. The last matching
// line wins, deeper .gitignore files after shallower ones, as git does.
import { matchSegments, splitPath } from './glob';

export interface IgnoreRule {
  /** Directory of the .gitignore, relative to the walk's root ('' for the root). */
  base: string;
  segments: string[];
  negated: boolean;
  directoryOnly: boolean;
}

export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.slice(0, -1);
    // A slash anywhere but at the end ties the pattern to this directory; otherwise it matches at any depth.
    const anchored = line.includes('/');
    const segments = splitPath(line);
    if (segments.length > 0) rules.push({ base, segments: anchored ? segments : ['**', ...segments], negated, directoryOnly });
  }
  return rules;
}

/** Whether a path (relative to the walk's root) is ignored by the rules that apply to it. */
export function isIgnored(rules: readonly IgnoreRule[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  const segments = splitPath(path);
  for (const rule of rules) {
    if (rule.directoryOnly && !isDirectory) continue;
    const baseSegments = splitPath(rule.base);
    if (baseSegments.some((s, i) => segments[i] !== s)) continue;
    if (matchSegments(rule.segments, segments.slice(baseSegments.length))) ignored = !rule.negated;
  }
  return ignored;
}

/** Whether a file is ignored itself or lies in an ignored directory (for paths not met by walking down). */
export function isFileIgnored(rules: readonly IgnoreRule[], path: string): boolean {
  const segments = splitPath(path);
  for (let i = 1; i < segments.length; i++) if (isIgnored(rules, segments.slice(0, i).join('/'), true)) return true;
  return isIgnored(rules, path, false);
}
