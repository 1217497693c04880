import { namedLikeMigration, sqlScriptRole, throwawayDatabaseScript } from '../migrations/sql-script-role.js';
import { basename, dirnameSlash } from '../repo-paths.js';
import { groupBy } from '../group-by.js';

/** Fewer dated files than this in a subfolder is no runner's layout, only a stray script. */
const MIN_UPDATES = 2;

/**
 * An admin folder's own migrations. Some projects keep the scripts run by hand on a database
 * (create_db.sql, drop_db.sql, reset_tables.sql) in `admin/sql/` and the schema changes each
 * release applies to production beside them, in one subfolder of dated files: ListenBrainz's and
 * MusicBrainz's `admin/sql/updates/2021-03-01-remove-follow-list.sql`. The folder as a whole is
 * admin scripts; that subfolder is the migrations. Returns it when exactly one subfolder holds
 * only files named as a runner names migrations (and is no container's or test's setup).
 */
export function adminUpdatesFolder(folder: string, sqlFiles: readonly string[]): string | undefined {
  if (sqlScriptRole(folder) !== 'admin') return undefined;
  const byDir = groupBy(
    sqlFiles.filter((f) => dirnameSlash(f) !== folder),
    dirnameSlash,
  );
  const dated = [...byDir].filter(
    ([dir, files]) =>
      files.length >= MIN_UPDATES &&
      files.every((f) => namedLikeMigration(basename(f))) &&
      throwawayDatabaseScript(dir.slice(folder.length)) === undefined,
  );
  return dated.length === 1 ? dated[0]?.[0] : undefined;
}
