/** The last part of a slash-separated path: what a program is called however it is reached (`/srv/venv/bin/celery`). */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
