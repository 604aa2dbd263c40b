// "Apply": what `supervisorctl update` does, for one group or all, after a modal confirmation listing the processes
// it restarts; refused while the configuration has errors or unsaved edits. The result is reported per group.
import { DiagnosticSeverity, languages, Uri, window, workspace, commands, type OutputChannel } from 'vscode';
import { confirmation, updatePlan } from './pending';
import { errorText, type LiveSession } from './session';

const OPEN_PROBLEMS = 'Open Problems';

function errorCount(paths: readonly string[]): number {
  return paths
    .flatMap((path) => languages.getDiagnostics(Uri.file(path)))
    .filter((d) => d.source === 'supervisor' && d.severity === DiagnosticSeverity.Error).length;
}

export async function applyPending(session: LiveSession, output: OutputChannel, group?: string): Promise<void> {
  const paths = session.configPaths;
  const unsaved = workspace.textDocuments.filter((d) => d.isDirty && paths.includes(d.uri.fsPath));
  if (unsaved.length) {
    void window.showWarningMessage(
      `Save ${unsaved.map((d) => workspace.asRelativePath(d.uri)).join(', ')} first: supervisord reads the files on disk.`,
    );
    return;
  }
  const errors = errorCount(paths);
  if (errors) {
    const answer = await window.showErrorMessage(
      `Not applied: the configuration has ${errors} error${errors === 1 ? '' : 's'}. supervisord would refuse it or run it wrongly; fix ${errors === 1 ? 'it' : 'them'} first.`,
      OPEN_PROBLEMS,
    );
    if (answer === OPEN_PROBLEMS) await commands.executeCommand('workbench.actions.view.problems');
    return;
  }
  const line = session.commandLine('update', ...(group ? [group] : []));
  try {
    // Asked again now: the answer after the last save may be stale (someone ran supervisorctl meanwhile).
    const [pending, infos] = [await session.call((c) => c.reloadConfig()), await session.call((c) => c.getAllProcessInfo())];
    const steps = updatePlan(pending, infos, group ? [group] : undefined);
    if (!steps.length) {
      void window.showInformationMessage(`Nothing to apply${group ? ` for ${group}` : ''}: supervisord already runs this configuration.`);
      await session.afterAction();
      return;
    }
    const question = confirmation(steps, line);
    if ((await window.showWarningMessage(question.message, { modal: true, detail: question.detail }, 'Apply')) !== 'Apply') return;
    output.appendLine(`$ ${line}`);
    const results = await session.call((c) => c.update(group ? [group] : undefined));
    const report = results.map((r) => `${r.group}: ${r.message}`);
    report.forEach((l) => output.appendLine(l));
    const failed = results.filter((r) => !r.ok).length;
    const message = `${line}: ${report.join('; ')}`;
    if (failed) void window.showErrorMessage(message);
    else void window.showInformationMessage(message);
  } catch (error) {
    output.appendLine(`${line}: ${errorText(error)}`);
    void window.showErrorMessage(`${line}: ${errorText(error)}`);
  }
  await session.afterAction();
}
