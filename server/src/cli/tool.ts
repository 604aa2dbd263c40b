// Facts about the tool that every output format names: version, home page and where each rule's page lives.
import packageJson from '../../../package.json';

export const TOOL_NAME = 'supervisor-lint';
export const VERSION: string = packageJson.version;

/** The repository's web address (package.json `repository.url` without `.git`). */
export const HOME_URL: string = packageJson.repository.url.replace(/\.git$/, '');

/** A rule's documentation page, as published with the repository. */
export const docsUrl = (id: string): string => `${HOME_URL}/blob/main/docs/rules/${id}.md`;
