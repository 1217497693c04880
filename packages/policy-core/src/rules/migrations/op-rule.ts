import type { Finding } from '../../finding.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import { finding, type MigRule, statementRelated } from './mig-facts.js';

/** Which operations a rule judges. */
export interface OpRuleSpec {
  /** Tables created in the same revision (or .sql file) are exempt: locking rules. */
  exemptNewTables?: boolean;
  /** Also judge `downgrade()` (rules about code that fails whichever way it runs). */
  includeDowngrade?: boolean;
  /** Judge statements of `.sql` migration files too (default true). */
  sqlFiles?: boolean;
  matches(op: SchemaOp): boolean;
  message(op: SchemaOp, file: string): string;
}

function createdTables(ops: readonly SchemaOp[]): Set<string> {
  const out = new Set<string>();
  for (const op of ops) if (op.kind === 'create_table' && op.table) out.add(op.table.toLowerCase());
  return out;
}

function judge(
  rule: MigRule['meta'],
  spec: OpRuleSpec,
  file: string,
  ops: readonly SchemaOp[],
  out: Finding[],
): void {
  let created: Set<string> | undefined;
  for (const op of ops) {
    if (!spec.matches(op)) continue;
    if (spec.exemptNewTables && op.table) {
      created ??= createdTables(ops);
      if (created.has(op.table.toLowerCase())) continue;
    }
    out.push(finding(rule, file, op.range, spec.message(op, file), statementRelated(file, op)));
  }
}

/** A MigRule that judges each operation of `upgrade()` (and of .sql migrations) on its own. */
export function opRule(meta: MigRule['meta'], spec: OpRuleSpec): MigRule {
  return {
    meta,
    checkModule(module) {
      const out: Finding[] = [];
      judge(meta, spec, module.path, module.upgrade?.ops ?? [], out);
      if (spec.includeDowngrade) judge(meta, spec, module.path, module.downgrade?.ops ?? [], out);
      return out;
    },
    checkSqlFile:
      spec.sqlFiles === false
        ? undefined
        : (file) => {
            const out: Finding[] = [];
            judge(meta, spec, file.path, file.ops, out);
            return out;
          },
  };
}
