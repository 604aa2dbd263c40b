// The process view: supervisord's groups and processes with state, pid, uptime, exit status, spawn error.
import {
  commands,
  EventEmitter,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
  window,
  type Disposable,
  type TreeDataProvider,
  type TreeView,
} from 'vscode';
import type { LiveController } from './controller';
import { processRows, type GroupRow, type ProcessRow } from './processRows';

export type Row = GroupRow | ProcessRow;

function icon(row: Row): ThemeIcon {
  if (row.kind === 'group') return new ThemeIcon('folder', row.trouble ? new ThemeColor('list.warningForeground') : undefined);
  switch (row.info.statename) {
    case 'RUNNING':
      return new ThemeIcon('pass-filled', new ThemeColor('testing.iconPassed'));
    case 'STARTING':
    case 'STOPPING':
      return new ThemeIcon('sync~spin');
    case 'FATAL':
      return new ThemeIcon('error', new ThemeColor('list.errorForeground'));
    case 'BACKOFF':
      return new ThemeIcon('warning', new ThemeColor('list.warningForeground'));
    default:
      return new ThemeIcon('circle-large-outline');
  }
}

export const VIEW_ID = 'supervisor.processes';

const rowId = (row: Row) => (row.kind === 'group' ? `group:${row.name}` : row.namespec);

class ProcessTree implements TreeDataProvider<Row> {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  rows: Row[] = [];
  private readonly parents = new Map<Row, GroupRow>();

  update(rows: Row[]): void {
    this.rows = rows;
    this.parents.clear();
    for (const row of rows) if (row.kind === 'group') for (const child of row.processes) this.parents.set(child, row);
    this.changed.fire();
  }

  getChildren(row?: Row): Row[] {
    if (!row) return this.rows;
    return row.kind === 'group' ? row.processes : [];
  }

  getParent(row: Row): Row | undefined {
    return this.parents.get(row as ProcessRow);
  }

  getTreeItem(row: Row): TreeItem {
    const item = new TreeItem(row.label, row.kind === 'group' ? TreeItemCollapsibleState.Expanded : TreeItemCollapsibleState.None);
    item.id = rowId(row);
    item.description = row.description;
    item.tooltip = row.kind === 'group' ? `group ${row.name}: ${row.description}` : row.tooltip;
    item.iconPath = icon(row);
    item.contextValue = row.kind === 'group' ? 'supervisorGroup' : 'supervisorProcess';
    return item;
  }

  /** The row of a process (group and name) or, when the name is undefined, of a group. */
  find(group: string, name?: string): Row | undefined {
    for (const row of this.rows) {
      if (row.kind === 'process' && row.info.group === group) return row;
      if (row.kind === 'group' && row.name === group) return (name && row.processes.find((p) => p.info.name === name)) || row;
    }
    return undefined;
  }
}

export interface ProcessView extends Disposable {
  view: TreeView<Row>;
  reveal(group: string, name?: string): Promise<void>;
}

export function processView(controller: LiveController): ProcessView {
  const tree = new ProcessTree();
  const view = window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const update = () => {
    const session = controller.session;
    tree.update(processRows(session?.infos ?? []));
    if (!session)
      view.message = controller.problem ? `Not connected: ${controller.problem}` : 'Open a supervisord config to see its processes.';
    else if (session.connection.kind === 'disconnected')
      view.message = `Disconnected from ${session.target.description}: ${session.connection.reason}`;
    else if (session.connection.kind === 'connecting') view.message = `Connecting to ${session.target.description}…`;
    else view.message = session.infos.length ? undefined : 'supervisord runs no process.';
  };
  const subscriptions = [
    controller.onDidChange(update),
    view.onDidChangeVisibility((e) => e.visible && void controller.session?.refresh()),
  ];
  update();
  return {
    view,
    reveal: async (group, name) => {
      await controller.session?.refresh();
      const row = tree.find(group, name);
      if (row) await view.reveal(row, { select: true, focus: true, expand: true });
      else await commands.executeCommand(`${VIEW_ID}.focus`);
    },
    dispose: () => {
      subscriptions.forEach((s) => s.dispose());
      view.dispose();
    },
  };
}
