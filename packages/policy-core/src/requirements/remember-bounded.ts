/**
 * Keeps `value` under `key`, the map starting over once it holds `limit` other keys: the caches of
 * parsed dependency files (DependencyCaches, NpmFileCache) stay bounded in a long-lived editor.
 */
export function rememberBounded<V>(map: Map<string, V>, key: string, value: V, limit: number): void {
  if (!map.has(key) && map.size >= limit) map.clear();
  map.set(key, value);
}
