import { allowHint, runner, quote } from './facts/mig-facts.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import { columnKey, type EarlierInRevision, opRule, tableCreatedEarlier } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

/**
 * A backfill: an UPDATE that only sets columns this revision added (nullable, then filled, then
 * made NOT NULL). Every row gets a value where it had none; nothing is overwritten.
 */
function backfillsNewColumns(op: SchemaOp, earlier: EarlierInRevision): boolean {
  return (
    op.kind === 'update' &&
    op.columns !== undefined &&
    op.columns.length > 0 &&
    op.columns.every((c) => {
      const key = columnKey(op, c);
      return key !== undefined && earlier.columns.has(key);
    })
  );
}

/** Why the op's WHERE bounds nothing: none, or one of `col IS NOT NULL` on NOT NULL columns. */
function unbounded(op: SchemaOp): string {
  const columns = op.notNullBound;
  if (op.hasWhere !== false || !columns) return 'without WHERE';
  const tests = columns.map((c) => `${quote(c)} IS NOT NULL`).join(' and ');
  const them = columns.length > 1 ? 'those columns' : 'that column';
  return `with a WHERE that holds for every row (${tests}: the migrations before it make ${them} NOT NULL)`;
}

/** MIG006: DELETE or UPDATE without WHERE. */
export const unboundedDeleteUpdate = opRule(
  {
    id: 'MIG006',
    name: 'unbounded-delete-update',
    family: 'MIG',
    facts: 'migration-file',
    defaultSeverity: 'error',
    destructive: ['delete', 'update'],
    title: 'DELETE or UPDATE without WHERE',
    docs: {
      what:
        'A DELETE or UPDATE without WHERE in `upgrade()` SQL, in a SQLAlchemy `delete()`/`update()` ' +
        'construct passed to op.execute (without `.where(...)`), or in a .sql migration. A WHERE that ' +
        'reads no row (`WHERE true`, `WHERE 1 = 1`, an OR with such an arm) bounds nothing, nor does ' +
        'one that holds for every row it reads (`id = id`, `x IS NULL OR x IS NOT NULL`, `id IN ' +
        '(SELECT id FROM t)`, a join of the table with itself on one column, a DELETE … USING or UPDATE … FROM ' +
        "whose condition reads only the other tables (`USING teams t WHERE t.archived`: all rows or none), `id IS NOT NULL` (or a SQLAlchemy construct's `.where(t.c.id.isnot(None))`, Knex's `.whereNotNull('id')` alone or in an `orWhere` arm, Kysely's `.where('id', 'is not', null)`) where the " +
        "series' own migrations make `id` NOT NULL or its primary key before it (SQL, a serial or identity column, an Alembic `nullable=False` or primary key column, a Django field without `null=True`, a Knex `.notNullable()`, `increments` or `.primary()` column, a Kysely `notNull()`/`primaryKey()` column, a TypeORM `Table` column without `isNullable: true`, a Sequelize `allowNull: false`, primary key or autoIncrement column; a TypeORM or Sequelize changeColumn that may make it take NULL undoes it; a dropped primary key leaves its columns NOT NULL, DROP NOT NULL or `nullable=True` undoes it; unknown, it is a bound); and a " +
        'MERGE that deletes or updates what a join reading no row matches (`ON true`), or every row ' +
        'WHEN NOT MATCHED BY SOURCE, is one too. Not reported for tables created earlier in the same ' +
        'revision (unless they hold the only rows of a table it dropped), nor for an UPDATE that only ' +
        'sets columns the same revision added (a backfill).',
      why: 'It touches every row: a mass deletion or overwrite on production.',
      fix: 'Add a WHERE clause, or suppress the finding with a reason.',
      suppress: suppressDocs('MIG006'),
      examples: [
        migrationExample('flagged', 'reset_flags', 'op.execute("UPDATE users SET is_beta = false")'),
        migrationExample(
          'fine',
          'reset_some_flags',
          'op.execute("UPDATE users SET is_beta = false WHERE signup_year < 2020")',
        ),
      ],
    },
  },
  {
    exempt: (op, earlier) => tableCreatedEarlier(op, earlier) || backfillsNewColumns(op, earlier),
    matches: (op) => (op.kind === 'delete' || op.kind === 'update') && op.hasWhere === false,
    message: (op, file) =>
      `${runner(file, op)} runs ${op.kind.toUpperCase()} on ${quote(op.table)} ${unbounded(op)} (${op.label}), touching every row; add a WHERE clause or ${allowHint(file, 'MIG006')}.`,
  },
);
