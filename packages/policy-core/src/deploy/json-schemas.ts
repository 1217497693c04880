import * as z from 'zod/mini';
import { auditEventSchema } from './audit-event.js';
import { deployRecordSchema } from './record-schema.js';

/**
 * JSON Schemas generated from the zod schemas, for editors (`"$schema"` in the record) and other
 * tools. The calendar check on timestamps is a refinement JSON Schema cannot express; the
 * pattern still pins the shape (ISO 8601 with an offset).
 */
export function deployRecordJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(deployRecordSchema, { io: 'input' }) as Record<string, unknown>;
}

export function auditEventJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(auditEventSchema, { io: 'input' }) as Record<string, unknown>;
}
