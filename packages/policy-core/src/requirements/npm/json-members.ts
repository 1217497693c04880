import type { JsonEntry, JsonNode } from '../../deploy/json-node.js';

/** The member `key` of a JSON object node, if the node is an object that has it. */
export function member(node: JsonNode | undefined, key: string): JsonEntry | undefined {
  if (node?.kind !== 'object') return undefined;
  for (const e of node.entries) if (e.key === key) return e;
  return undefined;
}

/** A string value's text, from the parsed value beside the node (the node holds only spans). */
export function stringAt(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `value[key]` when `value` is a plain JSON object; undefined otherwise (an array, a string…). */
export function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** A JSON text's meaning, whatever its spacing and key order (`overrides` reformatted is the same). */
export function canonicalJson(json: string): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  try {
    return JSON.stringify(sort(JSON.parse(json)));
  } catch {
    return json;
  }
}
