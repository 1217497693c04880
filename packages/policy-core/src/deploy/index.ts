/** Deploy records and the hash-chained audit log: schemas, parsing and verification (pure). */
export * from './audit-chain.js';
export * from './written-audit-line.js';
export * from './verified-audit-log.js';
export * from './log-pin.js';
export * from './audit-event.js';
export * from './json-with-ranges.js';
export * from './record-parse.js';
export * from './record-schema.js';
export * from './json-schemas.js';
export * from './sha256.js';
export * from './slipway-commit.js';
export * from './flow-commit.js';
export { SLIPWAY_EVENT_TRAILER, trailerLines } from './commit-trailers.js';
export type { DeploySection, EnvironmentConfig, HealthCheckConfig } from '../policy/schema/deploy.js';
export * from './flow/index.js';
export * from './metrics/index.js';
