// npm run docs: writes docs/rules/<id>.md for every rule and the README's rules table from the rule registry.
// `--check` writes nothing and exits 1 when a committed file differs from what the registry generates.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const check = process.argv.includes('--check');
const outfile = 'out/scripts/docs.js';
await esbuild.build({
  entryPoints: ['scripts/docsEntry.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});
const { generatedDocs } = createRequire(import.meta.url)(join(process.cwd(), outfile));

const expected = generatedDocs(readFileSync('README.md', 'utf8'));
const stale = [];
for (const [path, text] of expected) {
  let current;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  stale.push(path);
  if (!check) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}
const pages = readdirSync('docs/rules', { recursive: true, encoding: 'utf8' })
  .filter((p) => p.endsWith('.md'))
  .map((p) => join('docs/rules', p));
for (const page of pages.filter((p) => !expected.has(p))) {
  stale.push(`${page} (no such rule)`);
  if (!check) rmSync(page);
}
if (check && stale.length) {
  console.error(`Out of date (run npm run docs):\n${stale.join('\n')}`);
  process.exit(1);
}
console.log(stale.length ? `${check ? 'stale' : 'wrote'}: ${stale.join(', ')}` : 'docs are up to date');
