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
