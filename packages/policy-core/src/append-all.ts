/**
 * Appends every item to `target`, in order, and returns it. `target.push(...items)` passes each
 * item as an argument, and V8 throws `RangeError: Maximum call stack size exceeded` past about
 * 100,000 of them: a 150,000-line malformed audit log or a SQL file of 200,000 statements would
 * crash the check. A loop has no such limit.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
