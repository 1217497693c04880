import type { ParsedRecord } from './record-parse.js';
import { HASH_PATTERN } from './record-schema.js';

/**
 * The record's audit_head when it is a well-formed SHA-256, even if other keys of the record are
 * invalid. An unknown key, an abbreviated SHA or a bad timestamp is the record's own problem (the
 * REC rules', or a line of its own where the record is read); it must not also switch off the
 * check that the log's tail is still there (AUD002, the deploy flows, `slipway metrics`), or
 * deleting the last entry would go unseen whenever the record has an unrelated problem.
 */
export function wellFormedAuditHead(parsed: ParsedRecord): string | undefined {
  if (parsed.record) return parsed.record.audit_head;
  const raw = parsed.raw;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const head = (raw as Record<string, unknown>).audit_head;
  return typeof head === 'string' && HASH_PATTERN.test(head) ? head : undefined;
}
