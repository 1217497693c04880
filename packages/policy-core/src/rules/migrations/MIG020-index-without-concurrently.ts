import type { SchemaOp } from '../../migrations/schema-op.js';
import type { GuardedVerdict } from './facts/guarded-tables.js';
import { allowHint, quote } from './facts/mig-facts.js';
import { concurrentlyFix } from './facts/concurrently-fix.js';
import { outsideTransaction } from './facts/js-tool-advice.js';
import { opRule } from './facts/op-rule.js';
import { prismaShadowWraps } from './facts/prisma-advice.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

/** The fix in the form the migration is written in: an op.* argument, or SQL. */
function instead(op: SchemaOp, file: string): string {
  // Drizzle runs every pending migration in one transaction, where CONCURRENTLY fails (MIG021).
  if (op.wrappedBy === 'drizzle')
    return 'build it with CREATE INDEX CONCURRENTLY apart from `drizzle-kit migrate` (its one transaction refuses CONCURRENTLY)';
  // This project's Prisma sends a migration.sql of several statements as one query, one
  // transaction to PostgreSQL, in deploy or in migrate dev's shadow database (MIG021 says which).
  if (op.wrappedBy === 'prisma' || prismaShadowWraps(op))
    return "write CREATE INDEX CONCURRENTLY alone in a migration.sql of its own (this project's Prisma may send a file of several statements as one query, one transaction, where PostgreSQL refuses CONCURRENTLY)";
  if (file.endsWith('.sql'))
    return 'write CREATE INDEX CONCURRENTLY, outside any BEGIN ... COMMIT block (PostgreSQL refuses it inside a transaction)';
  if (op.django)
    return op.source === 'sql'
      ? 'write CREATE INDEX CONCURRENTLY in a migration with `atomic = False`'
      : 'use AddIndexConcurrently (django.contrib.postgres.operations) in a migration with `atomic = False`';
  // Each JS tool's own way out of its transaction (MIG021 says the same); Sequelize's builder has an option.
  if (op.js === 'sequelize' && op.source === 'op')
    return 'pass `concurrently: true` to addIndex, without a `transaction` (sequelize-cli runs each call on its own)';
  if (op.js) return outsideTransaction(op.js, 'CREATE INDEX CONCURRENTLY');
  if (op.source === 'sql')
    return 'write CREATE INDEX CONCURRENTLY inside `with op.get_context().autocommit_block():`';
  return 'pass postgresql_concurrently=True inside `with op.get_context().autocommit_block():`';
}

/** The index, as a message names it. */
const indexOn = (op: SchemaOp): string => `index ${op.index ? `"${op.index}" ` : ''}on ${quote(op.table)}`;

/**
 * An index on a table this migration made with CREATE TABLE IF NOT EXISTS: on a live table only
 * when the table was there before, which the history says (guarded-table-history.ts) or not.
 */
function onGuardedTable(op: SchemaOp, file: string, was: GuardedVerdict): string {
  const table = quote(op.table);
  const way = `${instead(op, file)}, or add ${allowHint(file, 'MIG020')}`;
  if ('existed' in was)
    return `${indexOn(op)} is created without CONCURRENTLY, blocking writes while it builds: ${table} was there before this migration (${was.existed.file} made or used it), so CREATE TABLE IF NOT EXISTS ${table} made nothing and the index is built on a live table; ${way}.`;
  return `${indexOn(op)} is created without CONCURRENTLY after CREATE TABLE IF NOT EXISTS ${table}, and whether ${table} was there before is not known, as ${was.unknown}: if it was not, the table is new and the index harmless; if it was, the index blocks writes to a live table while it builds; ${way}.`;
}

/** MIG020: CREATE INDEX without CONCURRENTLY on an existing table. */
export const indexWithoutConcurrently = opRule(
  {
    id: 'MIG020',
    name: 'index-without-concurrently',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    trace: 'blocks-writes',
    title: 'create index without CONCURRENTLY',
    docs: {
      what:
        'CREATE INDEX without CONCURRENTLY on an existing table. Tables created in the same revision ' +
        'are exempt (nothing else uses them yet), and so is `CREATE INDEX ... ON ONLY` a partitioned ' +
        "table's parent, which builds nothing. A table made with CREATE TABLE IF NOT EXISTS may be new or " +
        'an old one the CREATE left alone: Slipway reads the migrations before it in its series (in the ' +
        'order their runner runs them) and reports the index when one of them made or used the table, ' +
        'not when none names it (the table is made here); when SQL it does not read comes after their ' +
        'last word on the table, or another branch of the history makes it too, the finding says that ' +
        'whether the table was there is not known.',
      why:
        'On PostgreSQL, CREATE INDEX blocks writes to the table until the index is built, which on a ' +
        'large table is an outage.',
      fix:
        'Use `op.create_index(..., postgresql_concurrently=True)` inside `with ' +
        'op.get_context().autocommit_block():` (or CREATE INDEX CONCURRENTLY; in a .sql migration, ' +
        'outside a transaction block). The finding carries that fix, which `slipway check --fix` applies and the ' +
        'editor offers, only in a .sql migration where it is certain: the index is the only statement the file runs ' +
        'forward, in no BEGIN block, under goose (it adds `-- +goose NO TRANSACTION`; the way back must be one statement too), ' +
        'dbmate (it adds `transaction:false` to `-- migrate:up`) or golang-migrate (which wraps nothing); not under psql ' +
        '(`--single-transaction` would wrap the file, and that is not in it). In an Alembic revision, it moves the ' +
        '`op.create_index(...)` call, with `postgresql_concurrently=True`, into `with op.get_context().autocommit_block():`, ' +
        'only when it is the one operation of `upgrade()` (the block commits what ran before it) and a statement of its own ' +
        'lines directly in it, with no string spanning lines. In a Django migration, `migrations.AddIndex(...)` becomes ' +
        '`AddIndexConcurrently(...)` (imported from django.contrib.postgres.operations) and the Migration class gets ' +
        '`atomic = False`, only when the AddIndex is the one operation of `operations` and the class does not set `atomic`. ' +
        'No fix for an index Django makes from a field (`db_index=True`), nor in JS migrations.',
      suppress: suppressDocs('MIG020'),
      examples: [
        migrationExample(
          'flagged',
          'index',
          'op.create_index("ix_users_email", "users", ["email"])',
          'op.drop_index("ix_users_email", table_name="users")',
        ),
        migrationExample(
          'fine',
          'index_concurrently',
          'with op.get_context().autocommit_block():\n    op.create_index("ix_users_email", "users", ["email"], postgresql_concurrently=True)',
          'with op.get_context().autocommit_block():\n    op.drop_index("ix_users_email", table_name="users", postgresql_concurrently=True)',
        ),
      ],
    },
  },
  {
    exemptNewTables: true,
    matches: (op) => op.kind === 'create_index' && op.concurrently !== true && op.onlyParent !== true,
    fix: concurrentlyFix,
    onGuardedTable,
    message: (op, file) =>
      `${indexOn(op)} is created without CONCURRENTLY, blocking writes while it builds; ${instead(op, file)}, or add ${allowHint(file, 'MIG020')}.`,
  },
);
