import type { SchemaOp, SchemaOpKind } from '../../migrations/schema-op.js';
import { TRANSACTION_OPT_OUT_HINT } from '../../migrations/sql-migration-parts.js';
import { opRule } from './facts/op-rule.js';
import { prismaConcurrentlyMessage, prismaShadowWraps } from './facts/prisma-advice.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

const REFUSED_CONCURRENTLY: ReadonlySet<SchemaOpKind> = new Set([
  'create_index',
  'drop_index',
  'reindex',
  'detach_partition',
]);

/** CONCURRENTLY work PostgreSQL refuses inside a transaction block (REFRESH ... CONCURRENTLY is allowed). */
function refusedInTransaction(op: SchemaOp): boolean {
  return REFUSED_CONCURRENTLY.has(op.kind) && op.concurrently === true;
}

/** MIG021: CONCURRENTLY index operations inside Alembic's migration transaction. */
export const concurrentlyOutsideAutocommit = opRule(
  {
    id: 'MIG021',
    name: 'concurrently-outside-autocommit',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'error',
    trace: 'not-a-lock',
    title: 'CONCURRENTLY outside autocommit_block()',
    docs: {
      what:
        "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY or DETACH PARTITION CONCURRENTLY inside Alembic's migration transaction, in `upgrade()` or " +
        '`downgrade()` (it fails whichever way it runs), inside an explicit BEGIN ... COMMIT block ' +
        'of a .sql migration, or in a .sql migration whose runner (`migrations.sql_runner`) runs each ' +
        'file in a transaction unless it opts out: goose (`-- +goose NO TRANSACTION`), sql-migrate ' +
        '(`-- +migrate Up notransaction`) and dbmate (`-- migrate:up transaction:false`), and Drizzle, which runs ' +
        'every pending migration in one transaction with no opt-out; or in a Prisma migration.sql that holds another ' +
        'statement too (a `SET lock_timeout` counts) where the Prisma that applies it sends the file as one query, which ' +
        'PostgreSQL runs as one transaction (a file of the CONCURRENTLY statement alone is fine): Prisma before 7.4.0 ' +
        'does in `prisma migrate deploy`, and before 7.8.0 still in the shadow database `prisma migrate dev` replays ' +
        'every migration into; from 7.4.0 deploy runs the file statement by statement when its SQL parser reads every ' +
        'statement, which it does not for DROP INDEX CONCURRENTLY (REINDEX and DETACH PARTITION ... CONCURRENTLY: Slipway ' +
        'cannot tell, and reports them). The version is the one the lock installs for `prisma` (else `@prisma/client`) ' +
        'of the nearest package.json from the migrations folder up that names it, else the range package.json asks for ' +
        'when all of it falls on one side; when it cannot be told (a range across 7.4.0, a tag, no package.json naming ' +
        'Prisma) the finding stands and says so. How other ' +
        "runners wrap a file is not in the file (Diesel's metadata.toml, Flyway's own detection), so " +
        'there only explicit blocks count.',
      why:
        'PostgreSQL refuses these CONCURRENTLY forms inside a transaction block, and Alembic runs ' +
        'each migration in one: the deploy fails at this line.',
      fix:
        'Put the call inside `with op.get_context().autocommit_block():`; in a .sql migration, move it ' +
        'outside the transaction block; in a Prisma migration, put it alone in a migration.sql of its own, or upgrade Prisma ' +
        'to 7.8.0 or later (and commit the lock that says so); in a Django migration, set `atomic = False` on the Migration ' +
        '(`AddIndexConcurrently` / `RemoveIndexConcurrently`, or CONCURRENTLY in `RunSQL`); in a Knex migration, export ' +
        '`config = { transaction: false }` (Knex runs each migration in a transaction otherwise); in a TypeORM migration, ' +
        'set `transaction = false` on the class and run with `--transaction each`; in a Sequelize migration, call it without ' +
        'passing `transaction` (sequelize-cli runs each call on its own); in a MikroORM migration, put it in a migration of its own ' +
        'whose `isTransactional()` returns false (the Migrator runs every other one in a transaction).',
      suppress: suppressDocs('MIG021'),
      examples: [
        migrationExample(
          'flagged',
          'index_in_transaction',
          'op.create_index("ix_users_email", "users", ["email"], postgresql_concurrently=True)',
        ),
        migrationExample(
          'fine',
          'index_autocommit',
          'with op.get_context().autocommit_block():\n    op.create_index("ix_users_email", "users", ["email"], postgresql_concurrently=True)',
        ),
      ],
    },
  },
  {
    includeDowngrade: true,
    // A .sql migration is judged by its own BEGIN ... COMMIT blocks, and by its runner's
    // transaction where the policy names a runner that wraps each file in one (unless it opts out).
    matches: (op) => refusedInTransaction(op) && !op.inAutocommit,
    matchesSql: (op) =>
      refusedInTransaction(op) &&
      (op.inTransaction === true || op.wrappedBy !== undefined || prismaShadowWraps(op)),
    message: (op, file) =>
      op.js === 'knex'
        ? `${op.label} runs CONCURRENTLY inside the transaction Knex runs each migration in, which PostgreSQL rejects; export \`config = { transaction: false }\` from this migration (\`exports.config\` or \`export const config\`) and keep it to statements that need no transaction.`
        : op.js === 'mikro_orm'
          ? `${op.label} runs CONCURRENTLY inside the transaction MikroORM's Migrator runs each migration in (\`isTransactional()\` is true unless the class overrides it), which PostgreSQL rejects; move it to a migration of its own whose \`isTransactional()\` returns false.`
          : op.js === 'kysely'
            ? `${op.label} runs CONCURRENTLY inside the transaction Kysely's Migrator runs migrations in on PostgreSQL, which PostgreSQL rejects; run this migration with a Migrator made with \`disableTransactions: true\`, or outside the Migrator.`
            : op.js === 'sequelize'
              ? `${op.label} runs CONCURRENTLY inside the transaction its options pass, which PostgreSQL rejects; call it without \`transaction\` (sequelize-cli runs each call on its own unless told otherwise), outside \`queryInterface.sequelize.transaction(...)\`.`
              : op.js === 'typeorm'
                ? `${op.label} runs CONCURRENTLY inside the migration's transaction, which PostgreSQL rejects; set \`transaction = false\` on the migration class and run migrations with \`--transaction each\` (TypeORM refuses a per-migration override under its default \`all\`), or call \`queryRunner.commitTransaction()\` before it and \`startTransaction()\` after.`
                : op.django
                  ? `${op.label} runs CONCURRENTLY inside the migration's transaction (Django runs a migration in one unless it says \`atomic = False\`), which PostgreSQL rejects; set \`atomic = False\` on the Migration class and keep the operation in a migration of its own.`
                  : !file.endsWith('.sql')
                    ? `${op.label} runs CONCURRENTLY inside the migration's transaction, which PostgreSQL rejects; wrap it in \`with op.get_context().autocommit_block():\`.`
                    : op.wrappedBy === 'prisma' || (!op.inTransaction && prismaShadowWraps(op))
                      ? // A COMMIT in the file does not help: the statements after it still run in the one Query's implicit transaction.
                        prismaConcurrentlyMessage(op)
                      : op.inTransaction || !op.wrappedBy
                        ? `${op.label} runs CONCURRENTLY inside a BEGIN ... COMMIT block, which PostgreSQL rejects; move it after the COMMIT, outside any transaction block.`
                        : op.wrappedBy === 'drizzle'
                          ? `${op.label} runs CONCURRENTLY inside the one transaction Drizzle runs every pending migration in, which PostgreSQL rejects; ${TRANSACTION_OPT_OUT_HINT.drizzle}.`
                          : `${op.label} runs CONCURRENTLY inside the transaction ${op.wrappedBy} runs each migration in, which PostgreSQL rejects; ${TRANSACTION_OPT_OUT_HINT[op.wrappedBy]} (and keep the file to statements that need no transaction).`,
  },
);
