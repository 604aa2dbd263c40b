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

export function withCaseFiles<T>(shape: Shape, run: (files: CaseFiles) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-hostile-'));
  try {
    shape.prepare?.(dir);
    const config = join(dir, 'supervisord.conf');
    const text = shape.text(dir);
    writeFileSync(config, text);
    return run({ dir, config, text });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function withCaseFilesAsync<T>(shape: Shape, run: (files: CaseFiles) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-hostile-'));
  try {
    shape.prepare?.(dir);
    const config = join(dir, 'supervisord.conf');
    const text = shape.text(dir);
    writeFileSync(config, text);
    return await run({ dir, config, text });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
