// A value as the loader reads it for one key: `%(name)s` expanded with the names that key may use. Names whose
// value depends on the server (ENV_X, host_node_name, here) make the result unknowable, not wrong.
import type { ExpansionName } from '../schema';
import { expand, expansionRefs, type ExpansionValue } from './expand';

export interface ExpansionContext {
  programName?: string;
  groupName?: string;
  processNum?: number;
  numprocs?: number;
  /** With an [include] section the loader replaces `%(here)s` in every value before anything else. */
  hereEverywhere?: boolean;
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

export function resolveValue(raw: string, allowed: readonly ExpansionName[], context: ExpansionContext): ResolvedValue {
  if (!raw.includes('%')) return { kind: 'value', value: raw };
  const known: Record<string, ExpansionValue | undefined> = {
    program_name: context.programName,
    group_name: context.groupName,
    process_num: context.processNum,
    numprocs: context.numprocs,
  };
  const values = new Map<string, ExpansionValue>();
  let serverDependent = false;
  for (const ref of expansionRefs(raw)) {
    const isEnv = ref.name.startsWith('ENV_');
    const name = (isEnv ? 'ENV' : ref.name) as ExpansionName;
    const permitted = allowed.includes(name) || (name === 'here' && context.hereEverywhere);
    if (!permitted)
      return { kind: 'bad-name', name: ref.name, start: ref.start, end: ref.end, available: availableNames(allowed, context) };
    const value = known[ref.name];
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
  return serverDependent ? { kind: 'server-dependent' } : { kind: 'value', value: result.value };
}
