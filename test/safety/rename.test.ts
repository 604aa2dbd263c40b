// Rename of every program and group that prepareRename accepts, over every fixture and seeded variants of it, judged
// by the fix-safety property (harness.ts): supervisord reads the same config with the new name in place of the old.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResponseError } from 'vscode-languageserver';
import { nameReferences } from '../../server/src/analysis/references';
import { prepareRename, rename, type Navigation } from '../../server/src/features/navigation';
import { analyzeDocument } from '../../server/src/lint';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { applied, assertSafe, nothing, subjects, type Case } from './harness';

const URI = 'file:///x.conf';
/** New names in turn: plain, and with the characters a name may hold that mean something elsewhere in a config. */
const NAMES = [
  (i: number) => `renamed${i}x`,
  (i: number) => `r${i}.v2`,
  (i: number) => `r${i};x`,
  (i: number) => `r${i}#x`,
  (i: number) => `é${i}ß`,
  (i: number) => `r${i}]x`,
];

/**
 * The rename's edits, or undefined where prepareRename refuses the name (a `%` in it, a quoted reference) or rename
 * the new one (a value prints the name with %c): a refused rename changes nothing.
 */
function renameEdits(nav: Navigation, at: { line: number; character: number }, newName: string) {
  try {
    if (!prepareRename(nav, at)) return undefined;
    return rename(nav, at, newName)?.changes?.[URI];
  } catch (error) {
    if (error instanceof ResponseError) return undefined;
    throw error;
  }
}

test('renaming a program or group changes its name everywhere and nothing else', () => {
  const cases: Case[] = [];
  for (const subject of subjects(2)) {
    const nav: Navigation = { modelled: analyzeDocument(subject.text, undefined, DEFAULT_SETTINGS), uri: URI };
    const definitions = nameReferences(nav.modelled.context.models).filter((r) => r.isDefinition);
    definitions.forEach((definition, index) => {
      const newName = NAMES[index % NAMES.length](index);
      assert.ok(!subject.text.includes(newName));
      const edits = renameEdits(nav, definition.range.start, newName);
      if (!edits) return;
      cases.push({
        label: `${subject.label}: rename ${definition.kind} ${definition.name} to ${newName}`,
        subject,
        after: applied(subject, edits),
        allowance: { ...nothing(), unmap: (text) => text.replaceAll(newName, definition.name) },
      });
    });
  }
  assert.ok(cases.length > 500, `only ${cases.length} renames tried`);
  assertSafe(cases);
});
