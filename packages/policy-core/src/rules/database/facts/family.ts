import type { DbAuditInput } from '../../../db/audit-input.js';
import type { AnyRule, Rule, RuleFamily } from '../../../rule.js';

/**
 * The DB family: the rules about live databases (DB001–DB005), run over the databases the audit
 * read (`CheckContext.databases`) and the governing policy. A check of a repository has no
 * databases, so it finds nothing here; DB006 judges the guard's environment and runs there.
 */
export function databaseFamilyOf(rules: readonly AnyRule[]): RuleFamily {
  return {
    id: 'DB',
    rules,
    check(ctx) {
      const read = ctx.databases;
      if (!read) return { findings: [], filesChecked: [] };
      const input: DbAuditInput = read.graph
        ? { databases: read.facts, graph: read.graph, policy: ctx.policy }
        : { databases: read.facts, policy: ctx.policy };
      const audits = this.rules.filter((r) => r.facts === 'database-audit') as Rule<DbAuditInput>[];
      return { findings: audits.flatMap((r) => r.check(input)), filesChecked: [] };
    },
  };
}
