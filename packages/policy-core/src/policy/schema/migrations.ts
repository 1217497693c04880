import * as z from 'zod/mini';
import { defaulted, nonEmpty, optional, patternList } from './common.js';
import { repoPath } from './repo-path.js';
import { knexFolders, typeormFolders } from './series-folders.js';
import { timeoutMs } from '../../postgres-time.js';

/** Migration runners whose way-back conventions Slipway knows (see sql-migration-parts.ts). */
export const SQL_RUNNERS = [
  'plain',
  'psql',
  'golang-migrate',
  'goose',
  'sql-migrate',
  'dbmate',
  'flyway',
  'sqitch',
  'diesel',
  'yoyo',
  'pop',
  'prisma',
  'drizzle',
] as const;
export type SqlRunner = (typeof SQL_RUNNERS)[number];

/**
 * Runners that send a file as psql reads it (meta-commands, `\i`, variables), every statement
 * forward: `plain` (psql or a tool that runs the files whole, stopping at an error or wrapping
 * each file) and `psql` (`psql -f`, which goes on after a failed statement).
 */
export function readsAsPsql(runner: SqlRunner): boolean {
  return runner === 'plain' || runner === 'psql';
}

/** Databases whose migrations Slipway reads; the lock rules describe PostgreSQL's behaviour only. */
export const MIGRATION_DIALECTS = ['postgresql', 'sqlite', 'mysql'] as const;
export type MigrationDialect = (typeof MIGRATION_DIALECTS)[number];

export const databaseConfig = z.strictObject({
  url_env: optional(nonEmpty(), 'Environment variable holding the connection URL.'),
  url: optional(nonEmpty(), 'Connection URL (use url_env for anything with a password).'),
});

/** The oldest PostgreSQL major version the community still supports (14 until November 2026). */
export const DEFAULT_POSTGRES_VERSION = 14;

/**
 * `migrations.statement_timeout`: `required`, or the longest statement_timeout allowed, a time as
 * PostgreSQL writes one (`15min`; a bare number, quoted or not, is milliseconds). 0 is refused: it
 * is PostgreSQL's way to turn the timeout off, not a limit.
 */
const statementTimeoutPolicy = z.union([z.string(), z.number()]).check(
  z.superRefine((value, ctx) => {
    if (value === 'required') return;
    const ms = timeoutMs(value);
    if (ms === undefined || ms <= 0)
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is neither \`required\` nor a time above 0 such as \`15min\` (units ms, s, min, h, d)`,
      });
  }),
);

