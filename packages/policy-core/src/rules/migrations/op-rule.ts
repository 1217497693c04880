import type { Finding } from '../../finding.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import { finding, type MigRule, statementRelated } from './mig-facts.js';

/** What the same revision (or .sql file) did before an op: tables it created, columns it added. */
export interface EarlierInRevision {
  /** Lower-cased table names. */
  tables: ReadonlySet<string>;
  /** Lower-cased `table.column`. */
  columns: ReadonlySet<string>;
}

/** Which operations a rule judges. */
export interface OpRuleSpec {
  /** Tables created in the same revision (or .sql file) are exempt: locking rules. */
  exemptNewTables?: boolean;
  /**
   * Ops the same revision makes harmless by what it did before them: dropping a table it has
   * just created, backfilling a column it has just added. Destructive and breaking rules.
   */
  exempt?(op: SchemaOp, earlier: EarlierInRevision): boolean;
  /** Also judge `downgrade()` (rules about code that fails whichever way it runs). */
  includeDowngrade?: boolean;
  /** Judge statements of `.sql` migration files too (default true). */
  sqlFiles?: boolean;
  matches(op: SchemaOp): boolean;
  /** For statements of .sql migrations, when they are judged differently (default: `matches`). */
  matchesSql?(op: SchemaOp): boolean;
  message(op: SchemaOp, file: string): string;
}

/** The table an op names was created earlier in the same revision. */
export function tableCreatedEarlier(op: SchemaOp, earlier: EarlierInRevision): boolean {
  return op.table !== undefined && earlier.tables.has(op.table.toLowerCase());
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
  const isNewTable = (table: string): boolean => {
    created ??= createdTables(ops);
    return created.has(table.toLowerCase());
  };
  const earlier = spec.exempt ? { tables: new Set<string>(), columns: new Set<string>() } : undefined;
  for (const op of ops) {
    const judged =
      spec.matches(op) &&
      !(earlier && spec.exempt?.(op, earlier)) &&
      !(spec.exemptNewTables && op.table && isNewTable(op.table));
    if (judged) out.push(finding(rule, file, op.range, spec.message(op, file), statementRelated(file, op)));
    // Recorded after judging: an op never exempts itself.
    if (earlier && op.table) {
      const table = op.table.toLowerCase();
      if (op.kind === 'create_table') earlier.tables.add(table);
      else if (op.kind === 'add_column' && op.column)
        earlier.columns.add(`${table}.${op.column.toLowerCase()}`);
    }
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
            judge(
              meta,
              spec.matchesSql ? { ...spec, matches: spec.matchesSql } : spec,
              file.path,
              file.ops,
              out,
            );
            return out;
          },
  };
}
