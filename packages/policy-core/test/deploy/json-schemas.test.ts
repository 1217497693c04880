import { auditEventJsonSchema, deployRecordJsonSchema } from '@slipway/policy-core';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

describe('generated JSON Schemas', () => {
  it('accept the seed record and reject a short SHA, as the zod schema does', () => {
    const ajv = new Ajv2020.default({ strict: false });
    const validate = ajv.compile(deployRecordJsonSchema());
    expect(validate({ last_good_sha: 'a'.repeat(40), deployed_at: '2025-01-27T14:03:00Z' })).toBe(true);
    expect(validate({ last_good_sha: 'abc', deployed_at: '2025-01-27T14:03:00Z' })).toBe(false);
    expect(validate({ last_good_sha: 'a'.repeat(40), deployed_at: '2025-01-27T14:03:00Z', extra: 1 })).toBe(
      false,
    );
    expect(validate({ last_good_sha: 'a'.repeat(40), deployed_at: '2025-01-27 14:03' })).toBe(false);
  });

  it('describe an audit event', () => {
    const schema = auditEventJsonSchema() as { required: string[] };
    expect(schema.required).toEqual(
      expect.arrayContaining(['v', 'time', 'event', 'from', 'to', 'actor', 'outcome', 'prev']),
    );
  });
});
