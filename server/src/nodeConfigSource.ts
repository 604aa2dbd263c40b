// Reads the other files of a configuration from disk (or from an open editor, which wins), parsing each once per
// content: the ConfigSource the CLI and the language server give the analysis.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { analyzeText, type ConfigModel } from './analysis/model';
import type { ConfigSource } from './analysis/workspace';

/** Files larger than this are not read as part of another file's configuration. */
const MAX_INCLUDED_BYTES = 8 * 1024 * 1024;

export class NodeConfigSource implements ConfigSource {
  private readonly models = new Map<string, { text: string; model: ConfigModel }>();

  /** `openText` returns the text of a file open in an editor, if it is. */
  constructor(private readonly openText: (path: string) => string | undefined = () => undefined) {}

  list(dir: string): string[] | undefined {
    try {
      return readdirSync(dir);
    } catch {
      return undefined;
    }
  }

  exists(path: string): boolean {
    try {
      statSync(path);
      return true;
    } catch {
      return false;
    }
  }

  model(path: string): ConfigModel | undefined {
    const text = this.openText(path) ?? this.readDisk(path);
    if (text === undefined) return undefined;
    const cached = this.models.get(path);
    if (cached && cached.text === text) return cached.model;
    const model = analyzeText(text, path);
    this.models.set(path, { text, model });
    return model;
  }

  private readDisk(path: string): string | undefined {
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > MAX_INCLUDED_BYTES) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }
}
