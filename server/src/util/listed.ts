import { formatNumber } from './formatNumber';

/**
 * The first items of a list for a message, and how many more there are: `a, b, c and 1,997 more files`. A
 * configuration may hold thousands of copies of one section, and a message naming each, once per file, made the
 * output grow with their square.
 */
export function andMore(named: readonly string[], total: number, what = ''): string {
  const more = total - named.length;
  return more > 0 ? `${named.join(', ')} and ${formatNumber(more)} more${what && ` ${what}`}` : named.join(', ');
}
