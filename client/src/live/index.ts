// Live supervisord in the editor, wired together: controller (which daemon, when), status bar, process view, code
// lenses, diagnostics, logs and commands.
import { languages, window, type ExtensionContext } from 'vscode';
import { registerLiveCommands } from './commands';
import { LiveController } from './controller';
import { LiveLenses } from './lenses';
import { liveDiagnostics } from './liveDiagnostics';
import { LiveLogs } from './logs';
import { processView, type ProcessView } from './processTree';
import { liveStatusBar } from './statusBar';

export function activateLive(context: ExtensionContext): void {
  const output = window.createOutputChannel('supervisord');
  // Poll while the process view (made below, once the controller exists) or a supervisor editor is on screen.
  const shown: { view?: ProcessView } = {};
  const watched = () => Boolean(shown.view?.view.visible) || window.visibleTextEditors.some((e) => e.document.languageId === 'supervisor');
  const controller = new LiveController(context, watched, (line) => output.appendLine(line));
  const view = (shown.view = processView(controller));
  const lenses = new LiveLenses(controller);
  const logs = new LiveLogs(controller, output);
  context.subscriptions.push(
    output,
    controller,
    view,
    lenses,
    logs,
    languages.registerCodeLensProvider({ language: 'supervisor', scheme: 'file' }, lenses),
    liveStatusBar(controller, 'supervisor.live.showProcesses'),
    liveDiagnostics(controller),
    ...registerLiveCommands(controller, view, logs, output),
  );
}
