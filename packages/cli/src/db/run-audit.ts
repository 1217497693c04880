import { type AuditRun, type AuditRunOptions, runAudit as runAuditWith } from '@slipway/policy-core/node';
import { openPglite } from './pglite-client.js';

export { auditDirIn } from '@slipway/policy-core/node';

/** The database audit with the CLI's clients: PostgreSQL through pg, and embedded PGlite. */
export function runAudit(opts: Omit<AuditRunOptions, 'openEmbedded'>): Promise<AuditRun> {
  return runAuditWith({ ...opts, openEmbedded: openPglite });
}
