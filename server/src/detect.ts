// Whether a file's content is a supervisor config: its first section header (after comments and blank lines) names a
// section kind only supervisor uses. A minimal version for the CLI's directory walk; the detection module replaces it.
const SUPERVISOR_ONLY =
  /^\[(supervisord|supervisorctl|unix_http_server|inet_http_server|include|(program|group|eventlistener|fcgi-program|rpcinterface|ctlplugin):[^\]]+)\]/;

export function isSupervisorConfig(text: string): boolean {
  for (const raw of text.split('\n', 1000)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    return SUPERVISOR_ONLY.test(line);
  }
  return false;
}
