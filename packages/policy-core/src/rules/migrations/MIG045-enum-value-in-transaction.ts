import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import { DEFAULT_POSTGRES_VERSION } from '../../policy/schema/migrations.js';
import { LineIndex } from '../../text-position.js';
import { allowHint, type MigHistoryRule, type MigrationFile, opFile, quote } from './facts/mig-facts.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';
import { reportFiles } from './facts/report-files.js';
import { transactionWalk, txOf } from './facts/transactions.js';

/** A value ALTER TYPE … ADD VALUE added in a transaction still open. */
interface Added {
  op: SchemaOp;
  type: string;
  value: string;
}

/** `'it''s'`: a value as a quoted literal, as SQL (and a Python string holding SQL) writes it. */
const sqlLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * Whether a statement's text names `value` as a literal: in SQL `'value'`, and in an Alembic or
 * Django call also `"value"` (a Python string: a server_default, an argument). Read only for a
 * statement after an ADD VALUE in the same transaction.
 */
function namesValue(text: string, value: string, sqlFile: boolean): boolean {
  if (text.includes(sqlLiteral(value))) return true;
  return !sqlFile && text.includes(JSON.stringify(value));
}

/** MIG045: an enum value added in a transaction that fails there, or is used before its commit. */
export const enumValueInTransaction: MigHistoryRule = {
  id: 'MIG045',
  name: 'enum-value-in-transaction',
  family: 'MIG',
  dialects: ['postgresql'],
  facts: 'migration-history',
  defaultSeverity: 'error',
  trace: 'not-a-lock',
  title: 'enum value added in a transaction, and used there',
  docs: {
    what:
      "`ALTER TYPE t ADD VALUE` inside a transaction (Alembic's `upgrade()`, a Django migration unless " +
      '`atomic = False`, a JS migration unless told otherwise, a BEGIN block, a .sql file its runner wraps) ' +
      "whose value a later statement of the same transaction names as a literal (`'v'` in SQL, also " +
      '`"v"` in a Python call: a `server_default`, an UPDATE, a CHECK). When `migrations.postgres_version` ' +
      'is below 12, every ADD VALUE inside a transaction. An enum type created earlier in the same ' +
      'transaction is exempt on every version. A value passed as a bind parameter is not seen.',
    why:
      'PostgreSQL refuses it and the deploy fails at that statement, rolling back the whole migration: ' +
      'from version 12, "unsafe use of new value" (an uncommitted enum value cannot be stored or ' +
      'compared); before 12, "ALTER TYPE ... ADD cannot run inside a transaction block" at the ADD ' +
      'VALUE itself. (PostgreSQL documentation, ALTER TYPE, Notes.)',
    fix:
      'Add the value in a transaction of its own and use it in the next: Alembic ' +
      '`with op.get_context().autocommit_block(): op.execute("ALTER TYPE t ADD VALUE \'v\'")`, then the ' +
      'rest; a Django migration with `atomic = False`, or the value in one migration and its use in the ' +
      'next; in a .sql migration a COMMIT between them (under a runner that wraps files: its way to run ' +
      'a file outside a transaction, and the use in the next file).',
    suppress: suppressDocs('MIG045'),
    examples: [
      migrationExample(
        'flagged',
        'add_and_use',
        'op.execute("ALTER TYPE order_status ADD VALUE \'archived\'")\n' +
          "op.execute(\"UPDATE orders SET status = 'archived' WHERE closed_at < now() - interval '1 year'\")",
      ),
      migrationExample(
        'fine',
        'add_then_commit',
        'with op.get_context().autocommit_block():\n' +
          '    op.execute("ALTER TYPE order_status ADD VALUE \'archived\'")\n' +
          "op.execute(\"UPDATE orders SET status = 'archived' WHERE closed_at < now() - interval '1 year'\")",
      ),
      sqlExample(
        'flagged',
        'add_and_default',
        "BEGIN;\nALTER TYPE order_status ADD VALUE 'archived';\n" +
          "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'archived';\nCOMMIT;",
      ),
      sqlExample(
        'fine',
        'add_then_default',
        "ALTER TYPE order_status ADD VALUE 'archived';\n" +
          "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'archived';",
      ),
    ],
  },
  check(facts) {
    const version = facts.section.postgres_version ?? DEFAULT_POSTGRES_VERSION;
    const texts = new Map<string, LineIndex | undefined>();
    const textOf = (path: string) => {
      if (!texts.has(path)) {
        const text = facts.ctx.repo.readFile(path);
        texts.set(path, text === undefined ? undefined : new LineIndex(text));
      }
      return texts.get(path);
    };
    return reportFiles(facts).flatMap((file) => judge(this, file, version, textOf));
  },
};

function judge(
  rule: typeof enumValueInTransaction,
  file: MigrationFile,
  version: number,
  textOf: (path: string) => LineIndex | undefined,
): Finding[] {
  const out: Finding[] = [];
  const path = file.kind === 'module' ? file.module.path : file.file.path;
  // Enum types made in each transaction, and the values added there not yet used.
  const made = new Map<string, number>();
  const added = new Map<number, Added[]>();
  for (const step of transactionWalk(file).steps) {
    const { op } = step;
    const tx = txOf(step);
    if (tx === undefined || op.back) continue;
    if (op.enum && op.enum.added === undefined) made.set(op.enum.type, tx);
    if (op.enum?.added !== undefined) {
      if (made.get(op.enum.type) === tx) continue;
      const at = opFile(op, path);
      if (version < 12) {
        out.push(
          findingOf(
            rule,
            at,
            op.range,
            `${op.label} adds a value to enum ${quote(op.enum.type)} inside a transaction, which PostgreSQL before 12 refuses (migrations.postgres_version: ${version}): the deploy fails here; run it outside any transaction block (or ${allowHint(at, 'MIG045')}).`,
          ),
        );
        continue;
      }
      added.set(tx, [...(added.get(tx) ?? []), { op, type: op.enum.type, value: op.enum.added }]);
      continue;
    }
    const pending = added.get(tx);
    if (!pending?.length || op.transaction !== undefined) continue;
    const at = opFile(op, path);
    const lines = textOf(at);
    if (!lines) continue;
    const span = op.detail ?? op.range;
    const text = lines.text.slice(lines.offset(span.start), lines.offset(span.end));
    const used = pending.find((a) => namesValue(text, a.value, at.endsWith('.sql')));
    if (!used) continue;
    added.set(
      tx,
      pending.filter((a) => a !== used),
    );
    out.push(
      findingOf(
        rule,
        at,
        op.range,
        `${op.label} uses ${sqlLiteral(used.value)}, the value ${used.op.label} added to enum ${quote(used.type)} earlier in the same transaction: PostgreSQL refuses a new enum value until it is committed ("unsafe use of new value"), so the deploy fails here; add the value in a transaction of its own (or ${allowHint(at, 'MIG045')}).`,
        [
          {
            file: opFile(used.op, path),
            range: used.op.range,
            message: `the ADD VALUE of ${sqlLiteral(used.value)}`,
          },
        ],
      ),
    );
  }
  return out;
}
