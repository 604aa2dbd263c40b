// supervisor.live.diagnostics: while connected, a program whose process is FATAL or BACKOFF gets an Information
// diagnostic on its section header with the spawn error, in a collection of its own ("supervisord").
import { Diagnostic, DiagnosticSeverity, languages, Range, Uri, type Disposable } from 'vscode';
import { sectionOfProcess } from './configuration';
import { liveSettings, type LiveController } from './controller';
import { isInTrouble, namespec } from './processRows';

export function liveDiagnostics(controller: LiveController): Disposable {
  const collection = languages.createDiagnosticCollection('supervisord');
  const update = () => {
    collection.clear();
    const session = controller.session;
    if (!session || session.connection.kind !== 'connected' || !liveSettings().diagnostics) return;
    const byPath = new Map<string, Diagnostic[]>();
    for (const info of session.infos.filter(isInTrouble)) {
      const ref = sectionOfProcess(session.refs, info.group, info.name);
      if (!ref) continue;
      const { start, end } = ref.headerRange;
      const diagnostic = new Diagnostic(
        new Range(start.line, start.character, end.line, end.character),
        `supervisord: ${namespec(info)} is ${info.statename}: ${info.spawnerr || 'no spawn error reported (see its log)'}`,
        DiagnosticSeverity.Information,
      );
      diagnostic.source = 'supervisord';
      byPath.set(ref.path, [...(byPath.get(ref.path) ?? []), diagnostic]);
    }
    for (const [path, diagnostics] of byPath) collection.set(Uri.file(path), diagnostics);
  };
  const subscription = controller.onDidChange(update);
  update();
  return { dispose: () => (subscription.dispose(), collection.dispose()) };
}
