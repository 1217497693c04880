import type { AnyRule, Rule, RuleFamily } from '../../../rule.js';
import { type AuditRun, readAuditFacts } from './audit-facts.js';

/** The AUD family: the audit log is well formed and its hash chain, up to the record's head, is intact. */
export function auditLogFamilyOf(rules: readonly AnyRule[]): RuleFamily {
  return {
    id: 'AUD',
    rules,
    check(ctx) {
      const path = ctx.policy.policy.deploy?.audit_log;
      // Read as an empty log, a directory would look like a truncated one: AUD001 reports it alone.
      const directory = path !== undefined && ctx.repo.isDirectory?.(path) === true;
      const log = directory ? undefined : readAuditFacts(ctx);
      const run: AuditRun = { ctx, log, directory };
      return {
        findings: (this.rules as Rule<AuditRun>[]).flatMap((r) => r.check(run)),
        filesChecked: log ? [log.path] : [],
      };
    },
  };
}
