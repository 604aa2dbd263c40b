// A map of lists, added to one value at a time.

/** Adds `value` to the list `lists` holds for `key`, making that list when there is none yet. */
export function addTo<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}
