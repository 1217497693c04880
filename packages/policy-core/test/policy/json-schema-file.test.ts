import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema } from '../../src/policy/json-schema.js';

/**
 * The policy's JSON Schema, as the sources generate it, is the one committed in docs/schemas
 * (editors validate and complete with it, the docs quote its descriptions): every key, type,
 * default and description. `pnpm gen-docs` rewrites the file from the sources.
 */
describe('the policy JSON Schema', () => {
  it('is what docs/schemas/policy.schema.json holds', () => {
    const file = new URL('../../../../docs/schemas/policy.schema.json', import.meta.url);
    expect(policyJsonSchema()).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });
});
