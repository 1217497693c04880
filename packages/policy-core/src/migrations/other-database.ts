/**
 * Migrations for another database than PostgreSQL, told by the folders they sit in: projects that
 * support several databases keep one migration tree per database (`schema/mysql/`,
 * `versions/sqlite/`, `riversqlite/migration/`). Slipway's MIG rules judge PostgreSQL's locks, so
 * init proposes only the PostgreSQL trees and says which it left out; a person can add one back.
 */
const OTHER_DATABASES = [
  'mysql',
  'mariadb',
  'sqlite',
  'mssql',
  'sqlserver',
  'oracle',
  'clickhouse',
  'cassandra',
  'spanner',
  'tidb',
  'snowflake',
  'bigquery',
  'duckdb',
  'cockroach',
  'redshift',
];

/** The other database a folder path names in one of its segments, or undefined. */
export function otherDatabaseOf(folder: string): string | undefined {
  for (const segment of folder.toLowerCase().split('/')) {
    if (segment === '') continue;
    const hit = OTHER_DATABASES.find((db) => segment.includes(db));
    if (hit) return hit;
  }
  return undefined;
}

export interface NarrowedFolders {
  /** The folders (each with its trailing slash) whose files are all PostgreSQL's, as far as names tell. */
  keep: string[];
  /** What was left out, one line each for init's decisions. */
  left: string[];
}

/**
 * `dir` (with its trailing slash) as the folders under it that hold no other database's files:
 * `dir` itself when none of its subfolders names one, else its subfolders, narrowed the same way.
 * Files directly in a folder beside other databases' subfolders are left out, and said so.
 */
export function postgresFolders(dir: string, files: readonly string[], kind: string): NarrowedFolders {
  const db = otherDatabaseOf(dir);
  if (db)
    return { keep: [], left: [`${dir}: named for ${db}; its ${kind} are not PostgreSQL's, not checked`] };
  if (!files.some((f) => otherDatabaseOf(f.slice(dir.length, f.lastIndexOf('/') + 1)) !== undefined))
    return { keep: [dir], left: [] };
  const bySubfolder = new Map<string, string[]>();
  let loose = 0;
  for (const f of files) {
    const rest = f.slice(dir.length);
    const slash = rest.indexOf('/');
    if (slash < 0) {
      loose++;
      continue;
    }
    const sub = `${dir}${rest.slice(0, slash + 1)}`;
    const group = bySubfolder.get(sub);
    if (group) group.push(f);
    else bySubfolder.set(sub, [f]);
  }
  const out: NarrowedFolders = { keep: [], left: [] };
  if (loose > 0)
    out.left.push(
      `${dir}: ${loose} ${kind} beside other databases' folders; not checked (add them by hand if PostgreSQL runs them)`,
    );
  for (const [sub, inside] of [...bySubfolder].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const narrowed = postgresFolders(sub, inside, kind);
    out.keep.push(...narrowed.keep);
    out.left.push(...narrowed.left);
  }
  return out;
}
