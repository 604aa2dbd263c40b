// A temp dir per hostile case, with the case's config (and any files it needs) written into it; always removed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Shape } from './shapes';

export interface CaseFiles {
  dir: string;
  config: string;
  text: string;
}

/** Writes the shape's files into a fresh directory; `remove` deletes it again. */
function prepareCase(shape: Shape): CaseFiles & { remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-hostile-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    shape.prepare?.(dir);
    const config = join(dir, 'supervisord.conf');
    const text = shape.text(dir);
    writeFileSync(config, text);
    return { dir, config, text, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

export function withCaseFiles<T>(shape: Shape, run: (files: CaseFiles) => T): T {
  const files = prepareCase(shape);
  try {
    return run(files);
  } finally {
    files.remove();
  }
}

export async function withCaseFilesAsync<T>(shape: Shape, run: (files: CaseFiles) => Promise<T>): Promise<T> {
  const files = prepareCase(shape);
  try {
    return await run(files);
  } finally {
    files.remove();
  }
}
