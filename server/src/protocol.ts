// Messages of our own between the language server and the VS Code client. No imports: the client bundles this.

/**
 * Notification from the server after it analysed a main config: the files its `[include]` globs match (file URIs).
 * The client gives them the supervisor language when they open, whatever their name or content.
 */
export const INCLUDED_FILES = 'supervisor/includedFiles';

export interface IncludedFilesParams {
  /** The main config. */
  uri: string;
  files: string[];
}
