/**
 * `items` in lists by `keyOf`, each list in the order given, the keys in the order first seen.
 * (`Map.groupBy` does this from Node 21 on; Slipway runs on Node 20.)
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
