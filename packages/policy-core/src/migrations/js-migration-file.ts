/**
 * The files each tool loads from its folder. Knex (lib/migrations/migrate/sources/fs-migrations.js)
 * reads the folder itself, not its subfolders, keeping the names whose extension is one of
 * DEFAULT_LOAD_EXTENSIONS (.js, .cjs, .mjs, .ts among them); TypeORM loads the files its
 * `migrations` glob names, in practice `migrations/*.{ts,js}`. Type declarations and tests are no
 * migrations of either. Apart from the series reader (js-tree.ts), so that the agent gate's path
 * roles can ask without loading the JavaScript parser.
 */
export function isJsMigrationFile(path: string): boolean {
  return (
    /\.[cm]?[jt]s$/.test(path) && !/\.d\.[cm]?ts$/.test(path) && !/\.(test|spec)\.[cm]?[jt]s$/.test(path)
  );
}
