// Lookups into the schema, matching section names the way the loader does.
import { SECTIONS } from './sections';
import type { KeySchema, SectionSchema } from './types';

export { SECTIONS } from './sections';
export {
  COMMON_SIGNAL_NUMBERS,
  EVENT_NAMES,
  LOG_LEVELS,
  SIGNAL_NAMES,
  SIGNAL_NUMBERS,
  BOOLEAN_TRUE,
  BOOLEAN_FALSE,
  VALUE_TYPE_DOCS,
} from './values';
export type { ExpansionName, KeySchema, SectionKind, SectionSchema, ValueType } from './types';

const BY_KIND = new Map(SECTIONS.map((s) => [s.kind, s]));
const KEYS = new Map(SECTIONS.map((s) => [s, new Map(s.keys.map((k) => [k.name, k]))]));

/**
 * The schema of a section name as the loader matches it: `[supervisord]`, `[supervisorctl]` and `[include]`
 * exactly, the HTTP servers by prefix (`[inet_http_server:x]` works too), the rest as `kind:name`.
 */
export function sectionSchema(name: string): SectionSchema | undefined {
  if (name === 'supervisord' || name === 'supervisorctl' || name === 'include') return BY_KIND.get(name);
  if (name.startsWith('unix_http_server')) return BY_KIND.get('unix_http_server');
  if (name.startsWith('inet_http_server')) return BY_KIND.get('inet_http_server');
  const colon = name.indexOf(':');
  if (colon === -1) return undefined;
  const schema = BY_KIND.get(name.slice(0, colon) as SectionSchema['kind']);
  return schema?.named ? schema : undefined;
}

export function keySchema(section: SectionSchema, key: string): KeySchema | undefined {
  return KEYS.get(section)?.get(key);
}

const REQUIRED = new Map(SECTIONS.map((s) => [s, s.keys.filter((key) => key.required)]));

/** The keys a section must set (a few of forty), in schema order. */
export const requiredKeys = (section: SectionSchema): readonly KeySchema[] => REQUIRED.get(section) ?? [];

const PASSED_ON = new Map<SectionSchema, Map<string, KeySchema>>();

/**
 * The schema the loader reads a key the section does not list with, when the section passes such keys on to its
 * factory (SectionSchema.passedOn): one object per section and name.
 */
export function passedOnKeySchema(section: SectionSchema, key: string): KeySchema | undefined {
  if (section.passedOn === undefined) return undefined;
  let keys = PASSED_ON.get(section);
  if (!keys) PASSED_ON.set(section, (keys = new Map()));
  let schema = keys.get(key);
  if (!schema) keys.set(key, (schema = { name: key, ...section.passedOn }));
  return schema;
}

/** Every key name some section knows (what a [DEFAULT] key may sensibly be). */
export const ALL_KEY_NAMES: ReadonlySet<string> = new Set(SECTIONS.flatMap((s) => s.keys.map((k) => k.name)));

/** Section headers a user may mean, for "did you mean" suggestions. */
export const SECTION_HEADER_NAMES: readonly string[] = SECTIONS.map((s) => (s.named ? `${s.kind}:` : s.kind));
export * from './commands';
