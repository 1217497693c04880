import type { SchemaOp } from '../../migrations/schema-op.js';
import { allowHint, quote } from './facts/mig-facts.js';
import { builderDefault } from './facts/js-tool-advice.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

/** MIG022: add a NOT NULL column without a server default to an existing table. */
export const notNullColumnWithoutDefault = opRule(
  {
    id: 'MIG022',
    name: 'not-null-column-without-default',
    family: 'MIG',
    facts: 'migration-file',
    defaultSeverity: 'error',
    trace: 'not-a-lock',
    title: 'add NOT NULL column without server_default',
    docs: {
      what:
        'Add a NOT NULL column without a server default to an existing table. Tables created in the ' +
        'same revision are exempt.',
      why:
        'Adding a column with `nullable=False` and no `server_default` fails on any table that has rows ' +
        '(existing rows would be NULL), so the deploy breaks on production while it passed on an empty ' +
        'developer database.',
      fix: 'Give it a `server_default`, or add it nullable, backfill, then set NOT NULL.',
      suppress: suppressDocs('MIG022'),
      examples: [
        migrationExample(
          'flagged',
          'not_null_column',
          'op.add_column("users", sa.Column("plan", sa.String(), nullable=False))',
          'op.drop_column("users", "plan")',
        ),
        migrationExample(
          'fine',
          'not_null_with_default',
          'op.add_column("users", sa.Column("plan", sa.String(), nullable=False, server_default="free"))',
          'op.drop_column("users", "plan")',
        ),
      ],
    },
  },
  {
    exemptNewTables: true,
    matches: (op) => op.kind === 'add_column' && op.notNull === true && op.hasDefault !== true,
    message: (op, file) =>
      `column ${op.column ? `"${op.column}" ` : ''}is added to ${quote(op.table)} as NOT NULL without a server default, which fails when the table has rows${unknownClass(op)}; ${defaultFix(op, file)} or add it nullable, backfill, then set NOT NULL (or ${allowHint(file, 'MIG022')}).`,
  },
);

/**
 * A Django field of a class Slipway does not know, written with blank=True or auto_now: Django gives
 * some classes a default for those (an empty string when the class allows one, the time for a date
 * class), which Slipway cannot tell of this one, so it says so rather than assume either.
 */
function unknownClass(op: SchemaOp): string {
  if (op.djangoUnknownField === undefined) return '';
  return `, unless Django gives it a default (it does for blank=True when the class allows empty strings, and for auto_now), which Slipway cannot tell: it does not know the field class ${op.djangoUnknownField}`;
}

/** A default in the form the migration is written in. */
function defaultFix(op: SchemaOp, file: string): string {
  if (op.source === 'sql' || file.endsWith('.sql')) return 'give it a DEFAULT';
  if (op.js) return builderDefault(op.js);
  if (op.django) return 'give the field a `default` (or a `db_default`)';
  return 'add server_default=...';
}
