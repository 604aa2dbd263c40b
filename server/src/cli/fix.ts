// --fix and --fix-dry-run: every safe preferred fix, round after round until nothing changes (a fix can make room
// for another), never where a syntax error sits; then each changed file written atomically, or shown as a diff.
import { chmodSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { compatibleEdits } from '../rules/compatibleEdits';
import { lazyCrypto } from '../util/lazyCrypto';
import { readRegularFile } from '../nodeConfigSource';
import type { TextEdit } from '../rules';
import { lintConfigurations, type FileReport } from './configuration';
import type { SettingsResolver } from './settings';
import type { Target } from './targets';

const MAX_ROUNDS = 10;

export interface FixedFile {
  path: string;
  display: string;
  original: string;
  fixed: string;
}

const sharesLines = (a: TextEdit['range'], b: TextEdit['range']) => a.start.line <= b.end.line && b.start.line <= a.end.line;

/** The edits of a file's safe preferred fixes that share no line with a syntax error and no text with each other. */
export function safeEdits(report: FileReport): TextEdit[] {
  const syntax = report.findings.filter((f) => f.rule.startsWith('syntax/')).map((f) => f.range);
  const fixes = report.findings
    .flatMap((f) => f.fixes)
    .filter((fix) => fix.safe && fix.preferred && !fix.edits.some((e) => syntax.some((s) => sharesLines(s, e.range))))
    .map((fix) => fix.edits);
  return compatibleEdits(fixes);
}

const applyEdits = (text: string, edits: TextEdit[]) =>
  TextDocument.applyEdits(TextDocument.create('file:///fix.conf', 'supervisor', 1, text), edits);

/**
 * The fixed text of every file the fixes change (files of a configuration included), in memory. `linting`: as for
 * lintConfigurations.
 */
export function fixInMemory(targets: readonly Target[], resolver: SettingsResolver, linting?: (length: number) => void): FixedFile[] {
  const texts = new Map<string, string>();
  const fixed = new Map<string, FixedFile>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const current = targets.map((t) => ({ ...t, text: (t.path === undefined ? undefined : texts.get(t.path)) ?? t.text }));
    let changed = false;
    for (const report of lintConfigurations(current, resolver, texts, linting)) {
      if (report.path === undefined) continue;
      const edits = safeEdits(report);
      const text = edits.length ? applyEdits(report.text, edits) : report.text;
      if (text === report.text) continue;
      changed = true;
      texts.set(report.path, text);
      const entry = fixed.get(report.path) ?? { path: report.path, display: report.display, original: report.text, fixed: text };
      fixed.set(report.path, { ...entry, fixed: text });
    }
    if (!changed) break;
  }
  return [...fixed.values()].filter((f) => f.fixed !== f.original);
}

/**
 * Replaces a file by a temporary file in its directory (same mode) renamed over it, so a reader never sees half a
 * file; a file that changed since it was read is left alone. Returns why it was not written, if it was not.
 */
export function writeAtomically(file: FixedFile): string | undefined {
  let temporary: string | undefined;
  try {
    const real = realpathSync(file.path);
    const mode = statSync(real).mode & 0o7777;
    temporary = join(dirname(real), `.${basename(real)}.${process.pid}.${lazyCrypto().randomBytes(4).toString('hex')}.tmp`);
    writeFileSync(temporary, file.fixed, { mode, flag: 'wx' });
    chmodSync(temporary, mode);
    if (readRegularFile(real) !== file.original) return 'it changed on disk since it was read; not overwritten';
    renameSync(temporary, real);
    temporary = undefined;
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    if (temporary !== undefined) {
      try {
        unlinkSync(temporary);
      } catch {
        // Already gone: nothing to clean up.
      }
    }
  }
}
