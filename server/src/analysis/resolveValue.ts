// A value as the loader reads it for one key: `%(name)s` expanded with the names that key may use. Names whose
// value depends on the server (ENV_X the configuration does not set, host_node_name, the directory of a file whose
// path is not known) make the result unknowable, not wrong.
import type { ExpansionName } from '../schema';
import { expand, expandNames, expansionRefs, mayHavePositionalSpec, positionalSpecs, type ExpansionValue, type NameValues } from './expand';
import { keepShape } from '../util/keepShape';

export interface ExpansionContext {
  programName?: string;
  groupName?: string;
  processNum?: number;
  numprocs?: number;
  /** With an [include] section the loader replaces `%(here)s` in every value before anything else. */
  hereEverywhere?: boolean;
  /** The directory `%(here)s` stands for (see hereOf); unset when the analysis does not know it. */
  here?: string;
  /**
   * The ENV_X values the configuration itself sets: [supervisord]'s `environment=` pairs, which the loader adds to the
   * server's environment (replacing a variable of the same name) for the sections it reads after [supervisord].
   */
  environment?: ReadonlyMap<string, string>;
}

export type ResolvedValue =
  | { kind: 'value'; value: string }
  | { kind: 'server-dependent' }
  | { kind: 'bad-name'; name: string; start: number; end: number; available: string[] }
  /** `advice`: what to write instead, where the usual (escape a literal %) would not help. */
  | { kind: 'bad-format'; message: string; start: number; end: number; advice?: string };

const SERVER_PLACEHOLDER = 'server-value';
const SERVER_DEPENDENT: ResolvedValue = { kind: 'server-dependent' };

const HERE = '%(here)s';
/** Written out for `%(here)s` where the directory is not known: like every directory, an absolute path. */
const SOME_DIRECTORY = '/server-directory';

/**
 * The directory `%(here)s` stands for in the file at `path` (the loader's: the file's own directory). Undefined when
 * the path is unknown, relative, or its directory holds whitespace, `%`, a quote or a backslash: elsewhere every
 * directory gives a value the same verdict (a path is never a number, a boolean or a name), so the file's directory
 * here judges it as it would be judged where the file is deployed.
 */
export function hereOf(path: string | undefined): string | undefined {
  if (!path?.startsWith('/')) return undefined;
  const directory = directoryOf(path);
  return /[\s%"'\\]/.test(directory) ? undefined : directory;
}

/** The directory of a path, as Python's os.path.dirname gives it ('' for a bare name). */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === 0 ? '/' : path.slice(0, Math.max(slash, 0));
}

function availableNames(allowed: readonly ExpansionName[], context: ExpansionContext): string[] {
  const names = allowed.filter((n) => n !== 'ENV').map((n) => n as string);
  if (context.hereEverywhere && !names.includes('here')) names.push('here');
  if (allowed.includes('ENV')) names.push('ENV_*');
  return names.sort();
}

/** The value of a name the analysis knows without the server. */
function knownValue(name: string, context: ExpansionContext): ExpansionValue | undefined {
  switch (name) {
    case 'program_name':
      return context.programName;
    case 'group_name':
      return context.groupName;
    case 'process_num':
      return context.processNum;
    case 'numprocs':
      return context.numprocs;
    case 'here':
      return context.here;
    default:
      return name.startsWith('ENV_') ? context.environment?.get(name.slice(4)) : undefined;
  }
}

/**
 * The names a key may use whose value the analysis knows, looked up in a context: no map made per value. Its fields
 * change between values, so that reading many values (sectionValues.ts) makes no object per value.
 */
export class KnownNames implements NameValues {
  constructor(
    public allowed: readonly ExpansionName[],
    public context: ExpansionContext,
  ) {}

  get(name: string): ExpansionValue | undefined {
    const allowedAs = (name.startsWith('ENV_') ? 'ENV' : name) as ExpansionName;
    return this.allowed.includes(allowedAs) ? knownValue(name, this.context) : undefined;
  }
}
keepShape(new KnownNames([], {}));

export function resolveValue(raw: string, allowed: readonly ExpansionName[], context: ExpansionContext): ResolvedValue {
  // In one pass when it names only what the analysis knows and the key allows (or nothing); otherwise each name is
  // looked at.
  const known = expandKnown(raw, new KnownNames(allowed, context));
  return known !== undefined ? { kind: 'value', value: known } : resolveEachName(raw, allowed, context);
}

/**
 * The value expanded in one pass with the names the analysis knows; undefined when it names another, or when the
 * loader writes `%(here)s` out before expanding it (resolveEachName then does so too).
 */
