import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditEventJsonSchema, deployRecordJsonSchema } from '../../src/deploy/json-schemas.js';

/**
 * The deploy record's and the audit event's JSON Schemas, as the sources generate them, are the
 * ones committed in docs/schemas (editors validate and complete the record and the log's lines
 * with them, and show their descriptions): every key, type, pattern and description. Here, beside
 * the deploy tests, so that a mutation run (pnpm mutate) judges the descriptions the zod schemas
 * carry. `pnpm gen-docs` rewrites the files from the sources.
 */
describe('the deploy JSON Schemas', () => {
  it.each([
    ['deploy-record.schema.json', deployRecordJsonSchema],
    ['audit-event.schema.json', auditEventJsonSchema],
  ] as const)('docs/schemas/%s is what the sources generate', (file, generate) => {
    const committed = new URL(`../../../../docs/schemas/${file}`, import.meta.url);
    expect(generate()).toEqual(JSON.parse(readFileSync(committed, 'utf8')));
  });
});
