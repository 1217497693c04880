import { pathAtBase } from '../../../change-set.js';
import type { AnyRule, RuleFamily } from '../../../rule.js';
import { oneRunFamily } from '../../one-run-family.js';
import { type AuditRun, readAuditFacts } from './audit-facts.js';

/** The AUD family: the audit log is well formed and its hash chain, up to the record's head, is intact. */
export function auditLogFamilyOf(rules: readonly AnyRule[]): RuleFamily {
  return oneRunFamily<AuditRun>('AUD', rules, {
    facts: 'audit-log',
    run(ctx) {
      const path = ctx.policy.policy.deploy?.audit_log;
      // Read as an empty log, a directory would look like a truncated one: AUD001 reports it alone.
      const directory = path !== undefined && ctx.repo.isDirectory?.(path) === true;
      return { ctx, log: directory ? undefined : readAuditFacts(ctx), directory };
    },
    filesChecked: ({ log }) => (log ? [log.path] : []),
    // The log as it was at base (AUD005, AUD007: what the change appended or rewrote).
    gitAsks: ({ change, policy }) =>
      change && policy.policy.deploy ? { base: [pathAtBase(change, policy.policy.deploy.audit_log)] } : {},
  });
}
