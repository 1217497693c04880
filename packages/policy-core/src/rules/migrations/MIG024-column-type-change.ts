import { allowHint, quote, namedColumn } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { expandContractFixDoc, suppressDocs } from './facts/lock-docs.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import { sqlTypeText } from '../../migrations/sqlalchemy-type.js';

/** MIG024: change a column's type. */
export const columnTypeChange = opRule(
  {
    id: 'MIG024',
    name: 'column-type-change',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    trace: 'rewrites-table-by-type',
    title: 'column type change',
    docs: {
      what:
        "Change a column's type. Tables created in the same revision are exempt, and so is a change " +
        'PostgreSQL makes without a rewrite when both types are known (`existing_type=sa.String(60), ' +
        'type_=sa.String(255)`: a varchar limit raised or removed, varchar to text, a numeric precision ' +
        'raised at the same scale; the type left as it was). In SQL a series runs (a `.sql`, Prisma or Drizzle migration, the ' +
        'SQL of a TypeORM or Knex one) the type before is read from the series itself: the CREATE TABLE, ADD COLUMN or ' +
        'ALTER COLUMN TYPE before it, in the order its runner runs them (a USING expression or a COLLATE clause is never ' +
        'exempt). An array whose element type changes is never exempt: PostgreSQL ' +
        'recasts it element by element, so `varchar(255)[]` to `varchar(1024)[]`, `varchar[]` to `text[]` ' +
        'and `integer[]` to `bigint[]` all rewrite the table (measured on PostgreSQL 15). A Sequelize `changeColumn` always sends ' +
        'a type: the type before is read from the createTable or addColumn (and changeColumn) of the ' +
        'migrations before it, so one that only changes `allowNull` or `defaultValue` is not flagged; ' +
        'where that type is not known, the finding says why.',
      why:
        'Changing a column type usually rewrites the table under an ACCESS EXCLUSIVE lock and can break ' +
        'code that reads the column.',
      fix:
        'Add a new column of the new type, backfill, switch readers, then drop the old one.' +
        expandContractFixDoc(
          '`<column>_new` of the new type (no fix with a USING expression or COLLATE, which the trigger could not repeat; the contract then drops the old column and gives the new one its name)',
          '`op.alter_column(..., type_=..., existing_type=..., existing_nullable=True)` without `postgresql_using`',
        ),
      suppress: suppressDocs('MIG024'),
      examples: [
        migrationExample(
          'flagged',
          'bigint_id',
          'op.alter_column("users", "id", type_=sa.BigInteger(), existing_type=sa.Integer())',
        ),
        migrationExample(
          'fine',
          'new_bigint_column',
          'op.add_column("users", sa.Column("id_big", sa.BigInteger()))',
          'op.drop_column("users", "id_big")',
        ),
      ],
    },
  },
  {
    exemptNewTables: true,
    matches: (op) => op.kind === 'alter_column_type' && op.inPlace !== true,
    message: (op, file) =>
      `the type of ${namedColumn(op.column)} of ${quote(op.table)} changes${typeChange(op)}, which ${rewrites(op)} under an exclusive lock; add a new column and backfill instead, or add ${allowHint(file, 'MIG024')}.`,
  },
);

/** What is known of the change (Sequelize: the type before, from the series), for the message. */
function typeChange(op: SchemaOp): string {
  const before = op.typeBefore;
  if (!before) return '';
  const to = op.declaredType ? sqlTypeText(op.declaredType) : undefined;
  if ('type' in before) return ` from ${sqlTypeText(before.type)}${to ? ` to ${to}` : ''}`;
  return `${to ? ` to ${to}` : ''} (Slipway cannot tell whether the type changes at all: its type before is not known, ${before.unknown})`;
}

/**
 * An array's change is a rewrite even when its element type only widens: PostgreSQL casts an
 * array column element by element (an ArrayCoerceExpr), which ATColumnChangeRequiresRewrite
 * (src/backend/commands/tablecmds.c) never treats as binary coercible. Measured on PostgreSQL 15:
 * varchar(255)[] to varchar(1024)[], varchar[] to text[] and int[] to bigint[] all give the table
 * a new relfilenode, where varchar(255) to varchar(1024) keeps it.
 */
function rewrites(op: SchemaOp): string {
  const before = op.typeBefore && 'type' in op.typeBefore ? op.typeBefore.type : undefined;
  return before?.array || (before && op.declaredType?.array)
    ? 'rewrites the table (PostgreSQL recasts an array element by element, even to a wider element type)'
    : 'may rewrite the table';
}
