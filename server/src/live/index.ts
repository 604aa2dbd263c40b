// The live connection to supervisord: where it listens (from the config), a typed XML-RPC client, typed errors.
export { findConnection, type LiveTarget } from './target';
export { SupervisorClient, type ClientOptions, type ConfigChanges, type DaemonState, type LogTail, type ProcessInfo } from './client';
export type { ProcessResult, ProcessStateName } from './client';
export type { GroupUpdate } from './update';
export type { FollowOptions, LogChannel, LogFollower } from './followLog';
export { Faults, isFault, LiveError, type LiveErrorKind } from './errors';
