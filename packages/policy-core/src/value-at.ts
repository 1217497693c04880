/**
 * The value at `path` in parsed JSON or YAML (object keys, array indexes), or undefined where the
 * path leaves the document: what schema messages and fixes ask of the input a schema refused.
 */
export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}
