// The one list of folder names that hold SQL migrations: init's search for .sql folders
// (migration-layout.ts), its choice of which files to propose (sql-folder-files.ts, sql-folder-kind.ts)
// and check's coverage table (layouts/layouts.ts) all read it, so a name one knows the others know.

/**
 * What a folder's name says about its .sql files:
 * - `migrations`: a runner's series outright; init proposes every file that is not a script.
 * - `data migrations`: one-off data changes, as often run by hand (umami-software/umami's
 *   `db/postgresql/data-migrations/`, unnumbered, a MySQL section after the PostgreSQL one) as by
 *   a runner; init proposes them only when their names or comments say a runner's, else names them
 *   as not judged, and check lists them (COV001).
 * - `weak`: much less (`sql/`, `schema/`); init proposes a runner's series found there, check's
 *   coverage does not count them (most such folders hold no migrations).
 */
export type SqlFolderNameKind = 'migrations' | 'data migrations' | 'weak';

const SQL_FOLDER_NAMES: ReadonlyMap<string, SqlFolderNameKind> = new Map([
  ['migrations', 'migrations'],
  ['migration', 'migrations'],
  ['migrate', 'migrations'],
  ['db-migrations', 'migrations'],
  ['data-migrations', 'data migrations'],
  ['sql', 'weak'],
  ['schema', 'weak'],
]);

/** What the folder name (one segment, no slash) says, or undefined for a name that is none of these. */
export function sqlFolderNameKind(name: string): SqlFolderNameKind | undefined {
  return SQL_FOLDER_NAMES.get(name);
}

/** Whether some folder of `path` (a file's repo path) has a name of `kind`. */
export function inSqlFolderOf(path: string, kind: SqlFolderNameKind): boolean {
  const parts = path.split('/');
  parts.pop();
  return parts.some((p) => SQL_FOLDER_NAMES.get(p) === kind);
}

/** The names of `kind`, in the list's order, as docs say them (`migrations/`, `migration/`). */
export function sqlFolderNamesOf(kind: SqlFolderNameKind): string[] {
  return [...SQL_FOLDER_NAMES].filter(([, k]) => k === kind).map(([n]) => n);
}
