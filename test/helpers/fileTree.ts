// A directory of files for a test: a configuration with its conf.d, written into a fresh temporary directory.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes each file (by path relative to the root, directories made as needed) and returns the root. */
export function fileTree(files: Record<string, string | Buffer>, prefix = 'supervisor-test-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
