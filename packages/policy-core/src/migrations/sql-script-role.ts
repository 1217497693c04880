/**
 * .sql files that sit beside migrations but do something else: set up a throwaway database for a
 * container or a test, administer a database by hand, seed or reset one. Checked as migrations,
 * `DROP DATABASE` in `drop_db.sql` reads as a migration destroying production.
 */
export type SqlScriptRole = 'container init' | 'test' | 'admin' | 'seed data' | 'setup or reset script';

/** Folders a container runs on a fresh database's first start (the postgres image, devcontainers). */
const CONTAINER_INIT = /(^|\/)(docker-entrypoint-initdb\.d|initdb\.d|\.devcontainer|devcontainer)\//i;
const TEST = /(^|\/)(tests?|testing|testdata|spec|__tests__)\//i;
const ADMIN = /(^|\/)(admin|administration|maintenance|ops|tools|utils?|scripts|adhoc|ad-hoc)\//i;
const SEED = /(^|\/)(seeds?|seeders?|fixtures?|sample[-_]?data|samples?|demo)\//i;
const SEED_FILE = /^(seeds?|fixtures?|sample[-_]?data|demo[-_]?data|test[-_]?data)([-_.].*)?\.sql$/i;
/**
 * `create_db.sql`, `drop_database.sql`, `reset_tables.sql`, `init.sql`, `teardown.sql`,
 * `truncate_all.sql`: a whole database made, emptied or granted by hand. Not `create_users.sql`,
 * which a folder of unnumbered migrations may well hold.
 */
const SCRIPT_FILE =
  /^((create|drop|recreate)[-_](db|database|databases|tables|all|schemas?)|(reset|teardown|truncate|clean|cleanup|wipe|setup|bootstrap|init|initiali[sz]e|grants?|permissions)([-_](db|database|tables?|all|data|dev|local|schema))?)([-_.][^/]*)?\.sql$/i;

/**
 * A container's or a test's database setup: never production's schema, whatever DDL it holds.
 * MIG121 leaves these alone.
 */
export function throwawayDatabaseScript(path: string): 'container init' | 'test' | undefined {
  if (CONTAINER_INIT.test(path)) return 'container init';
  if (TEST.test(path)) return 'test';
  return undefined;
}

/**
 * What a .sql file under a migrations-looking folder is instead of a migration, from the folders
 * `below` the migration folder and its own name; undefined when nothing says so. `below` is the
 * path relative to that folder, so a repository kept under `tools/` is not all scripts.
 */
export function sqlScriptRole(below: string): SqlScriptRole | undefined {
  const throwaway = throwawayDatabaseScript(below);
  if (throwaway) return throwaway;
  const dir = below.slice(0, below.lastIndexOf('/') + 1);
  const base = below.slice(below.lastIndexOf('/') + 1);
  if (ADMIN.test(dir)) return 'admin';
  if (SEED.test(dir) || SEED_FILE.test(base)) return 'seed data';
  if (SCRIPT_FILE.test(base)) return 'setup or reset script';
  return undefined;
}

/**
 * Named as a runner names migrations: a number or a timestamp first (`001_`, `20240101120000_`,
 * Flyway's `V2__`, `R__` repeatables), an up/down pair (`*.up.sql`, diesel's `up.sql`), yoyo's
 * `.rollback.sql`. A folder of `.sql` files none of which is named so holds something else.
 */
export function namedLikeMigration(base: string): boolean {
  return (
    /^\d/.test(base) ||
    /^[VUR]\d*__/.test(base) ||
    /\.(up|down|rollback)\.sql$/i.test(base) ||
    /^(up|down)\.sql$/i.test(base)
  );
}
