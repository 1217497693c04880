import { z } from 'zod';
import { policySchema } from './schema/index.js';

/**
 * The policy's JSON Schema, generated from the zod schema so the two never drift. It describes
 * the input form (defaults are optional keys), which is what editors validate as you type.
 */
export function policyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(policySchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://slipway.dev/schema/policy-v1.json',
    title: 'Slipway policy (slipway.yaml / slipway.toml), version 1',
  };
}
