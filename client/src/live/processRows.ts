// What the process view and the status bar show for supervisord's getAllProcessInfo answer: groups with their
// processes, each with state, pid, uptime, exit status or spawn error. Pure (no VS Code import), so it is unit-tested.
import type { ProcessInfo } from '../../../server/src/live';

/** supervisord's RUNNING_STATES (states.py): the processes stopping their group stops. */
const RUNNING_STATES = new Set(['RUNNING', 'STARTING', 'BACKOFF']);
/** States that need the user's attention. */
const TROUBLE_STATES = new Set(['FATAL', 'BACKOFF']);

export const isRunning = (info: Pick<ProcessInfo, 'statename'>) => RUNNING_STATES.has(info.statename);
export const isInTrouble = (info: Pick<ProcessInfo, 'statename'>) => TROUBLE_STATES.has(info.statename);

/** `group:name`, the name supervisorctl and the XML-RPC calls take for one process. */
export const namespec = (info: Pick<ProcessInfo, 'group' | 'name'>) =>
  info.group === info.name ? info.name : `${info.group}:${info.name}`;

export interface ProcessRow {
  kind: 'process';
  info: ProcessInfo;
  namespec: string;
  label: string;
  description: string;
  tooltip: string;
  trouble: boolean;
}

export interface GroupRow {
  kind: 'group';
  name: string;
  label: string;
  description: string;
  processes: ProcessRow[];
  trouble: boolean;
}

/** h:mm:ss, with days in front once there are any (as supervisorctl status prints uptime). */
export function formatUptime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const clock = `${Math.floor((s % 86_400) / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return days ? `${days} day${days === 1 ? '' : 's'}, ${clock}` : clock;
}

/** The facts of one process, in the order the view shows them. */
function details(info: ProcessInfo): string[] {
  const parts: string[] = [];
  if (info.pid) parts.push(`pid ${info.pid}`);
  if (info.statename === 'RUNNING' && info.start) parts.push(`uptime ${formatUptime(info.now - info.start)}`);
  if (info.statename === 'EXITED') parts.push(`exit status ${info.exitstatus}`);
  if (isInTrouble(info) && info.spawnerr) parts.push(info.spawnerr);
  return parts;
}

function processRow(info: ProcessInfo, label: string): ProcessRow {
  const facts = details(info);
  const spec = namespec(info);
  return {
    kind: 'process',
    info,
    namespec: spec,
    label,
    description: [info.statename, ...facts].join(' · '),
    tooltip: [`${spec}: ${info.statename}`, ...facts, info.logfile ? `stdout log: ${info.logfile}` : ''].filter(Boolean).join('\n'),
    trouble: isInTrouble(info),
  };
}

/**
 * The top level of the process view: a group per supervisord group, except that a group holding just one process
 * of its own name (a plain [program:x]) is shown as that process, the way supervisorctl status lists it.
 */
export function processRows(infos: readonly ProcessInfo[]): (GroupRow | ProcessRow)[] {
  const byGroup = new Map<string, ProcessInfo[]>();
  for (const info of infos) {
    const members = byGroup.get(info.group);
    if (members) members.push(info);
    else byGroup.set(info.group, [info]);
  }
  return [...byGroup.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, members]): GroupRow | ProcessRow => {
      if (members.length === 1 && members[0].name === group) return processRow(members[0], group);
      const processes = members.sort((a, b) => a.name.localeCompare(b.name)).map((info) => processRow(info, info.name));
      return {
        kind: 'group',
        name: group,
        label: group,
        description: runningText(members),
        processes,
        trouble: processes.some((p) => p.trouble),
      };
    });
}

/** A group's state in a few words: the state of its only process, else how many of its processes are RUNNING. */
export function runningText(members: readonly ProcessInfo[]): string {
  if (members.length === 1) return members[0].statename;
  return `${members.filter((i) => i.statename === 'RUNNING').length}/${members.length} running`;
}

export interface StatusSummary {
  text: string;
  tooltip: string;
  warning: boolean;
}

export function statusSummary(infos: readonly ProcessInfo[]): StatusSummary {
  const running = infos.filter((i) => i.statename === 'RUNNING').length;
  const trouble = infos.filter(isInTrouble);
  return {
    text: `supervisord: ${running}/${infos.length}`,
    tooltip:
      `${running} of ${infos.length} processes running` +
      (trouble.length ? `\n${trouble.map((i) => `${namespec(i)}: ${i.statename}${i.spawnerr ? ` (${i.spawnerr})` : ''}`).join('\n')}` : ''),
    warning: trouble.length > 0,
  };
}
