/**
 * Where a JS/TS migration tool's files are taken to be, by the folder's name alone: in a folder
 * named `migrations` or `migration`, or one whose name ends in `_migrations` or `-migrations`
 * (louislam/uptime-kuma's `db/knex_migrations/`, run by `knex.migrate.latest({ directory })`
 * with no knexfile), or one level below such a folder (a folder per database,
 * `migrations/postgres/`). `alterations` is a name for them too: logto-io/logto keeps its
 * `up`/`down` scripts in packages/schemas/alterations/ (its README: "The folder for all
 * alteration files"), run by its CLI's `logto db alteration deploy`. Knex, TypeORM, Sequelize, Kysely and MikroORM take any folder they are told;
 * these are the names projects give them. The layout table (layouts.ts) and init
 * (js-migration-layout.ts) share this one test.
 */
const IN_MIGRATION_FOLDER = /(^|\/)([\w.-]*[_-])?(migrations?|alterations)\/([^/]+\/)?[^/]+$/;

// The plain searches first: the expression is asked about every file of a tree, and a path that
// holds neither word (nearly all of them) cannot match it.
export const inJsMigrationFolder = (path: string): boolean =>
  (path.includes('migration') || path.includes('alterations')) && IN_MIGRATION_FOLDER.test(path);
