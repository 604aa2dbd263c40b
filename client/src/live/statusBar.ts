// The status bar item: "supervisord: running/total", in the warning colour while a process is FATAL or BACKOFF,
// "disconnected" with the reason on hover. A click shows the process view.
import { StatusBarAlignment, ThemeColor, window, type Disposable } from 'vscode';
import type { LiveController } from './controller';
import { statusSummary } from './processRows';

export function liveStatusBar(controller: LiveController, showCommand: string): Disposable {
  const item = window.createStatusBarItem('supervisor.live', StatusBarAlignment.Left, 10);
  item.name = 'supervisord';
  item.command = showCommand;
  const update = () => {
    const session = controller.session;
    item.backgroundColor = undefined;
    if (!session) {
      if (!controller.problem) return item.hide();
      item.text = '$(debug-disconnect) supervisord: not connected';
      item.tooltip = controller.problem;
    } else if (session.connection.kind === 'connecting') {
      item.text = '$(sync~spin) supervisord';
      item.tooltip = `Connecting to ${session.target.description}`;
    } else if (session.connection.kind === 'disconnected') {
      item.text = '$(debug-disconnect) supervisord: disconnected';
      item.tooltip = `${session.target.description}: ${session.connection.reason}`;
    } else {
      const summary = statusSummary(session.connection.infos);
      item.text = `$(server-process) ${summary.text}`;
      item.tooltip = `${session.target.description}\n${summary.tooltip}`;
      if (summary.warning) item.backgroundColor = new ThemeColor('statusBarItem.warningBackground');
    }
    item.show();
  };
  const subscription = controller.onDidChange(update);
  update();
  return { dispose: () => (subscription.dispose(), item.dispose()) };
}