/** Alembic owns the schema: schema changes go through migrations, never around them. */
export const migrationsSection = z.strictObject({
  alembic: optional(
    z.union([repoPath(), z.array(repoPath()).check(z.minLength(1))]),
    'Alembic version folder (e.g. `alembic/versions`), or a list of folders that are independent Alembic trees, ' +
      'each its own revision graph. Folders are read recursively (nested release folders).',
  ),
  django: optional(
    z.union([repoPath(), z.array(repoPath()).check(z.minLength(1))]),
    "Django apps' migrations folders (e.g. `shop/migrations`), a list of them, or patterns (`*/migrations`, " +
      '`apps/**/migrations`: `*` one folder, `**` any). Each folder is one app (its label: the folder holding ' +
      '`migrations/`), its migrations read like Alembic revisions: the operations as the steps the MIG rules ' +
      'judge (models and fields as the tables and columns Django makes of them), `dependencies`, `replaces` ' +
      'and `run_before` as the revision graph.',
  ),
  knex: optional(
    knexFolders,
    'Knex migrations folder (e.g. `migrations`), or a list of folders, each its own series: the `.js`/`.ts` files ' +
      'of the folder (not its subfolders) in file name order, as Knex runs them. A knexfile whose `migrations.directory` ' +
      'lists several folders runs them as one series (one `knex_migrations` table): name them in one entry, ' +
      '`{ folders: [migrations, plugins/migrations] }`, and their files are one series in file name order across the ' +
      "folders, as Knex sorts them, or folder by folder with `sort_dirs_separately: true` (the knexfile's " +
      '`sortDirsSeparately: true`); `slipway init` writes it from the knexfile. `up` read as the steps the MIG rules ' +
      'judge (`knex.schema` calls, table builders, `knex.raw` SQL), `down` as the way back, `exports.config = ' +
      '{ transaction: false }` as a migration run outside a transaction.',
  ),
  typeorm: optional(
    typeormFolders,
    "TypeORM migrations folder (e.g. `src/migrations`), or a list of folders, each its own series: each file's " +
      'migration class in the order of the timestamp ending its name, as TypeORM runs them. A DataSource whose ' +
      '`migrations` lists classes of several folders runs them as one series: name those folders in one entry, ' +
      '`{ folders: [src/migrations, src/enterprise/migrations] }` (alone or in the list), and their classes are one ' +
      'series in the order of their timestamps, what one folder creates known to the others (`slipway init` writes it ' +
      'when it reads such an array). `up(queryRunner)` read as ' +
      'the steps the MIG rules judge (`queryRunner.query` SQL, `dropTable`, `dropColumn`, ...), `down` as the way back, ' +
      '`transaction = false` as a migration run outside a transaction.',
  ),
  sequelize: optional(
    z.union([repoPath(), z.array(repoPath()).check(z.minLength(1))]),
    "Sequelize migrations folder (sequelize-cli's `migrations`, or the `migrations-path` of `.sequelizerc`), or a list of " +
      'folders, each its own series: the `.js`/`.cjs`/`.ts` files of the folder in file name order, as sequelize-cli runs ' +
      'them; `up(queryInterface, Sequelize)` read as the steps the MIG rules judge (`createTable`, `removeColumn`, `addIndex`, ' +
      '`queryInterface.sequelize.query` SQL, ...), `down` as the way back. sequelize-cli runs a migration in no transaction: ' +
      'a call runs in one only when its options pass `transaction`.',
  ),
  kysely: optional(
    z.union([repoPath(), z.array(repoPath()).check(z.minLength(1))]),
    "Kysely migrations folder (the one its Migrator's FileMigrationProvider reads), or a list of folders, each its own " +
      'series: the files of the folder in name order, as the Migrator runs them; `up(db)` read as the steps the MIG rules ' +
      'judge (`db.schema` builders ending in `.execute()`, `sql` templates run with `.execute(db)`, ...), `down` as the ' +
      'way back. The Migrator runs them in a transaction on PostgreSQL unless it is made with `disableTransactions`, which the files do not say.',
  ),
  mikro_orm: optional(
    z.union([repoPath(), z.array(repoPath()).check(z.minLength(1))]),
    "MikroORM migrations folder (its Migrator's `path`/`pathTs`, e.g. `src/migrations`), or a list of folders, each its own " +
      "series: each file's class extending `Migration`, in file name order, as the Migrator runs them; `up()` read as the " +
      'steps the MIG rules judge (`this.addSql` and `this.execute` SQL, a Knex builder from `this.getKnex()`), `down()` as ' +
      'the way back. The Migrator runs each migration in a transaction unless its `isTransactional()` returns false ' +
      '(its `transactional: false` setting, in code, is not read).',
  ),
  baseline: optional(
    nonEmpty(),
    'Revision id of the empty baseline migration an existing database was stamped at (MIG120).',
  ),
  applied_through: optional(
    z.union([nonEmpty(), z.array(nonEmpty()).check(z.minLength(1))]),
    'What production has already run, when the deploy record does not say (before the first ' +
      '`slipway promote`): an Alembic revision id, a Django migration as `<app>.<name>` (`shop.0007_add_rank`, one per app), ' +
      'or the path of a migration file, or a list of them (one per tree). That revision and its ancestors, that .sql file and those before it in its ' +
      'folder (numbers compared as numbers), or that Knex, TypeORM, Sequelize, Kysely or MikroORM migration and those before it in the order the tool runs them, are history, as far as the commit that set this value held them unchanged (one added later under an earlier name, or edited since, is judged): the rules about what running a migration ' +
      'would do (destructive, locks, reversibility) do not judge them again; the revision-graph rules ' +
      'still do. Once the deploy record names the commit production runs, that decides instead.',
  ),
  sql: defaulted(
    patternList,
    [],
    'gitignore-style patterns of hand-written .sql migration files. They are checked like op.execute SQL, ' +
      'and DDL there is not "schema changed outside Alembic" (MIG121).',
  ),
  sql_runner: optional(
    z.enum(SQL_RUNNERS),
    'What runs the .sql migrations, which decides what of them runs forward. `plain` (default): every ' +
      'statement of every file, read as psql runs it (`\\i`/`\\ir` followed, `\\set` variables put in, `\\gexec` said), ' +
      'by a tool that stops at a failed statement or runs each file in a transaction. `psql`: read the same, run by ' +
      '`psql -f` without `-v ON_ERROR_STOP=1` or `--single-transaction`, which goes on after a failed statement: a swap ' +
      "whose copy may fail is no copy unless the file says `\\set ON_ERROR_STOP on` first or holds the copy and the old table's " +
      'drop in one BEGIN … COMMIT (MIG001). ' +
      '`golang-migrate` (also sqlx): `*.down.sql` is the way back. `goose`, ' +
      '`sql-migrate`, `dbmate`: the Down section of a file. `flyway`: undo files `U*__*.sql`. `sqitch`: ' +
      '`revert/`. `diesel`: `down.sql`. `yoyo`: `*.rollback.sql`. `pop`: `*.down.sql`, files named for ' +
      "another database (`*.mysql.up.sql`) are not PostgreSQL's, nor is a generic file whose version has a " +
      '`*.postgres.up.sql`, and `{{ }}` Go templates are read out. `prisma`: each ' +
      '`<timestamp>_<name>/migration.sql` runs forward, in folder-name order, one series per migrations folder; ' +
      'Prisma has no way back (reversibility is judged as for any runner without one); Prisma before 7.4.0 sends each ' +
      'file as one query, which PostgreSQL runs as one transaction when it holds several statements (CONCURRENTLY there ' +
      'is MIG021), and later ones statement by statement: which Prisma is read from package.json and its lock. ' +
      '`drizzle`: each file is ' +
      'cut at `--> statement-breakpoint` and its pieces run one by one, every pending migration inside one ' +
      'transaction (no opt-out: CONCURRENTLY there is MIG021); `meta/_journal.json` lists what runs (MIG150). ' +
      'The way back is judged only by ' +
      'the rules that judge downgrades; set by the policy, never guessed, so a file cannot opt out of ' +
      'the forward rules by its name or a comment.',
  ),
  dialect: defaulted(
    z.enum(MIGRATION_DIALECTS),
    'postgresql',
    'The database the migrations run on. The rules about what destroys data, reversibility and the ' +
      'revision graph judge every database; the lock rules (CONCURRENTLY, NOT VALID, lock_timeout, ' +
      "rewrites, …) and MIG030 (SQL PostgreSQL's parser cannot read) describe PostgreSQL and run only " +
      'for `postgresql` (the default). `slipway init` writes what it detects.',
  ),
  postgres_version: optional(
    z.number().check(z.int(), z.gte(9), z.lte(99)),
    'Major version of the oldest PostgreSQL the migrations run on (e.g. 16). Decides the version-dependent ' +
      'lock rules: before 11 any column default rewrites the table, from 11 on only a volatile one does ' +
      '(MIG028). Default: ' +
      `${DEFAULT_POSTGRES_VERSION}, the oldest major version the PostgreSQL project still supports. ` +
      "`slipway db audit` reads each database's real version and reports one that differs (DB007).",
  ),
  statement_timeout: optional(
    statementTimeoutPolicy,
    "What the policy asks of a migration's long operations (MIG046): `required`, a `statement_timeout` other than 0 " +
      'in force before each statement that works through the rows of an existing table (an index build, CONCURRENTLY ' +
      'too, a VALIDATE, SET NOT NULL, a rewrite, an UPDATE or DELETE of every row, ...); or a time such as `15min` ' +
      '(units ms, s, min, h, d, as PostgreSQL writes them; a bare number is milliseconds), which requires one too and ' +
      'reports one set above it. Unset (the default): not asked.',
  ),
  databases: optional(
    z.record(z.string(), databaseConfig),
    'Databases `slipway db audit` and `guard` read, by name (e.g. dev, prod).',
  ),
});
