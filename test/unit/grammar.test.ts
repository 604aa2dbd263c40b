// The TextMate grammar, tested with vscode-tmgrammar-test on test/grammar/*.supervisor, plus a check that the
// harness can fail, the language configuration, and tokenisation of pathological inputs finishing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const GRAMMAR = 'syntaxes/supervisor.tmLanguage.json';
const TOOL = 'node_modules/vscode-tmgrammar-test/dist/unit.js';

function runTool(pattern: string) {
  return spawnSync(process.execPath, [TOOL, '-g', GRAMMAR, pattern], { encoding: 'utf8' });
}

test('every grammar assertion in test/grammar holds', () => {
  const run = runTool('test/grammar/*.supervisor');
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /sections\.supervisor run successfuly/);
});

test('the harness fails on a wrong assertion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grammar-'));
  const wrong =
    '; SYNTAX TEST "source.supervisor" "must fail"\n[program:x]\nautostart=true;x\n;             ^^ comment.line.semicolon.supervisor\n';
  writeFileSync(join(dir, 'wrong.supervisor'), wrong);
  const run = runTool(join(dir, '*.supervisor'));
  assert.notEqual(run.status, 0, run.stdout);
});

test('language configuration: ; comments and [ ] brackets', () => {
  const config = JSON.parse(readFileSync('language-configuration.json', 'utf8'));
  assert.equal(config.comments.lineComment, ';');
  assert.deepEqual(config.brackets, [['[', ']']]);
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.equal(pkg.contributes.grammars[0].path, `./${GRAMMAR}`);
});

test('tokenising a 1 MB line and 20,000 continuation lines finishes', async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s) => new oniguruma.OnigScanner(s),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => textmate.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR),
  });
  const grammar = (await registry.loadGrammar('source.supervisor'))!;
  const tokenize = (lines: string[]) => {
    let state = textmate.INITIAL;
    let tokens = 0;
    for (const line of lines) {
      const result = grammar.tokenizeLine(line, state, 60_000);
      assert.ok(!result.stoppedEarly, `tokenising stopped early on a ${line.length}-character line`);
      tokens += result.tokens.length;
      state = result.ruleStack;
    }
    return tokens;
  };
  assert.ok(tokenize(['[program:x]', `command=celery worker ${'-P gevent "a b" %(x)s 10MB '.repeat(40_000)}`]) > 1000);
  assert.ok(
    tokenize(['[program:x]', 'command=celery -A p worker', ...Array(20_000).fill('    --max-memory-per-child 1 -P gevent ;c')]) > 20_000,
  );
});
