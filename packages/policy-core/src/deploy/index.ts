/** Deploy records and the hash-chained audit log: schemas, parsing and verification (pure). */
export { type AuditEntry, type AuditIssue, type AuditLog, readAuditLog } from './audit-chain.js';
export { verifiedAuditLog } from './verified-audit-log.js';
export { type LogPin, logPin } from './log-pin.js';
export {
  AUDIT_EVENTS,
  AUDIT_OUTCOMES,
  type AuditEvent,
  type AuditEventName,
  type AuditOutcome,
  auditEventSchema,
  formatAuditLine,
  GENESIS_HASH,
} from './audit-event.js';
export {
  type JsonEntry,
  type JsonNode,
  type JsonParseResult,
  locateJson,
  parseJsonWithRanges,
} from './json-with-ranges.js';
export {
  type ParsedRecord,
  parseDeployRecord,
  type RecordProblem,
  wellFormedLastGoodSha,
} from './record-parse.js';
export {
  type Actor,
  actorSchema,
  type DeployRecord,
  deployRecordSchema,
  HASH_PATTERN,
  type HistoryEntry,
  historyEntrySchema,
  ISO_WITH_OFFSET,
  isIsoWithOffset,
  MAX_HISTORY,
  SHA_PATTERN,
  shaSchema,
} from './record-schema.js';
export { auditEventJsonSchema, deployRecordJsonSchema } from './json-schemas.js';
export { sha256Bytes, sha256Hex } from './sha256.js';
export {
  isSlipwayCommit,
  pathsBeyondRecord,
  type RecordPaths,
  SLIPWAY_EVENT_TRAILER,
} from '../rules/deploy-record/REC006-hand-edited-record.js';
export type { DeploySection, EnvironmentConfig, HealthCheckConfig } from '../policy/schema/deploy.js';
export * from './flow/index.js';
