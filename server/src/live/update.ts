// `supervisorctl update [group...]` step by step (Supervisor 4.2.5 `supervisor/supervisorctl.py`:
// `DefaultControllerPlugin.do_update`): reread, then removed groups stopped and removed (kept when a process failed
// to stop), changed groups stopped, removed and added again, added groups added. supervisorctl stops at the first
// fault of those calls; so do we, reporting the groups it never reached as not applied.
import type { ProcessResult, SupervisorClient } from './client';
import { Faults, LiveError } from './errors';

export interface GroupUpdate {
  group: string;
  /** 'unknown': a group named in the request that is neither running nor added by the new config. */
  change: 'removed' | 'changed' | 'added' | 'unknown';
  ok: boolean;
  /** What happened, in supervisorctl's words ("updated process group", "has problems; not removing", ...). */
  message: string;
  /** The group's processes as stopProcessGroup left them (removed and changed groups). */
  stopped?: ProcessResult[];
  /** The failure that ended the update at this group. */
  error?: LiveError;
}

type UpdateCalls = Pick<
  SupervisorClient,
  'reloadConfig' | 'getAllProcessInfo' | 'stopProcessGroup' | 'removeProcessGroup' | 'addProcessGroup'
>;

export async function applyUpdate(client: UpdateCalls, requested: string[]): Promise<GroupUpdate[]> {
  const { added, changed, removed } = await client.reloadConfig();
  // "all" among the names means every group, as no names do.
  const only = new Set(requested.includes('all') ? [] : requested);
  const results: GroupUpdate[] = [];
  if (only.size) {
    const known = new Set([...(await client.getAllProcessInfo()).map((info) => info.group), ...added]);
    for (const group of only) {
      if (!known.has(group)) results.push({ group, change: 'unknown', ok: false, message: 'ERROR: no such group' });
    }
  }
  const selected = (groups: string[]) => (only.size ? groups.filter((g) => only.has(g)) : groups);
  const steps: { group: string; change: GroupUpdate['change']; run: () => Promise<GroupUpdate> }[] = [
    ...selected(removed).map((group) => ({ group, change: 'removed' as const, run: () => removeGroup(client, group) })),
    ...selected(changed).map((group) => ({ group, change: 'changed' as const, run: () => replaceGroup(client, group) })),
    ...selected(added).map((group) => ({ group, change: 'added' as const, run: () => addGroup(client, group) })),
  ];
  for (const [index, step] of steps.entries()) {
    try {
      results.push(await step.run());
    } catch (error) {
      if (!(error instanceof LiveError)) throw error;
      results.push({ group: step.group, change: step.change, ok: false, message: `ERROR: ${error.message}`, error });
      for (const rest of steps.slice(index + 1)) {
        results.push({ group: rest.group, change: rest.change, ok: false, message: `not applied: the update stopped at ${step.group}` });
      }
      break;
    }
  }
  return results;
}

async function removeGroup(client: UpdateCalls, group: string): Promise<GroupUpdate> {
  const stopped = await client.stopProcessGroup(group);
  if (stopped.some((result) => result.status === Faults.FAILED)) {
    return { group, change: 'removed', ok: false, message: 'has problems; not removing', stopped };
  }
  await client.removeProcessGroup(group);
  return { group, change: 'removed', ok: true, message: 'removed process group', stopped };
}

async function replaceGroup(client: UpdateCalls, group: string): Promise<GroupUpdate> {
  const stopped = await client.stopProcessGroup(group);
  await client.removeProcessGroup(group);
  await client.addProcessGroup(group);
  return { group, change: 'changed', ok: true, message: 'updated process group', stopped };
}

async function addGroup(client: UpdateCalls, group: string): Promise<GroupUpdate> {
  await client.addProcessGroup(group);
  return { group, change: 'added', ok: true, message: 'added process group' };
}
