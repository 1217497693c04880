import type { DbAuditInput } from '../../../db/audit-input.js';
import { historyToolOf } from '../../../db/recorded-history.js';
import type { AnyRule, RuleFamily } from '../../../rule.js';
import { oneRunFamily } from '../../one-run-family.js';

/**
 * The DB family: the rules about live databases (DB001–DB005), run over the databases the audit
 * read (`CheckContext.databases`) and the governing policy. A check of a repository has no
 * databases, so it finds nothing here; DB006 judges the guard's environment and runs there.
 */
export function databaseFamilyOf(rules: readonly AnyRule[]): RuleFamily {
  return oneRunFamily<DbAuditInput>('DB', rules, {
    facts: 'database-audit',
    run(ctx) {
      const read = ctx.databases;
      if (!read) return undefined;
      const tool = historyToolOf(ctx.policy);
      return read.graph
        ? { databases: read.facts, graph: read.graph, policy: ctx.policy, tool }
        : { databases: read.facts, policy: ctx.policy, tool };
    },
  });
}
