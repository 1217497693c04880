import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * Every schema in policy-core is written with `zod/mini`: the same validation core as classic
 * zod at a twentieth of the size, which matters because every `slipway` run loads them (importing
 * classic zod alone took 30–70 ms of start-up on a 2-core machine, and each classic schema object
 * carries its own copy of dozens of methods). This module holds what classic zod gave for free.
 *
 * Mini ships without messages; POL001, REC001 and UPD001 quote them, so the English ones are
 * installed here, once, as classic zod does on import. (Listed under `sideEffects` in
 * package.json so that bundlers keep this statement.)
 */
z.config(en());

/** `schema` with a description for the JSON Schema and the docs (classic zod's `.describe`). */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  // `check` returns a copy: a shared schema (a pattern list) can carry different descriptions.
  return schema.check(z.describe(description)) as T;
}

/** An optional field with its description (classic zod's `.optional().describe(...)`). */
export function optional<T extends z.ZodMiniType>(schema: T, description: string) {
  return described(z.optional(schema), description);
}

/** An optional string field (free text: a reason, a message, a file's contents) with its description. */
export function optionalString(description: string) {
  return optional(z.string(), description);
}

/** A field that is `value` when absent, with its description (classic zod's `.default(value).describe(...)`). */
export function defaulted<T extends z.ZodMiniType>(
  schema: T,
  value: Parameters<typeof z._default<T>>[1],
  description: string,
) {
  return described(z._default(schema, value), description);
}

/** A non-empty string: most names and paths in the policy and the records. */
export const nonEmpty = () => z.string().check(z.minLength(1, 'must not be empty'));
