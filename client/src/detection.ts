// When the client gives a document the supervisor language: by its content (VS Code's built-in `.conf` ->
// Properties association wins over our `firstLine` pattern, so the manifest alone cannot), or because an open main
// config includes it. Never against the user's own `files.associations`, nor when `supervisor.detectByContent` is
// off. Pure decisions here; extension glue in languageDetection.ts.
import { isSupervisorConfig } from '../../server/src/detect';
import { matchesAssociation } from './glob';

/** Languages VS Code gives supervisor files by default: `.conf` is Properties, `.ini` is Ini, others plain text. */
const GUESSED_LANGUAGES = new Set(['plaintext', 'properties', 'ini']);
const SUPERVISOR_EXTENSIONS = ['.conf', '.ini'];

export interface Candidate {
  /** The document's path with `/` separators (a URI's path). */
  path: string;
  languageId: string;
  text: () => string;
}

export interface DetectionContext {
  /** `supervisor.detectByContent`. */
  enabled: boolean;
  /** The user's `files.associations` (pattern -> language id). */
  associations: Record<string, unknown>;
  /** Paths that an open main config includes. */
  included: ReadonlySet<string>;
}

/** Whether one of the user's own associations covers the file: then the user chose its language. */
function userAssociated(path: string, associations: Record<string, unknown>): boolean {
  return Object.keys(associations).some((pattern) => matchesAssociation(pattern, path));
}

/** Whether the document should be switched to the supervisor language. */
export function shouldBeSupervisor(doc: Candidate, context: DetectionContext): boolean {
  if (!context.enabled || doc.languageId === 'supervisor') return false;
  const lower = doc.path.toLowerCase();
  const eligible = GUESSED_LANGUAGES.has(doc.languageId) || SUPERVISOR_EXTENSIONS.some((ext) => lower.endsWith(ext));
  if (!eligible || userAssociated(doc.path, context.associations)) return false;
  if (context.included.has(doc.path)) return GUESSED_LANGUAGES.has(doc.languageId);
  return isSupervisorConfig(doc.text());
}
