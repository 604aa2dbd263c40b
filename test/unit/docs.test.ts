// The rules' docs pages and the README's rules table are exactly what the registry generates (npm run docs).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/rules';
import { generatedDocs } from '../../scripts/docsEntry';
import { rulePagePath } from '../../server/src/rules/docs';
import { analysisFailure } from '../../server/src/rules/engine';
import { analysisFailed, ENGINE_DIAGNOSTICS } from '../../server/src/rules/engineDiagnostics';

test('every generated docs file is committed as generated (run npm run docs)', () => {
  const expected = generatedDocs(readFileSync('README.md', 'utf8'));
  for (const [path, text] of expected) {
    assert.ok(existsSync(path), `missing ${path}`);
    assert.equal(readFileSync(path, 'utf8'), text, `${path} differs from what npm run docs writes`);
  }
  const pages = readdirSync('docs/rules', { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.md'));
  assert.deepEqual(pages.map((p) => join('docs/rules', p)).sort(), [...expected.keys()].filter((p) => p !== 'README.md').sort());
});

test('rule ids are unique, area/what-is-wrong, lowercase', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[a-z]+\/[a-z0-9-]+$/);
});

test('every rule documents why, how to fix and the sources it rests on', () => {
  for (const rule of RULES) {
    for (const part of ['what', 'why', 'fix'] as const) assert.ok(rule.docs[part].trim().length > 20, `${rule.id}: docs.${part} is empty`);
    assert.ok(rule.docs.references.length > 0, `${rule.id}: no references`);
  }
});

test('the diagnostics of the linter itself have pages too, and their ids are the ones the engine and server emit', () => {
  assert.deepEqual(
    ENGINE_DIAGNOSTICS.map((d) => d.id),
    ['lint/analysis-failed', 'lint/config-invalid'],
  );
  for (const diagnostic of ENGINE_DIAGNOSTICS) {
    assert.ok(existsSync(rulePagePath(diagnostic.id)), diagnostic.id);
    assert.ok(!RULES.some((r) => r.id === diagnostic.id), `${diagnostic.id} is also a rule`);
    assert.ok(diagnostic.docs.references.length > 0 && diagnostic.docs.what.trim().length > 20, diagnostic.id);
  }
  // The engine's failure report uses the id with the page.
  assert.equal(analysisFailure('rule x', new Error('boom')).rule, analysisFailed.id);
  assert.match(readFileSync('README.md', 'utf8'), /\| \[`lint\/config-invalid`\]\(docs\/rules\/lint\/config-invalid\.md\) \| Warning \|/);
});
