import * as z from 'zod/mini';
import { schemaUrl } from '../schema-urls.js';
import { policySchema } from './schema/index.js';

/**
 * The JSON Schema (draft 2020-12) of what a YAML file Slipway reads may hold: zod's input form
 * (defaults are optional keys), anything JSON Schema cannot say (a refinement) left open. The
 * policy's and the policy test file's are made here.
 */
export function inputJsonSchema(schema: z.ZodMiniType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return typeListsAsAnyOf(out) as Record<string, unknown>;
}

/**
 * zod writes a union of primitives as a list of types (`"type": ["string", "number"]`), which a
 * strict validator (Ajv's strictTypes) refuses; `anyOf` of one type each says the same to every
 * validator. (zod's own `override` runs before it merges the union into the list.)
 */
function typeListsAsAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(typeListsAsAnyOf);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = typeListsAsAnyOf(value);
  if (Array.isArray(out.type)) {
    out.anyOf = out.type.map((type) => ({ type }));
    delete out.type;
  }
  return out;
}

/**
 * The policy's JSON Schema, generated from the zod schema so the two never drift. It describes
 * the input form (defaults are optional keys), which is what editors validate as you type.
 */
export function policyJsonSchema(): Record<string, unknown> {
  const schema = inputJsonSchema(policySchema);
  // `rules:` is an open record in zod so that POL003 can point at each bad entry; editors that
  // only have the JSON Schema still get the same constraint on ids and values.
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (properties?.rules) {
    properties.rules = {
      ...properties.rules,
      propertyNames: { type: 'string', pattern: '^[A-Z]+[0-9]+$' },
      additionalProperties: { enum: ['off', 'error', 'warning', 'info'] },
    };
  }
  return {
    ...schema,
    $id: schemaUrl('policy.schema.json'),
    title: 'Slipway policy (slipway.yaml / slipway.toml), version 1',
  };
}
