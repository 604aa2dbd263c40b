// Every rule has its documentation page, and every page belongs to a rule.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/rules';

test('docs/rules/<id>.md exists for every rule and names it', () => {
  for (const rule of RULES) {
    const page = join('docs', 'rules', `${rule.id}.md`);
    assert.ok(existsSync(page), `missing ${page}`);
    assert.match(readFileSync(page, 'utf8'), new RegExp(`^# ${rule.id}\\n`));
  }
  const pages = readdirSync('docs/rules', { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.md'));
  assert.deepEqual(pages.map((p) => p.replace(/\.md$/, '')).sort(), RULES.map((r) => r.id).sort());
});

test('rule ids are unique, area/what-is-wrong, lowercase', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[a-z]+\/[a-z0-9-]+$/);
});

test('the README lists every rule', () => {
  const readme = readFileSync('README.md', 'utf8');
  for (const rule of RULES) assert.ok(readme.includes(`[\`${rule.id}\`](docs/rules/${rule.id}.md)`), `README lacks ${rule.id}`);
});
