/// <reference types="mocha" />
// The desktop suite: the extension in a downloaded VS Code (@vscode/test-electron), checked through the `vscode`
// API. It opens the reference gevent config, waits for the diagnostic, runs the code action provider and applies
// the preferred fix.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

function diagnosticsOf(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  const current = vscode.languages.getDiagnostics(uri);
  if (accept(current)) return Promise.resolve(current);
  return new Promise((resolve) => {
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return;
      listener.dispose();
      resolve(diagnostics);
    });
  });
}

suite('Supervisor extension in VS Code', () => {
  const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures');
  let uri: vscode.Uri;

  suiteSetup(() => {
    const folder = join(mkdtempSync(join(tmpdir(), 'supervisor-desktop-')), 'supervisor');
    mkdirSync(folder);
    copyFileSync(join(fixtures, 'celery', 'gevent-max-memory.conf'), join(folder, 'supervisord.conf'));
    uri = vscode.Uri.file(join(folder, 'supervisord.conf'));
  });

  test('supervisord.conf opens as the Supervisor language', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'supervisor');
  });

  test('the gevent worker gets the warning, and its preferred fix removes it', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const isIgnored = (d: vscode.Diagnostic) =>
      (typeof d.code === 'object' ? d.code.value : d.code) === 'celery/max-memory-per-child-ignored';
    const [diagnostic] = (await diagnosticsOf(uri, (ds) => ds.some(isIgnored))).filter(isIgnored);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    await diagnosticsOf(uri, (ds) => !ds.some(isIgnored));
    assert.doesNotMatch(doc.getText(), /--max-memory-per-child/);
  });
});
