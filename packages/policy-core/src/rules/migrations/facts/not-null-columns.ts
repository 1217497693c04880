import type { Finding } from '../../../finding.js';
import { renamedToKey } from '../../../migrations/op-positions.js';
import { changesSchema, type SchemaOp, tableKey } from '../../../migrations/schema-op.js';
import type { MigFacts, MigFileRule } from './mig-facts.js';
import { rejudgeSeries } from './rejudged-findings.js';

/**
 * MIG006 on a DELETE or UPDATE whose WHERE bounds its rows only by `col IS NOT NULL`
 * (SchemaOp.notNullBound): where the series' own migrations make that column NOT NULL (a primary
 * key, a column created or added NOT NULL, SET NOT NULL; an Alembic `nullable=False` column or a
 * Django field without `null=True`), the condition holds for every row and `DELETE FROM users
 * WHERE id IS NOT NULL` empties the table. Judged file by file, the rule cannot know the column;
 * the series' forward steps (an Alembic or Django tree's in upgrade order) are replayed in their
 * runner's order (the same file's too), and each such statement read as having no WHERE is
 * judged again. A column made another way, renamed or dropped, made nullable (DROP NOT NULL,
 * `nullable=True`, AlterField to `null=True`), a table made IF NOT EXISTS or a statement not read
 * that may change it: not known, and the statement stays a bound. A dropped primary key is no
 * DROP NOT NULL: its columns stay NOT NULL, as PostgreSQL keeps them.
 */
export function addNotNullBoundFindings(
  facts: MigFacts,
  findings: Finding[],
  fileRules: readonly MigFileRule[],
): void {
  const rule = fileRules.find((r) => r.id === 'MIG006');
  if (!rule) return;
  rejudgeSeries(
    facts,
    findings,
    rule,
    (op) => op.notNullBound !== undefined,
    () => ({ notNull: new Set<string>(), others: new Set<string>() }),
    (op, _file, { notNull, others }) => {
      const table = tableKey(op);
      const bounds =
        op.notNullBound !== undefined &&
        table !== undefined &&
        op.notNullBound.every((c) => notNull.has(`${table}\u0000${c}`));
      replay(op, notNull, others);
      return bounds ? [{ ...op, hasWhere: false }] : undefined;
    },
  );
}

/**
 * What `op` does to the columns known NOT NULL, by table key and lower-cased name. `others`: the
 * constraints the series added by name that are no NOT NULL (a key, a check), by table key and name.
 */
function replay(op: SchemaOp, notNull: Set<string>, others: Set<string>): void {
  if (op.back) return;
  const table = tableKey(op);
  if (table === undefined) {
    // A statement not read that may change a table: nothing is known any more.
    if (op.kind === 'unread_sql' && changesSchema(op)) notNull.clear();
    return;
  }
  const key = (c: string | undefined) => `${table}\u0000${c?.toLowerCase() ?? ''}`;
  const forget = () => {
    for (const k of [...notNull]) if (k.startsWith(`${table}\u0000`)) notNull.delete(k);
  };
  switch (op.kind) {
    case 'create_table':
      forget();
      for (const c of op.notNullColumns ?? []) notNull.add(key(c));
      return;
    case 'add_column':
      if (op.notNull && op.column !== undefined) notNull.add(key(op.column));
      return;
    case 'set_not_null':
      // `nullable=flag`: NOT NULL or not is known only at run time.
      if (op.column !== undefined && op.valueNotRead !== undefined) notNull.delete(key(op.column));
      else if (op.column !== undefined) notNull.add(key(op.column));
      return;
    case 'add_constraint':
      if (op.constraintName !== undefined && op.constraint !== 'not_null') others.add(key(op.constraintName));
      return;
    case 'rename_column': {
      const had = notNull.delete(key(op.column));
      if (had && op.newName !== undefined) notNull.add(key(op.newName));
      return;
    }
    case 'rename_table': {
      const to = renamedToKey(op);
      for (const k of [...notNull])
        if (k.startsWith(`${table}\u0000`)) {
          notNull.delete(k);
          if (to !== undefined) notNull.add(`${to}\u0000${k.slice(table.length + 1)}`);
        }
      return;
    }
    case 'alter_column_type':
      // A type change keeps NOT NULL; a TypeORM or Sequelize changeColumn may rename it or drop it.
      if (!op.redefinesColumn) return;
      if (op.column !== undefined) notNull.delete(key(op.column));
      else forget();
      return;
    case 'drop_column':
    case 'drop_not_null':
      if (op.column !== undefined) notNull.delete(key(op.column));
      else forget();
      return;
    case 'drop_constraint':
      // Dropping a primary key (or a check, a foreign key) leaves its columns NOT NULL: PostgreSQL
      // drops NOT NULL only by DROP NOT NULL or, from 18, by the name of a NOT NULL constraint.
      // Measured on PGlite (not-null-bound-orm-ddl-on-pglite.test.ts). A name not known to be
      // another kind (`t_pkey`, one the series added as a key or a check) may be such a one.
      if (!droppedOther(op, others)) forget();
      return;
    case 'drop_table':
    case 'alter_table':
      // A dropped table, a change of it Slipway does not model: what is NOT NULL in it is not known any more.
      forget();
      return;
    case 'other':
    case 'unread_sql':
      // A table made IF NOT EXISTS (maybe an older one), a statement on it not read.
      if (changesSchema(op) || op.createdIfMissing) forget();
  }
}

/** A DROP CONSTRAINT of a primary key by PostgreSQL's name for it, or of one `others` knows. */
function droppedOther(op: SchemaOp, others: ReadonlySet<string>): boolean {
  const name = op.constraintName?.toLowerCase();
  if (name === undefined || op.table === undefined) return false;
  return name === `${op.table.toLowerCase()}_pkey` || others.has(`${tableKey(op)}\u0000${name}`);
}
