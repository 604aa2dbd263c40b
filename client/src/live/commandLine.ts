// The supervisorctl command line equivalent to an action, shown so the user learns what happened. Pure.

/** Where supervisorctl looks for its config when given no -c (supervisor/options.py: Options.searchpaths). */
const DEFAULT_CONFIGS = ['/etc/supervisord.conf', '/etc/supervisor/supervisord.conf'];

export interface CommandContext {
  /** The main config the connection was found in. */
  configPath?: string;
  /** supervisor.live.serverUrl, when it overrides the config. */
  serverUrl?: string;
}

/** Quotes a word for a POSIX shell when it needs quoting (a group's `name:*` must reach supervisorctl unexpanded). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function supervisorctl(context: CommandContext, ...args: string[]): string {
  const words = ['supervisorctl'];
  if (context.configPath && !DEFAULT_CONFIGS.includes(context.configPath)) words.push('-c', context.configPath);
  if (context.serverUrl) words.push('-s', context.serverUrl);
  return [...words, ...args].map(shellWord).join(' ');
}
