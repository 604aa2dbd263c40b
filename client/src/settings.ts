// The `supervisor.*` settings the server is sent: only those a user set (user, workspace or folder settings). A
// value left at its default is not sent, so a `.supervisor-lint.json` decides it; a value the user set overrides it.
import { workspace, type Uri } from 'vscode';

/** The settings the server reads (the others belong to the client). */
const SERVER_KEYS = ['celery.minMemoryPerChildMB', 'format.spaceAroundEquals', 'rules'];

export function explicitSettings(scope?: Uri): Record<string, unknown> {
  const configuration = workspace.getConfiguration('supervisor', scope);
  const result: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    const inspected = configuration.inspect(key);
    const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (value === undefined) continue;
    // "celery.minMemoryPerChildMB" -> { celery: { minMemoryPerChildMB } }, the shape the server reads.
    const parts = key.split('.');
    let target = result;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts[parts.length - 1]] = value;
  }
  return result;
}
