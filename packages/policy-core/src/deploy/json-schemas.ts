import * as z from 'zod/mini';
import { auditEventSchema } from './audit-event.js';
import { schemaUrl } from '../schema-urls.js';
import { deployRecordSchema } from './record-schema.js';

/**
 * JSON Schemas (draft 2020-12) generated from the zod schemas, for editors (`"$schema"` in the
 * record) and other tools; `slipway schema --record` / `--audit-event` print them and
 * docs/schemas/ ships them. Timestamps carry a pattern with every field's range and
 * `format: "date-time"` for the calendar, so a validator that checks formats accepts exactly
 * what the CLI accepts.
 */
export function deployRecordJsonSchema(): Record<string, unknown> {
  return generate(
    deployRecordSchema,
    schemaUrl('deploy-record.schema.json'),
    'Slipway deploy record (deploy.record, e.g. infrastructure/LAST_PROD_DEPLOY.json)',
  );
}

export function auditEventJsonSchema(): Record<string, unknown> {
  return generate(
    auditEventSchema,
    schemaUrl('audit-event.schema.json'),
    'Slipway audit log event (one line of deploy.audit_log, JSON Lines)',
  );
}

function generate(schema: z.ZodMiniType, $id: string, title: string): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  // Identity first, as people read a schema file from the top.
  return { $schema: generated.$schema, $id, title, ...generated };
}
