import { VerifiedAuditLogs } from '../../../deploy/verified-audit-log.js';
import type { CheckContext } from '../../../rule.js';

/**
 * The checked repository's remembered audit-log verification (its Workspace's), which the AUD
 * and REC rules share: the second reader of the same log gets the first one's answer. A context
 * without a workspace verifies afresh.
 */
export function auditLogs(ctx: Pick<CheckContext, 'workspace'>): VerifiedAuditLogs {
  return ctx.workspace?.auditLogs ?? new VerifiedAuditLogs();
}
