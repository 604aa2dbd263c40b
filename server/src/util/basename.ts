/** The last part of a slash-separated path: what a program is called however it is reached (`/srv/venv/bin/celery`). */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Whether basename(path) is `name`, without cutting it out (asked of every command line's first word). */
export function hasBasename(path: string, name: string): boolean {
  const at = path.length - name.length;
  return path.endsWith(name) && (at === 0 || path.charCodeAt(at - 1) === 47); // `/`
}
