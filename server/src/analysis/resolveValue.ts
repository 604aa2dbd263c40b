// A value as the loader reads it for one key: `%(name)s` expanded with the names that key may use. Names whose
// value depends on the server (ENV_X the configuration does not set, host_node_name, here) make the result
// unknowable, not wrong.
import type { ExpansionName } from '../schema';
import { expand, expandNames, expansionRefs, mayHavePositionalSpec, positionalSpecs, type ExpansionValue, type NameValues } from './expand';

export interface ExpansionContext {
  programName?: string;
  groupName?: string;
  processNum?: number;
  numprocs?: number;
  /** With an [include] section the loader replaces `%(here)s` in every value before anything else. */
  hereEverywhere?: boolean;
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
  | { kind: 'bad-format'; message: string; start: number; end: number };

const SERVER_PLACEHOLDER = 'server-value';

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

export function resolveValue(raw: string, allowed: readonly ExpansionName[], context: ExpansionContext): ResolvedValue {
  // In one pass when it names only what the analysis knows and the key allows (or nothing); otherwise each name is
  // looked at.
  const known = expandNames(raw, new KnownNames(allowed, context));
  return known !== undefined ? { kind: 'value', value: known } : resolveEachName(raw, allowed, context);
}

/** resolveValue of a value that names something the one-pass expansion does not know: each name is looked at. */
export function resolveEachName(raw: string, allowed: readonly ExpansionName[], context: ExpansionContext): ResolvedValue {
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
