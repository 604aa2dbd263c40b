// Code lenses over the sections of a configuration: "show process" with its state, and after a save what
// supervisord has not applied yet (its own reloadConfig answer) with "Apply". Unsaved text is never compared.
import { CodeLens, EventEmitter, Range, type CodeLensProvider, type Disposable, type TextDocument } from 'vscode';
import { analyzeText } from '../../../server/src/analysis/model';
import type { Range as ConfigRange } from '../../../server/src/parser';
import type { LiveController } from './controller';
import { sectionRefs } from './configuration';
import { changeOf, pendingLensTitle, removedLensTitle, UNSAVED_LENS_TITLE, updatePlan } from './pending';
import { runningText } from './processRows';

export const COMMANDS = {
  apply: 'supervisor.live.apply',
  showProcess: 'supervisor.live.showProcess',
  showPending: 'supervisor.live.showOutput',
};

const range = (r: ConfigRange) => new Range(r.start.line, r.start.character, r.end.line, r.end.character);

export class LiveLenses implements CodeLensProvider, Disposable {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: Disposable;

  constructor(private readonly controller: LiveController) {
    this.subscription = controller.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(doc: TextDocument): CodeLens[] {
    const session = this.controller.session;
    const path = doc.uri.fsPath;
    if (!session || !session.configPaths.includes(path)) return [];
    // Positions from the editor's text; groups from the configuration on disk (a [group:x] may sit in another file).
    const onDisk = new Map(session.refs.filter((r) => r.path === path).map((r) => [r.section, r.group]));
    const sections = sectionRefs([analyzeText(doc.getText(), path)]).map((r) => ({ ...r, group: onDisk.get(r.section) ?? r.group }));
    const lenses: CodeLens[] = [];
    const pending = session.pending && !('error' in session.pending) ? session.pending : undefined;
    const infos = session.infos;
    for (const ref of sections) {
      const at = range(ref.headerRange);
      const members = infos.filter((i) => i.group === ref.group);
      if (session.connection.kind === 'connected') {
        const title = `show process · ${members.length ? runningText(members) : 'not loaded'}`;
        lenses.push(
          new CodeLens(at, {
            title,
            command: COMMANDS.showProcess,
            arguments: [ref.group, ref.kind === 'program' ? ref.processNames?.first(1)[0] : undefined],
          }),
        );
      }
      if (doc.isDirty) {
        lenses.push(new CodeLens(at, { title: UNSAVED_LENS_TITLE, command: '' }));
        continue;
      }
      const change = pending && changeOf(pending, ref.group);
      if (!pending || !change) continue;
      const [step] = updatePlan(pending, infos, [ref.group]);
      lenses.push(new CodeLens(at, { title: pendingLensTitle(step), command: COMMANDS.showPending }));
      lenses.push(new CodeLens(at, { title: `Apply (update ${ref.group})`, command: COMMANDS.apply, arguments: [ref.group] }));
    }
    if (path === session.configuration.main.path && !doc.isDirty) lenses.push(...this.topLenses(doc));
    return lenses;
  }

  /** Over the main config: removed groups (no section left to carry a lens), a reread refused, Apply all. */
  private topLenses(doc: TextDocument): CodeLens[] {
    const session = this.controller.session!;
    const top = new Range(0, 0, 0, 0);
    if (session.pending && 'error' in session.pending)
      return [
        new CodeLens(top, {
          title: `supervisord cannot reread this configuration: ${session.pending.error}`,
          command: COMMANDS.showPending,
        }),
      ];
    const pending = session.pending;
    if (!pending || doc.isDirty) return [];
    const lenses: CodeLens[] = [];
    const removed = updatePlan({ added: [], changed: [], removed: pending.removed }, session.infos);
    if (removed.length) lenses.push(new CodeLens(top, { title: removedLensTitle(removed), command: COMMANDS.showPending }));
    const count = pending.added.length + pending.changed.length + pending.removed.length;
    if (count > 1)
      lenses.push(new CodeLens(top, { title: `Apply all ${count} pending changes (update)`, command: COMMANDS.apply, arguments: [] }));
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
