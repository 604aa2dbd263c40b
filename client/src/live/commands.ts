// The live commands: process and group actions from the process view (start, stop, restart, signal), go to section,
// show process, apply, reread, logs. Each shows the equivalent supervisorctl command line in the output channel.
import { commands, Selection, Uri, window, type Disposable, type OutputChannel } from 'vscode';
import { applyPending } from './apply';
import { sectionOfProcess, sectionsOfGroup } from './configuration';
import type { LiveController } from './controller';
import { COMMANDS } from './lenses';
import type { LiveLogs } from './logs';
import { VIEW_ID, type ProcessView, type Row } from './processTree';
import { processRows } from './processRows';
import { errorText, type LiveSession } from './session';

/** The signals supervisorctl signal is mostly sent (supervisor accepts any name signal.Signals knows). */
const SIGNALS = ['HUP', 'TERM', 'INT', 'QUIT', 'KILL', 'USR1', 'USR2'];

type Verb = 'start' | 'stop' | 'restart';

/** A row given by the view's context menu, else one picked from the processes and groups. */
async function rowOrPick(session: LiveSession, row: Row | undefined, processesOnly: boolean): Promise<Row | undefined> {
  if (row) return row;
  const rows = processRows(session.infos).flatMap((r) => (r.kind === 'group' ? [...(processesOnly ? [] : [r]), ...r.processes] : [r]));
  const picked = await window.showQuickPick(
    rows.map((r) => ({ label: r.kind === 'group' ? `${r.name}:*` : r.namespec, description: r.description, row: r })),
    { placeHolder: 'Process or group' },
  );
  return picked?.row;
}

/** What the action is called on: `web`, `workers:worker_00`, or a whole group as supervisorctl names it (`workers:*`). */
const target = (row: Row) => (row.kind === 'group' ? `${row.name}:*` : row.namespec);

async function run(session: LiveSession, output: OutputChannel, line: string, action: () => Promise<string>): Promise<void> {
  output.appendLine(`$ ${line}`);
  try {
    const result = await action();
    output.appendLine(result);
    void window.showInformationMessage(`${line}: ${result}`);
  } catch (error) {
    output.appendLine(`ERROR: ${errorText(error)}`);
    void window.showErrorMessage(`${line}: ${errorText(error)}`);
  }
  await session.refresh();
}

function describeResults(results: { name: string; group: string; description: string }[]): string {
  return results.length
    ? results.map((r) => `${r.group === r.name ? r.name : `${r.group}:${r.name}`}: ${r.description}`).join(', ')
    : 'nothing to do';
}

async function processAction(session: LiveSession, output: OutputChannel, verb: Verb, row: Row): Promise<void> {
  const line = session.commandLine(verb, target(row));
  if (row.kind === 'group') {
    const call = { start: 'startProcessGroup', stop: 'stopProcessGroup', restart: 'restartProcessGroup' } as const;
    return run(session, output, line, async () => describeResults(await session.call((c) => c[call[verb]](row.name))));
  }
  const call = { start: 'startProcess', stop: 'stopProcess', restart: 'restartProcess' } as const;
  const done = { start: 'started', stop: 'stopped', restart: 'restarted' };
  return run(session, output, line, async () => (await session.call((c) => c[call[verb]](row.namespec)), done[verb]));
}

async function signal(session: LiveSession, output: OutputChannel, row: Row): Promise<void> {
  const sig = await window.showQuickPick(SIGNALS, { placeHolder: `Signal to send to ${target(row)}` });
  if (!sig) return;
  const line = session.commandLine('signal', sig, target(row));
  if (row.kind === 'group')
    return run(session, output, line, async () => describeResults(await session.call((c) => c.signalProcessGroup(row.name, sig))));
  return run(session, output, line, async () => (await session.call((c) => c.signalProcess(row.namespec, sig)), `sent ${sig}`));
}

async function goToSection(session: LiveSession, row: Row): Promise<void> {
  const ref =
    row.kind === 'group' ? sectionsOfGroup(session.refs, row.name)[0] : sectionOfProcess(session.refs, row.info.group, row.info.name);
  if (!ref) {
    void window.showWarningMessage(
      `No section of ${session.configuration.main.path} defines ${target(row)}: supervisord runs a configuration that differs from the files.`,
    );
    return;
  }
  const { start, end } = ref.headerRange;
  const editor = await window.showTextDocument(Uri.file(ref.path));
  editor.selection = new Selection(start.line, start.character, end.line, end.character);
  editor.revealRange(editor.selection);
}

export function registerLiveCommands(controller: LiveController, view: ProcessView, logs: LiveLogs, output: OutputChannel): Disposable[] {
  /** Wraps a command that needs a session; without one it says why. */
  const withSession =
    <A extends unknown[]>(body: (session: LiveSession, ...args: A) => Promise<void> | void) =>
    async (...args: A) => {
      const session = controller.session;
      if (!session) {
        void window.showWarningMessage(
          `Not connected to supervisord${controller.problem ? `: ${controller.problem}` : ': open a supervisord config first'}.`,
        );
        return;
      }
      await body(session, ...args);
    };
  const onRow = (body: (session: LiveSession, row: Row) => Promise<void>, processesOnly = false) =>
    withSession(async (session, row?: Row) => {
      const chosen = await rowOrPick(session, row, processesOnly);
      if (chosen) await body(session, chosen);
    });
  const register = (id: string, body: (...args: never[]) => unknown) => commands.registerCommand(id, body);
  return [
    register(
      'supervisor.live.start',
      onRow((s, row) => processAction(s, output, 'start', row)),
    ),
    register(
      'supervisor.live.stop',
      onRow((s, row) => processAction(s, output, 'stop', row)),
    ),
    register(
      'supervisor.live.restart',
      onRow((s, row) => processAction(s, output, 'restart', row)),
    ),
    register(
      'supervisor.live.signal',
      onRow((s, row) => signal(s, output, row)),
    ),
    register(
      'supervisor.live.goToSection',
      onRow((s, row) => goToSection(s, row)),
    ),
    // Logs belong to processes: the view offers these on process rows only.
    register(
      'supervisor.live.followStdout',
      onRow(async (_s, row) => logs.follow(target(row), 'stdout'), true),
    ),
    register(
      'supervisor.live.followStderr',
      onRow(async (_s, row) => logs.follow(target(row), 'stderr'), true),
    ),
    register(
      'supervisor.live.clearLogs',
      onRow((_s, row) => logs.clear(target(row)), true),
    ),
    register(
      'supervisor.live.showDaemonLog',
      withSession(() => logs.showDaemonLog()),
    ),
    register(
      'supervisor.live.refresh',
      withSession((s) => s.refresh()),
    ),
    register('supervisor.live.showProcesses', () => commands.executeCommand(`${VIEW_ID}.focus`)),
    register(COMMANDS.showProcess, (group: string, name?: string) => view.reveal(group, name)),
    register(COMMANDS.showPending, () => output.show(true)),
    register(
      COMMANDS.apply,
      withSession((s, group?: string) => applyPending(s, output, group)),
    ),
    register(
      'supervisor.live.reread',
      withSession(async (s) => {
        await s.reread(s.configuration);
        output.show(true);
      }),
    ),
  ];
}
