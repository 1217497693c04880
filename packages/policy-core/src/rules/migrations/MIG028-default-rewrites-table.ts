import type { SchemaOp } from '../../migrations/schema-op.js';
import { DEFAULT_POSTGRES_VERSION } from '../../policy/schema/migrations.js';
import { allowHint, type MigHistoryRule, quote } from './facts/mig-facts.js';
import { judgeFile, NEW_GUARDED_TABLE_DOC, type OpRuleSpec } from './facts/op-rule.js';
import { withNewGuardedTables } from './facts/new-guarded-tables.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs, TRACE_NOTE } from './facts/lock-docs.js';
import { reportFiles } from './facts/report-files.js';

/** Why adding this column rewrites the table on PostgreSQL `version`, or undefined when it does not. */
function rewriteReason(op: SchemaOp, version: number): string | undefined {
  if (op.kind !== 'add_column') return undefined;
  if (op.generatedStored) return 'a STORED generated column is computed for every existing row';
  if (op.defaultVolatility === 'volatile')
    return `its default calls ${op.volatileFunction ?? 'a volatile function'}, which is volatile: PostgreSQL writes a value into every existing row`;
  if (version < 11 && op.defaultVolatility !== undefined)
    return `before PostgreSQL 11 (the policy says migrations.postgres_version: ${version}) every default is written into every existing row`;
  return undefined;
}

/** What to do instead: a generated column has no default to set later. */
function saferRecipe(op: SchemaOp, version: number): string {
  if (op.generatedStored)
    return `Add it as a plain column kept up to date by a trigger and backfilled in batches${version >= 18 ? ', or as a VIRTUAL generated column (computed when read, nothing stored)' : ''}`;
  return 'Add it without the default (or nullable), set the default with ALTER COLUMN ... SET DEFAULT, and backfill in batches';
}

function spec(version: number): OpRuleSpec {
  return {
    exemptNewTables: true,
    matches: (op) => rewriteReason(op, version) !== undefined,
    message: (op, file) =>
      `column ${op.column ? `"${op.column}" ` : ''}added to ${quote(op.table)} rewrites the whole table under an ACCESS EXCLUSIVE lock: ${rewriteReason(op, version)}. ${saferRecipe(op, version)} (or ${allowHint(file, 'MIG028')}).`,
  };
}

/** MIG028: a column added with a default that makes PostgreSQL rewrite the table. */
export const defaultRewritesTable: MigHistoryRule = {
  id: 'MIG028',
  name: 'default-rewrites-table',
  family: 'MIG',
  dialects: ['postgresql'],
  facts: 'migration-history',
  defaultSeverity: 'warning',
  trace: 'rewrites-table-by-type',
  title: 'column default that rewrites the table',
  docs: {
    what:
      'A column added to an existing table with a default PostgreSQL must write into every row: a ' +
      'volatile default (`gen_random_uuid()`, `clock_timestamp()`, `random()`, `nextval()`, a serial or ' +
      'identity column), a STORED generated column, or, when `migrations.postgres_version` is below 11, ' +
      'any default. Alembic: `op.add_column` with `server_default=sa.text("gen_random_uuid()")`, ' +
      '`sa.func.gen_random_uuid()`, `sa.Identity()` or `sa.Computed(...)`. Django: `AddField` with ' +
      '`db_default=RandomUUID()`, `UUID4()`, `UUID7()`, `Random()`, or a `Func`/`RawSQL` naming a volatile ' +
      'function (a `default=` is computed once in Python and sent as one value: a constant). A constant or stable default ' +
      "(`0`, `'free'`, `now()`) is fine on PostgreSQL 11+. Tables created in the same migration are exempt. " +
      NEW_GUARDED_TABLE_DOC,
    why:
      'Writing a value into every row means rewriting the whole table and its indexes while holding an ' +
      'ACCESS EXCLUSIVE lock: no read or write of the table until it is done. ' +
      TRACE_NOTE,
    fix:
      'Add the column without the default (nullable), then `ALTER COLUMN ... SET DEFAULT` (affects new ' +
      'rows only, no rewrite), then backfill existing rows in batches; set NOT NULL later through a ' +
      'validated CHECK. Functions Slipway does not know (your own) are taken as non-volatile: `slipway ' +
      'trace` shows whether they rewrite.',
    suppress: suppressDocs('MIG028'),
    examples: [
      migrationExample(
        'flagged',
        'uuid_default',
        'op.add_column("orders", sa.Column("public_id", sa.Uuid(), server_default=sa.text("gen_random_uuid()")))',
      ),
      migrationExample(
        'fine',
        'constant_default',
        'op.add_column("orders", sa.Column("status", sa.String(), server_default="new", nullable=False))',
      ),
      sqlExample(
        'flagged',
        'uuid_default',
        'ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();',
      ),
      sqlExample(
        'fine',
        'stable_default',
        'ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();',
      ),
    ],
  },
  check(facts) {
    const s = spec(facts.section.postgres_version ?? DEFAULT_POSTGRES_VERSION);
    // A table made IF NOT EXISTS that the history says is new is exempt as a new table.
    return reportFiles(facts).flatMap((file) => {
      const path = file.kind === 'module' ? file.module.path : file.file.path;
      return judgeFile(this, s, withNewGuardedTables(facts, file, path));
    });
  },
};
