// The language server and .supervisor-lint.json: the nearest file applies under the editor's settings, a broken one
// is a warning on the document (never a crash), changes are picked up through didChangeWatchedFiles; and a main
// config's included files are announced to the client (supervisor/includedFiles).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);

describe('language server: .supervisor-lint.json and included files', () => {
  let client: LspClient;
  let root: string;
  const announced: unknown[] = [];
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'supervisor-lsp-config-'));
    mkdirSync(join(root, 'conf.d'));
    client = new LspClient();
    client.connection.onNotification('supervisor/includedFiles', (params: object) => {
      announced.push(params);
    });
    await client.initialize();
  });
  after(() => client.close());

  const main = '[supervisord]\nlogfile=/tmp/supervisord.log\n\n[include]\nfiles = conf.d/*.conf missing.d/*.conf\n';

  test('hostChecks from the file, the editor overriding a rule, a broken file shown, and a change picked up', async () => {
    writeFileSync(join(root, 'conf.d', 'web.conf'), '[program:web]\ncommand=/bin/cat\n');
    writeFileSync(join(root, '.supervisor-lint.json'), '{ "hostChecks": false, "rules": { "config/unknown-key": "off" } }');
    client.settings = { rules: { 'config/unknown-key': 'hint' } };
    const uri = pathToFileURL(join(root, 'supervisord.conf')).toString();
    await client.open(uri, `${main}celery_app=proj\n`);
    const first = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(codes(first), ['config/unknown-key'], 'no include-target-missing; unknown-key kept on by the editor');
    assert.equal(first.diagnostics[0].severity, 4);

    writeFileSync(join(root, '.supervisor-lint.json'), '{ "hostCheck": false }');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(join(root, '.supervisor-lint.json')).toString(), type: 2 }],
    });
    const broken = await client.diagnostics(uri, (p) => codes(p).includes('lint/config-invalid'));
    const problem = broken.diagnostics.find((d) => d.code === 'lint/config-invalid')!;
    assert.equal(
      problem.message,
      `${join(root, '.supervisor-lint.json')}: unknown key "hostCheck" (did you mean "hostChecks"?); its settings are not applied until it is fixed`,
    );
    assert.ok(codes(broken).includes('config/include-target-missing'), 'the broken file is not applied');
  });

  test('the files a main config includes are announced once', async () => {
    assert.deepEqual(announced[0], {
      uri: pathToFileURL(join(root, 'supervisord.conf')).toString(),
      files: [pathToFileURL(join(root, 'conf.d', 'web.conf')).toString()],
    });
    assert.equal(announced.length, 1);
  });
});
