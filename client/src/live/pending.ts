// Pending changes as supervisord itself reports them (reloadConfig: the groups `supervisorctl reread` lists), and
// what `supervisorctl update` would do with them: the texts of the lenses and of the confirmation. Pure.
import type { ProcessInfo, ConfigChanges } from '../../../server/src/live';
import { isRunning, namespec } from './processRows';

export type GroupChange = 'added' | 'changed' | 'removed';

export function changeOf(pending: ConfigChanges, group: string): GroupChange | undefined {
  if (pending.added.includes(group)) return 'added';
  if (pending.changed.includes(group)) return 'changed';
  if (pending.removed.includes(group)) return 'removed';
  return undefined;
}

/** What `supervisorctl reread` prints for the same answer (supervisorctl.py: `_formatChanges`). */
export function rereadLines(pending: ConfigChanges): string[] {
  const words = new Map<string, string>();
  for (const [names, word] of [
    [pending.added, 'available'],
    [pending.changed, 'changed'],
    [pending.removed, 'disappeared'],
  ] as const)
    for (const name of names) words.set(name, word);
  if (!words.size) return ['No config updates to processes'];
  return [...words.keys()].sort().map((name) => `${name}: ${words.get(name)}`);
}

export interface GroupStep {
  group: string;
  change: GroupChange;
  /** Processes running now that the update stops: restarted when the group is changed, gone when removed. */
  affected: string[];
}

/**
 * What `supervisorctl update [groups]` does (supervisorctl.py do_update): a removed group is stopped and removed,
 * a changed one stopped, removed and added again (so its running processes restart), an added one added.
 * `only` limits it to some groups, as `update worker` does.
 */
export function updatePlan(pending: ConfigChanges, infos: readonly ProcessInfo[], only?: readonly string[]): GroupStep[] {
  const wanted = (group: string) => !only || only.includes(group);
  const running = (group: string) => infos.filter((i) => i.group === group && isRunning(i)).map(namespec);
  return [
    ...pending.removed.filter(wanted).map((group): GroupStep => ({ group, change: 'removed', affected: running(group) })),
    ...pending.changed.filter(wanted).map((group): GroupStep => ({ group, change: 'changed', affected: running(group) })),
    ...pending.added.filter(wanted).map((group): GroupStep => ({ group, change: 'added', affected: [] })),
  ];
}

const MAX_LISTED = 4;
const list = (names: string[]) =>
  names.slice(0, MAX_LISTED).join(', ') + (names.length > MAX_LISTED ? ` and ${names.length - MAX_LISTED} more` : '');

/** The effect of one step in a few words: "restarts worker:a, worker:b", "stops web", "starts its autostart processes". */
function effect(step: GroupStep): string {
  switch (step.change) {
    case 'added':
      return 'update adds it';
    case 'changed':
      return step.affected.length ? `update restarts ${list(step.affected)}` : 'update restarts nothing (no process running)';
    case 'removed':
      return step.affected.length ? `update stops ${list(step.affected)} and removes it` : 'update removes it';
  }
}

/** The lens over a section whose group the daemon has not loaded as written. */
export function pendingLensTitle(step: GroupStep): string {
  return `not applied: ${step.change} · ${effect(step)}`;
}

/** The lens over the main config for removed groups, which have no section left to carry one. */
export function removedLensTitle(steps: readonly GroupStep[]): string {
  return `not applied: removed ${steps.map((s) => `[${s.group}]`).join(', ')} · ${steps.map(effect).join('; ')}`;
}

export const UNSAVED_LENS_TITLE = 'unsaved edits: save to compare with supervisord';

export interface Confirmation {
  message: string;
  detail: string;
}

/** The modal question before an update: every process it restarts or stops, and the equivalent command. */
export function confirmation(steps: readonly GroupStep[], commandLine: string): Confirmation {
  const restarted = steps.filter((s) => s.change === 'changed').flatMap((s) => s.affected);
  const stopped = steps.filter((s) => s.change === 'removed').flatMap((s) => s.affected);
  const lines = steps.map((s) => `[${s.group}] ${s.change}: ${effect(s)}`);
  const summary = [
    restarted.length ? `restart ${restarted.length} process${restarted.length === 1 ? '' : 'es'}` : '',
    stopped.length ? `stop ${stopped.length} process${stopped.length === 1 ? '' : 'es'}` : '',
  ].filter(Boolean);
  return {
    message: `Apply ${steps.length} pending change${steps.length === 1 ? '' : 's'}${summary.length ? ` and ${summary.join(' and ')}` : ''}?`,
    detail: [
      ...lines,
      '',
      `Restarts: ${restarted.length ? restarted.join(', ') : 'none'}`,
      '',
      `Runs the equivalent of: ${commandLine}`,
    ].join('\n'),
  };
}
