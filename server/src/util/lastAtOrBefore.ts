/**
 * The index of the last of `items` whose key is at or before `value` (-1: before the first), for items in ascending key
 * order; without `keyOf`, the items are the keys.
 */
export function lastAtOrBefore<T>(items: readonly T[], value: number, keyOf: (item: T) => number = asNumber): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (keyOf(items[middle]) <= value) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

const asNumber = (item: unknown) => item as number;