export function expandKnown(raw: string, names: KnownNames): string | undefined {
  return names.context.hereEverywhere && raw.includes(HERE) ? undefined : expandNames(raw, names);
}

/** resolveValue of a value that names something the one-pass expansion does not know: each name is looked at. */
export function resolveEachName(raw: string, allowed: readonly ExpansionName[], context: ExpansionContext): ResolvedValue {
  return context.hereEverywhere && raw.includes(HERE) ? resolveWrittenOut(raw, allowed, context) : resolveNames(raw, allowed, context);
}

/**
 * The value as the loader holds it before expanding it: in a file with [include], each `%(here)s` written out as the
 * directory; undefined when that directory is not known.
 */
export function beforeExpansion(raw: string, context: ExpansionContext): string | undefined {
  if (!context.hereEverywhere || !raw.includes(HERE)) return raw;
  return context.here === undefined ? undefined : raw.split(HERE).join(context.here);
}

/**
 * A value of a file with [include]: the loader first replaces every `%(here)s` in its text with the directory, even
 * one after a `%` (so `%%(here)s` becomes `%/srv/...`, a spec `%/` that no longer escapes anything), then expands it.
 * A problem is placed on the text as written.
 */
function resolveWrittenOut(raw: string, allowed: readonly ExpansionName[], context: ExpansionContext): ResolvedValue {
  const here = context.here ?? SOME_DIRECTORY;
  const resolved = resolveNames(raw.split(HERE).join(here), allowed, context);
  if (resolved.kind === 'value') return context.here === undefined ? SERVER_DEPENDENT : resolved;
  if (resolved.kind === 'server-dependent') return resolved;
  const start = offsetAsWritten(raw, here, resolved.start, false);
  const end = offsetAsWritten(raw, here, resolved.end, true);
  if (resolved.kind === 'bad-name') return { ...resolved, start, end };
  // The spec is the `%` of a `%%(here)s` and the directory's first character.
  if (!(raw[start] === '%' && raw.startsWith(HERE, start + 1))) return { ...resolved, start, end };
  const advice =
    "with [include], supervisord writes each %(here)s out as the file's directory before it expands the value, so %%(here)s becomes a % before the directory: write %(here)s for the directory";
  return { ...resolved, start, end, advice };
}

/**
 * Where offset `at` of a value with each `%(here)s` written out as `here` lies in the value as written: an offset in a
 * written-out directory stands for its `%(here)s` (its start, or its end for the end of a span).
 */
function offsetAsWritten(raw: string, here: string, at: number, end: boolean): number {
  let shift = 0;
  for (let r = raw.indexOf(HERE); r !== -1; r = raw.indexOf(HERE, r + HERE.length)) {
    const t = r + shift;
    if (at < t || (end && at === t)) break;
    if (at < t + here.length || (end && at === t + here.length)) return end ? r + HERE.length : r;
    shift += here.length - HERE.length;
  }
  return at - shift;
}

function resolveNames(raw: string, allowed: readonly ExpansionName[], context: ExpansionContext): ResolvedValue {
  const values = new Map<string, ExpansionValue>();
  let serverDependent = false;
  const refs = expansionRefs(raw);
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i];
    const isEnv = ref.name.startsWith('ENV_');
    const name = (isEnv ? 'ENV' : ref.name) as ExpansionName;
    const permitted = allowed.includes(name) || (name === 'here' && context.hereEverywhere);
    if (!permitted)
      return { kind: 'bad-name', name: ref.name, start: ref.start, end: ref.end, available: availableNames(allowed, context) };
    const value = knownValue(ref.name, context);
    if (value === undefined) serverDependent = true;
    values.set(ref.name, value ?? SERVER_PLACEHOLDER);
  }
  const result = expand(raw, values);
  // Too wide to compute, though the loader takes it: as unknowable as a server's value.
  if (!result.ok && result.kind === 'too-wide') return { kind: 'server-dependent' };
  if (!result.ok) {
    // Every name was checked above, so only a malformed spec is left.
    const message = result.kind === 'bad-format' ? result.message : `cannot expand ${result.name}`;
    return { kind: 'bad-format', message, start: result.start, end: result.end };
  }
  // A positional %s prints the server's whole dictionary of names (here, host_node_name, every ENV_X).
  const printsNames = mayHavePositionalSpec(raw) && positionalSpecs(raw).length > 0;
  return serverDependent || printsNames ? { kind: 'server-dependent' } : { kind: 'value', value: result.value };
}
