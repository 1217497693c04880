import * as z from 'zod/mini';
import { ToolRefusal } from './tool-result.js';

/**
 * Arguments within LIMITS.mcp. The limits are in the JSON Schema `tools/list` shows (a client
 * may check them first), and are enforced here, in the handler, with one line naming the
 * argument, its size and what to do: a schema check would say it once per offending element,
 * in zod's words.
 */

/** A string of 1 to `max` characters, as the JSON Schema says it; checked by `withinLength`. */
export function limitedString(max: number) {
  return z.string().register(z.globalRegistry, { minLength: 1, maxLength: max });
}

/**
 * A list's item that the JSON Schema shows as a string of 1 to `max` characters, and the schema
 * check takes as it comes: `withinLength` refuses the first item that is not one in one line,
 * where a schema check would add a line for every such item.
 */
export function listedString(max: number) {
  return z.unknown().register(z.globalRegistry, { type: 'string', minLength: 1, maxLength: max });
}

/** A list of 1 to `max` items, as the JSON Schema says it; checked by `withinCount`. */
export function limitedList<T extends z.ZodMiniType>(item: T, max: number) {
  return z.array(item).register(z.globalRegistry, { minItems: 1, maxItems: max });
}

/** Refuses a string argument that is empty or longer than `max` characters. */
export function withinLength(name: string, value: unknown, max: number, instead: string): string {
  if (typeof value !== 'string')
    throw new ToolRefusal(
      `${name} is ${value === null ? 'null' : `a ${typeof value}`}, not a string: ${instead}`,
    );
  if (value.length === 0) throw new ToolRefusal(`${name} is empty: ${instead}`);
  if (value.length > max)
    throw new ToolRefusal(`${name} has ${value.length} characters, over the limit of ${max}: ${instead}`);
  return value;
}

/** Refuses a list argument that is empty or longer than `max` items. */
export function withinCount<T>(name: string, list: readonly T[], max: number, instead: string): readonly T[] {
  if (list.length === 0) throw new ToolRefusal(`${name} is empty: ${instead}`);
  if (list.length > max)
    throw new ToolRefusal(`${name} has ${list.length} items, over the limit of ${max}: ${instead}`);
  return list;
}
