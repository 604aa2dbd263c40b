// Every failure of the live connection as one typed error whose message says what to do about it.

export type LiveErrorKind =
  'socket-missing' | 'permission-denied' | 'connection-refused' | 'auth-failed' | 'timeout' | 'fault' | 'protocol';

/** supervisord's fault codes (Supervisor 4.2.5 `supervisor/xmlrpc.py`: `Faults`). */
export const Faults = {
  UNKNOWN_METHOD: 1,
  INCORRECT_PARAMETERS: 2,
  BAD_ARGUMENTS: 3,
  SIGNATURE_UNSUPPORTED: 4,
  SHUTDOWN_STATE: 6,
  BAD_NAME: 10,
  BAD_SIGNAL: 11,
  NO_FILE: 20,
  NOT_EXECUTABLE: 21,
  FAILED: 30,
  ABNORMAL_TERMINATION: 40,
  SPAWN_ERROR: 50,
  ALREADY_STARTED: 60,
  NOT_RUNNING: 70,
  SUCCESS: 80,
  ALREADY_ADDED: 90,
  STILL_RUNNING: 91,
  CANT_REREAD: 92,
} as const;

export function faultName(code: number): string {
  return Object.entries(Faults).find(([, value]) => value === code)?.[0] ?? 'UNKNOWN';
}

export class LiveError extends Error {
  override readonly name = 'LiveError';
  constructor(
    readonly kind: LiveErrorKind,
    message: string,
    /** For kind 'fault': supervisord's fault code and string. */
    readonly fault?: { code: number; name: string; text: string },
  ) {
    super(message);
  }
}

/** A LiveError of kind 'fault' with this fault name (e.g. 'NOT_RUNNING'). */
export function isFault(error: unknown, name: keyof typeof Faults): error is LiveError {
  return error instanceof LiveError && error.fault?.code === Faults[name];
}
