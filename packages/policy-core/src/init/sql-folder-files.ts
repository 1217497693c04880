import {
  namedLikeMigration,
  type SqlScriptRole,
  sqlScriptRole,
  throwawayDatabaseScript,
} from '../migrations/sql-script-role.js';
import { basename } from '../repo-paths.js';
import { sqlFolderNameKind } from '../migrations/sql-folder-names.js';

/**
 * Which .sql files of a folder named like a migrations folder init proposes as migrations. A
 * runner's layout is recognised (files named with a number or timestamp, up/down pairs, a runner's
 * comments); admin, seed, reset, test and container-init scripts beside them are left out by a
 * `!` pattern, so `check` never reads `DROP DATABASE` in `drop_db.sql` as a migration.
 */
export interface SqlFolderFiles {
  /** The `migrations.sql` patterns: the folder, then a `!` pattern for each script left out. */
  patterns: string[];
  /** The .sql files proposed as migrations. */
  migrations: string[];
  /** Left out, each with what it is instead. */
  scripts: { path: string; role: SqlScriptRole }[];
  /** Why no file of the folder is proposed, when none is. */
  none?: string;
}

export function sqlFolderFiles(
  folder: string,
  sqlFiles: readonly string[],
  runnerSaid: boolean,
  /** The folder is an admin folder's dated updates (admin-updates.ts): its place is no verdict. */
  adminUpdates = false,
): SqlFolderFiles {
  // A name that says migrations outright (sql-folder-names.ts); `data-migrations/`, `sql/` and
  // `schema/` need the files' names or a runner's comments to say so too.
  const strongName = sqlFolderNameKind(basename(folder.slice(0, -1))) === 'migrations';
  // The folder itself under what it is (`admin/sql/`, `docker-entrypoint-initdb.d/sql/`): every
  // file is that. `scripts/db/migrations/` is still migrations: only a weak name gives way.
  const folderRole =
    throwawayDatabaseScript(folder) ?? (strongName || adminUpdates ? undefined : sqlScriptRole(folder));
  if (folderRole)
    return {
      patterns: [],
      migrations: [],
      scripts: sqlFiles.map((path) => ({ path, role: folderRole })),
      none: `${folderRole} scripts`,
    };
  const scripts: SqlFolderFiles['scripts'] = [];
  const migrations: string[] = [];
  for (const path of sqlFiles) {
    const role = sqlScriptRole(path.slice(folder.length));
    if (role && !namedLikeMigration(basename(path))) scripts.push({ path, role });
    else migrations.push(path);
  }
  if (
    migrations.length === 0 ||
    (!strongName && !runnerSaid && !migrations.some((f) => namedLikeMigration(basename(f))))
  )
    return {
      patterns: [],
      migrations: [],
      scripts,
      none:
        migrations.length === 0
          ? 'only scripts'
          : 'no file named as a runner names migrations (a number or timestamp first, up/down pairs) and no runner comments',
    };
  scripts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { patterns: [`${folder}**/*.sql`, ...leftOut(folder, scripts, sqlFiles)], migrations, scripts };
}

/**
 * `!` patterns for the scripts: a subfolder whose .sql files are all scripts as one `!dir/`,
 * the rest file by file.
 */
function leftOut(folder: string, scripts: SqlFolderFiles['scripts'], sqlFiles: readonly string[]): string[] {
  const script = new Set(scripts.map((s) => s.path));
  const subfolderOf = (path: string) => {
    const rest = path.slice(folder.length);
    const slash = rest.indexOf('/');
    return slash < 0 ? undefined : `${folder}${rest.slice(0, slash + 1)}`;
  };
  const mixed = new Set<string>();
  for (const f of sqlFiles) {
    const sub = subfolderOf(f);
    if (sub && !script.has(f)) mixed.add(sub);
  }
  const out = new Set<string>();
  for (const { path } of scripts) {
    const sub = subfolderOf(path);
    out.add(sub && !mixed.has(sub) ? `!${sub}` : `!${path}`);
  }
  return [...out].sort();
}
