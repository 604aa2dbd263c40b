// TEMPORARY until live-core is merged: the shapes of the connection layer this client codes against.
export interface ProcessInfo {
  name: string;
  group: string;
  state: number;
  statename: string;
  pid: number;
  start: number;
  now: number;
  stop: number;
  exitstatus: number;
  spawnerr: string;
  description: string;
  logfile: string;
}
export interface ReloadResult {
  added: string[];
  changed: string[];
  removed: string[];
}
